"""Programs some tests run that a developer may not have: skipped there, a failure in CI.

`.ci/run` sets `CI` and installs each of them, so a check that quietly skipped in CI would be
a check that cannot fail.
"""

from __future__ import annotations

import os
import shutil

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false")


def required_tool(name: str, package: str) -> str:
    """The path of program `name` (Debian package `package`), or skip / fail without it."""
    path = shutil.which(name)
    if path is None:
        reason = f"{name} is not installed (apt-get install {package})"
        if in_ci():
            pytest.fail(f"{reason}; CI must run this check")
        pytest.skip(reason)
    return path
