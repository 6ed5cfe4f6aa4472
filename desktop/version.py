"""The installed version, read from package metadata so there is one source of truth."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version


def app_version() -> str:
    try:
        return version("threepass")
    except PackageNotFoundError:
        return "0.0.0+unknown"
