#!/usr/bin/env bash
# Set up (once) and start ThreePass on the default local database. Extra arguments go to
# `threepass`, e.g. scripts/run.sh --data-dir ~/study.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
check_python
setup_venv app
ensure_os_libraries app
exec "$VENV/bin/threepass" "$@"
