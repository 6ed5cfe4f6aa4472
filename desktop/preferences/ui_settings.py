"""UI preferences kept in QSettings (per user, per machine): language, theme, data folder.

Study rules that the CLI also needs (speeds, spacing, budget...) live in the database via
models/services/settings.py instead.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from desktop import i18n, theme

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
        """The folder chosen with "Move my data", or None for the default location."""
        value = self._text(KEY_DATA_DIR, "")
        return value or None

    @data_dir.setter
    def data_dir(self, value: str | None) -> None:
        if value:
            self._settings.setValue(KEY_DATA_DIR, value)
        else:
            self._settings.remove(KEY_DATA_DIR)

    def sync(self) -> None:
        self._settings.sync()
