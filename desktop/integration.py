"""Desktop menu integration on Linux: a freedesktop .desktop file and the icon, per user.

Writes $XDG_DATA_HOME/applications/threepass.desktop,
$XDG_DATA_HOME/icons/hicolor/scalable/apps/threepass.svg and the AppStream metadata
$XDG_DATA_HOME/metainfo/threepass.metainfo.xml. Exec points at the `threepass`
script next to the running interpreter (the venv or pipx install that ran this command), so
the menu starts the same installation. Windows and macOS: see docs/install.md.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from desktop.icons import APP_ICON
from models.atomic import write_atomically
from models.errors import ThreePassError

DESKTOP_ID = "threepass"  # matches QApplication.setDesktopFileName in desktop/gui.py
# AppStream metadata (software centres); its component id is DESKTOP_ID.
METAINFO = Path(__file__).resolve().parent.parent / "resources" / f"{DESKTOP_ID}.metainfo.xml"


def data_home(environ: dict[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    value = env.get("XDG_DATA_HOME")
    if value and Path(value).is_absolute():
        return Path(value)
    return Path.home() / ".local" / "share"


def launcher_command(executable: str | None = None) -> list[str]:
    """How to start this installation: its `threepass` script, else `python -m desktop`."""
    python = Path(executable or sys.executable)
    for name in ("threepass", "threepass.exe"):
        script = python.parent / name
        if script.is_file():
            return [str(script)]
    found = shutil.which("threepass")
    if found:
        return [found]
    return [str(python), "-m", "desktop"]


def _exec_quote(arg: str) -> str:
    """Quote one Exec argument per the Desktop Entry spec (reserved chars need quotes)."""
    arg = arg.replace("%", "%%")  # field codes start with %
    if arg and not any(ch in arg for ch in " \t\n\"'\\><~|&;$*?#()`"):
        return arg
    for ch in ("\\", '"', "`", "$"):
        arg = arg.replace(ch, "\\" + ch)
    return f'"{arg}"'


def desktop_entry_text(command: list[str], icon: str = DESKTOP_ID) -> str:
    exec_line = " ".join(_exec_quote(part) for part in command)
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            # The spec version the file follows; 1.0 is known to every validator (Debian
            # 12's desktop-file-validate 0.26 rejects 1.5) and this file needs nothing newer.
            "Version=1.0",
            "Name=ThreePass",
            "Name[zh_CN]=ThreePass 三遍学习",
            "GenericName=Study Planner",
            "GenericName[zh_CN]=学习计划",
            "Comment=Plan and record Li Mu's watch-it-three-times study method",
            "Comment[zh_CN]=按李沐“看三遍”方法规划和记录学习",
            f"Exec={exec_line}",
            f"TryExec={command[0]}",
            f"Icon={icon}",
            "Terminal=false",
            "Categories=Education;Office;",
            "Keywords=study;paper;LLM;interview;notes;学习;论文;面试;",
            f"StartupWMClass={DESKTOP_ID}",
            "StartupNotify=true",
            "",
        ]
    )


def install_desktop_entry(
    environ: dict[str, str] | None = None, executable: str | None = None
) -> str:
    """Write the .desktop file and icon for the current user; return what was done."""
    if sys.platform in ("win32", "darwin"):
        raise ThreePassError(
            "--install-desktop-entry is for Linux desktops; see docs/install.md for "
            "Windows and macOS."
        )
    base = data_home(environ)
    apps = base / "applications"
    icons = base / "icons" / "hicolor" / "scalable" / "apps"
    metainfo = base / "metainfo"
    entry = apps / f"{DESKTOP_ID}.desktop"
    icon_target = icons / f"{DESKTOP_ID}.svg"
    metainfo_target = metainfo / METAINFO.name
    try:
        for folder in (apps, icons, metainfo):
            folder.mkdir(parents=True, exist_ok=True)
        write_atomically(icon_target, APP_ICON.read_bytes())
        write_atomically(metainfo_target, METAINFO.read_bytes())
        write_atomically(entry, desktop_entry_text(launcher_command(executable)), mode=0o755)
    except OSError as err:
        raise ThreePassError(
            f"Cannot write the desktop entry under {base}: {err.strerror or err}."
        ) from err
    _refresh_caches(apps, base / "icons" / "hicolor")
    return (
        f"Installed the ThreePass menu entry {entry}, icon {icon_target} and "
        f"metadata {metainfo_target}."
    )


def _refresh_caches(apps: Path, hicolor: Path) -> None:
    """Best effort: desktops also notice new files without these tools."""
    for command in (
        ["update-desktop-database", str(apps)],
        ["gtk-update-icon-cache", "-q", "-t", str(hicolor)],
    ):
        if shutil.which(command[0]):
            with contextlib.suppress(OSError, subprocess.SubprocessError):
                subprocess.run(command, capture_output=True, timeout=20, check=False)
