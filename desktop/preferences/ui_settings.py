"""UI preferences kept in QSettings (per user, per machine): language, theme; the data folder.

Study rules that the CLI also needs (speeds, spacing, budget...) live in the database via
models/services/settings.py instead.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from desktop import i18n, theme
from models.paths import store_data_dir, stored_data_dir

KEY_LANGUAGE = "ui/language"
KEY_THEME = "ui/theme"
KEY_DATA_DIR = "data/dir"


class UiSettings:
    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings or QSettings()

    def _text(self, key: str, default: str) -> str:
        value = self._settings.value(key, default)
        return value if isinstance(value, str) and value else default

    @property
    def language(self) -> str:
        value = self._text(KEY_LANGUAGE, i18n.SYSTEM)
        return value if value in (*i18n.LANGUAGES, i18n.PSEUDO) else i18n.SYSTEM

    @language.setter
    def language(self, value: str) -> None:
        self._settings.setValue(KEY_LANGUAGE, value)

    @property
    def theme(self) -> str:
        value = self._text(KEY_THEME, theme.SYSTEM)
        return value if value in theme.MODES else theme.SYSTEM

    @theme.setter
    def theme(self, value: str) -> None:
        self._settings.setValue(KEY_THEME, value)

    @property
    def data_dir(self) -> str | None:
        """The folder chosen with "Move my data", or None for the default location.

        Kept in models.paths' location file so the CLI sees it too; a value an older version
        left in QSettings moves there on first read.
        """
        legacy = self._text(KEY_DATA_DIR, "")
        if legacy:
            if stored_data_dir() is None:
                store_data_dir(legacy)
            self._settings.remove(KEY_DATA_DIR)
        stored = stored_data_dir()
        return None if stored is None else str(stored)

    @data_dir.setter
    def data_dir(self, value: str | None) -> None:
        store_data_dir(value or None)
        self._settings.remove(KEY_DATA_DIR)

    def sync(self) -> None:
        self._settings.sync()
