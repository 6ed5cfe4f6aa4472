#!/usr/bin/env bash
# Set up (once) and start ThreePass on the default local database. Extra arguments go to
# `threepass`, e.g. scripts/run.sh --data-dir ~/study.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
check_python
setup_venv app
# Without a display (SSH, a container) the app only says so, and --help, the commands and
# --screenshot render offscreen: the libraries of a real X display are not needed then.
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || [ "$(uname -s)" != Linux ]; then
  ensure_os_libraries app
else
  ensure_os_libraries headless
fi
ensure_player
exec "$VENV/bin/threepass" "$@"
