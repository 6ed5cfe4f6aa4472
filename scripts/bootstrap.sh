#!/usr/bin/env bash
# Shared set-up for scripts/run.sh and scripts/test.sh: OS libraries Qt needs, a virtual env,
# and the Python packages. Safe to run again: each step is skipped when already done.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${THREEPASS_VENV:-$ROOT/.venv}"
PYTHON="${PYTHON:-python3}"

# Qt's runtime libraries, a CJK font (Chinese renders as boxes without one) and the xcb set
# that a real X display needs.
OS_PACKAGES=(
  libegl1 libgl1 libglib2.0-0 libfontconfig1 libxkbcommon0 libdbus-1-3 fonts-noto-cjk
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
  libxcb-image0 libxcb-render-util0 libxcb-xinerama0 libxcb-randr0 libxcb-xfixes0
)

missing_os_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0
  local pkg
  for pkg in "${OS_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || echo "$pkg"
  done
}

install_os_packages() {
  local missing
  missing=$(missing_os_packages | tr '\n' ' ')
  [ -z "${missing// /}" ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "ThreePass needs these OS libraries (Debian names): $missing" >&2
    echo "Install their equivalents with your package manager, then run this again." >&2
    return 0
  fi
  echo "Installing OS libraries Qt needs: $missing"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      echo "(sudo will ask for your password to run apt-get)"
      sudo="sudo"
    else
      echo "Please run as root: apt-get install -y $missing" >&2
      exit 1
    fi
  fi
  $sudo apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
}

check_python() {
  "$PYTHON" - <<'PY' || { echo "ThreePass needs Python 3.11 or newer (set PYTHON=...)." >&2; exit 1; }
import sys
sys.exit(0 if sys.version_info >= (3, 11) else 1)
PY
  if ! "$PYTHON" -c "import venv, ensurepip" >/dev/null 2>&1; then
    echo "Python's venv module is missing: apt-get install python3-venv" >&2
    exit 1
  fi
}

setup_venv() {
  local extras="$1"
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  local stamp="$VENV/.threepass-$extras" want
  want=$(cat "$ROOT/pyproject.toml" | sha256sum | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    "$VENV/bin/python" -m pip install -q --upgrade pip
    if [ "$extras" = "test" ]; then
      "$VENV/bin/python" -m pip install -q -e "$ROOT[test]"
    else
      "$VENV/bin/python" -m pip install -q -e "$ROOT"
    fi
    echo "$want" >"$stamp"
  fi
}
