#!/usr/bin/env bash
# Set up (once) and run every check: ruff (lint + format), mypy, vulture (dead code), then the
# whole pytest suite headless. Extra arguments go to pytest. Needs only what headless Qt needs
# (no X libraries).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
check_python
setup_venv test
ensure_os_libraries headless
cd "$ROOT"
export QT_QPA_PLATFORM=offscreen
echo "== ruff"
"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check .
echo "== mypy"
"$VENV/bin/mypy"
echo "== vulture"
"$VENV/bin/vulture"  # paths and whitelist: pyproject.toml [tool.vulture]
echo "== pytest"
"$VENV/bin/pytest" "$@"
