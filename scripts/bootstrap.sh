#!/usr/bin/env bash
# Shared set-up for scripts/run.sh and scripts/test.sh: a virtual env with the Python packages,
# then the OS libraries Qt loads and a CJK font. Safe to run again: each step is skipped when
# already done. Sourced, never run; tests/core/test_bootstrap.py drives these functions with
# stub ldd/apt-get/apt-cache/id so that nothing is really installed.
#
# Environment: THREEPASS_VENV (default .venv), PYTHON (default python3),
# THREEPASS_SKIP_OS_PACKAGES=1 (you manage OS packages yourself: skip that step),
# THREEPASS_NO_SUDO=1 (never call sudo: print the apt-get command instead).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${THREEPASS_VENV:-$ROOT/.venv}"
PYTHON="${PYTHON:-python3}"
# apt's and pip's output; the screen only gets one line per step.
LOG="$VENV/setup.log"

# The PySide6 modules the app imports (ldd follows each to the Qt libraries it links) and the
# Qt platform plugins: headless tests load only "offscreen"; a real X display needs "xcb".
QT_MODULES=(QtCore QtGui QtWidgets QtNetwork QtSvg)
HEADLESS_MODULES=(QtTest)
HEADLESS_PLUGINS=(offscreen)
APP_PLUGINS=(offscreen xcb)
CJK_FONT="a CJK font"
CJK_FONT_PACKAGE=fonts-noto-cjk
# Where to look for a CJK font when fontconfig's fc-list is not installed.
FONT_DIRS=(/usr/share/fonts /usr/local/share/fonts "${HOME:-/nonexistent}/.local/share/fonts"
  "${HOME:-/nonexistent}/.fonts")

# Prints PATH relative to the current folder when it is inside it: shorter lines.
shown() {
  case "$1" in
    "$PWD"/*) echo "${1#"$PWD"/}" ;;
    *) echo "$1" ;;
  esac
}

# One line per item -> "a, b, c".
comma_list() {
  echo "$1" | paste -sd',' - | sed 's/,/, /g'
}

# run_logged MESSAGE COMMAND...: one line on screen, the command's output in $LOG; on failure
# the log's path and its last lines, then exit 1.
run_logged() {
  local message="$1"
  shift
  mkdir -p "$(dirname "$LOG")"
  printf '%s (log: %s)… ' "$message" "$(shown "$LOG")"
  printf '\n== %s: %s\n' "$(date '+%F %T')" "$*" >>"$LOG"
  if "$@" >>"$LOG" 2>&1 </dev/null; then
    echo done
    return 0
  fi
  echo failed
  {
    echo "$message failed. The end of $LOG:"
    tail -n 25 "$LOG" | sed 's/^/    /'
  } >&2
  exit 1
}

check_python() {
  if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "ThreePass needs Python 3.11 or newer (set PYTHON=/path/to/python3.11)." >&2
    exit 1
  fi
  if ! "$PYTHON" -c "import venv, ensurepip" >/dev/null 2>&1; then
    echo "Python's venv module is missing: sudo apt-get install python3-venv" >&2
    exit 1
  fi
}

# The files whose content decides what setup_venv installs: a change to any reinstalls.
venv_inputs() {
  echo "$ROOT/pyproject.toml"
  [ "$1" = test ] && echo "$ROOT/constraints/ci.txt"
  return 0
}

venv_stamp() {
  local file
  venv_inputs "$1" | while read -r file; do cat "$file"; done | cksum | cut -d' ' -f1,2
}

install_python_packages() {
  local extras="$1"
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  local pip=("$VENV/bin/python" -m pip --disable-pip-version-check)
  local target="$ROOT"
  if [ "$extras" = test ]; then
    # The exact versions CI tested with: a new release cannot change a check overnight.
    pip+=(install --progress-bar off -c "$ROOT/constraints/ci.txt")
    target="$ROOT[test]"
  else
    pip+=(install --progress-bar off)
  fi
  "${pip[@]}" --upgrade pip
  "${pip[@]}" -e "$target"
}

# setup_venv app|test: the virtual env with the app (and, for "test", the pinned tools).
setup_venv() {
  local extras="$1" want stamp
  stamp="$VENV/.threepass-$extras"
  want=$(venv_stamp "$extras")
  if [ -x "$VENV/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "Setting up $(shown "$VENV")… ok"
    return 0
  fi
  run_logged "Setting up $(shown "$VENV")" install_python_packages "$extras"
  echo "$want" >"$stamp"
}

# qt_files headless|app: the PySide6 modules and platform plugins Qt will load, found without
# importing PySide6 (which fails while a library is missing).
qt_files() {
  local kind="$1" dir name file
  dir=$("$VENV/bin/python" -c 'import importlib.util as u
s = u.find_spec("PySide6")
print(s.submodule_search_locations[0] if s and s.submodule_search_locations else "")')
  if [ -z "$dir" ]; then
    echo "PySide6 is not installed in $VENV." >&2
    return 1
  fi
  local modules=("${QT_MODULES[@]}") plugins=("${APP_PLUGINS[@]}")
  if [ "$kind" = headless ]; then
    modules+=("${HEADLESS_MODULES[@]}")
    plugins=("${HEADLESS_PLUGINS[@]}")
  fi
  for name in "${modules[@]}"; do
    for file in "$dir/$name".*so; do
      [ -e "$file" ] && echo "$file"
    done
  done
  for name in "${plugins[@]}"; do
    echo "$dir/Qt/plugins/platforms/libq$name.so"
  done
}

has_cjk_font() {
  if command -v fc-list >/dev/null 2>&1; then
    [ -n "$(fc-list :lang=zh family 2>/dev/null)" ]
    return
  fi
  local dir
  for dir in "${FONT_DIRS[@]}"; do
    [ -d "$dir" ] || continue
    [ -n "$(find "$dir" \( -iname '*cjk*' -o -iname 'wqy*' -o -iname '*wenquanyi*' \
      -o -iname '*droidsansfallback*' \) -print 2>/dev/null | head -n 1)" ] && return 0
  done
  return 1
}

# missing_os_items headless|app: one line per library file ldd cannot find, and "a CJK font".
missing_os_items() {
  local files
  files=$(qt_files "$1") || return 1
  echo "$files" | while read -r file; do ldd "$file" 2>/dev/null || true; done |
    awk '$2 == "=>" && $3 == "not" && $4 == "found" { print $1 }' | sort -u
  has_cjk_font || echo "$CJK_FONT"
}

# Debian names a library's package after its soname (libfoo.so.1 -> libfoo1, libfoo-2.so.3 ->
# libfoo-2-3, lower case, "_" -> "-"); these are the exceptions among the libraries Qt loads.
debian_name() {
  local soname="$1" base version
  case "$soname" in
    "$CJK_FONT") echo "$CJK_FONT_PACKAGE" ;;
    libglib-2.0.so.* | libgthread-2.0.so.* | libgobject-2.0.so.* | libgio-2.0.so.*)
      echo libglib2.0-0 ;;
    libGLdispatch.so.*) echo libglvnd0 ;;
    libz.so.*) echo zlib1g ;;
    libbrotli*.so.*) echo libbrotli1 ;;
    *.so.*)
      base=$(echo "${soname%%.so.*}" | tr 'A-Z_' 'a-z-')
      version="${soname#*.so.}"
      version="${version%%.*}"
      case "$base" in
        *[0-9]) echo "$base-$version" ;;
        *) echo "$base$version" ;;
      esac
      ;;
    *) echo "$soname" ;;
  esac
}

# True when apt has a version of package $1 to install (a purely virtual name has none).
apt_knows() {
  local policy
  policy=$(apt-cache policy "$1" 2>/dev/null) || return 1
  [[ "$policy" =~ Candidate:\ [^\(] ]]
}

# package_for SONAME: the Debian package apt can install for it. Debian 13 and Ubuntu 24.04
# renamed some (libglib2.0-0 -> libglib2.0-0t64); the old name wins where apt still has it.
package_for() {
  local name candidate
  name=$(debian_name "$1")
  for candidate in "$name" "${name}t64"; do
    if apt_knows "$candidate"; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

# Prints "" (root), "sudo", or fails when apt-get cannot be run from here.
apt_prefix() {
  [ "$(id -u)" -eq 0 ] && return 0
  [ "${THREEPASS_NO_SUDO:-0}" = 1 ] && return 1
  command -v sudo >/dev/null 2>&1 || return 1
  if sudo -n true 2>/dev/null; then
    echo sudo
    return 0
  fi
  [ -t 0 ] || return 1
  echo "(sudo asks for your password to run apt-get)" >&2
  sudo -v >&2 || return 1
  echo sudo
}

# ensure_os_libraries headless|app: what Qt needs to start, installed with apt-get when it
# can be, or an exact list of what to install and exit 1.
ensure_os_libraries() {
  local kind="$1" missing
  if [ "${THREEPASS_SKIP_OS_PACKAGES:-0}" = 1 ]; then
    echo "Checking OS libraries… skipped (THREEPASS_SKIP_OS_PACKAGES=1)"
    return 0
  fi
  if ! command -v ldd >/dev/null 2>&1; then
    # macOS: PySide6's wheels carry every library Qt needs.
    echo "Checking OS libraries… skipped (no ldd here)"
    return 0
  fi
  printf 'Checking OS libraries… '
  missing=$(missing_os_items "$kind")
  if [ -z "$missing" ]; then
    echo ok
    return 0
  fi
  echo "missing $(comma_list "$missing")"

  if ! command -v apt-get >/dev/null 2>&1 || ! command -v apt-cache >/dev/null 2>&1; then
    report_missing_files "$missing"
    return
  fi
  local prefix can_install=1
  prefix=$(apt_prefix) || can_install=0
  if [ "$can_install" = 1 ]; then
    # shellcheck disable=SC2086  # $prefix is empty or "sudo"
    run_logged "Updating apt's package lists" $prefix apt-get update
  fi
  local item package packages="" unknown=""
  while read -r item; do
    if package=$(package_for "$item"); then
      packages="$packages $package"
    else
      unknown="$unknown$item"$'\n'
    fi
  done <<<"$missing"
  packages=$(echo "$packages" | tr ' ' '\n' | grep . | sort -u | paste -sd' ' - || true)

  if [ "$can_install" = 0 ]; then
    {
      if [ -n "$packages" ]; then
        echo "ThreePass needs OS packages that are not installed. Install them, then run this again:"
        if command -v sudo >/dev/null 2>&1; then
          echo "    sudo apt-get install $packages"
        else
          echo "    su -c 'apt-get install $packages'   # as root (sudo is not installed)"
        fi
      fi
      report_unknown "$unknown"
    } >&2
    exit 1
  fi
  if [ -n "$packages" ]; then
    # shellcheck disable=SC2086  # word splitting of the package list is intended
    run_logged "Installing $packages" $prefix env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y --no-install-recommends $packages
  fi
  printf 'Checking OS libraries… '
  missing=$(missing_os_items "$kind")
  if [ -z "$missing" ]; then
    echo ok
    return 0
  fi
  echo "still missing"
  {
    echo "Still missing after apt-get install: $(comma_list "$missing")"
    report_unknown "$unknown"
  } >&2
  exit 1
}

# ensure_player: mpv, which plays each pass at its speed (the Watch button). Optional: without
# it Watch opens the browser and the timer, so a failure here never stops the set-up.
ensure_player() {
  command -v mpv >/dev/null 2>&1 && return 0
  if [ "${THREEPASS_SKIP_OS_PACKAGES:-0}" = 1 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "mpv not found (optional: Watch plays videos in it; docs/planner.md says how to install it)"
    return 0
  fi
  local prefix
  if ! prefix=$(apt_prefix); then
    echo "mpv not found (optional: Watch plays videos in it): sudo apt-get install mpv"
    return 0
  fi
  mkdir -p "$(dirname "$LOG")"
  printf 'Installing mpv, optional (log: %s)… ' "$(shown "$LOG")"
  printf '\n== %s: apt-get install mpv\n' "$(date '+%F %T')" >>"$LOG"
  # shellcheck disable=SC2086  # $prefix is empty or "sudo"
  if $prefix env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends mpv \
    >>"$LOG" 2>&1 </dev/null; then
    echo done
  else
    echo "failed: Watch opens videos in the browser until mpv is installed"
  fi
}

# report_unknown LINES: the missing items apt has no package for, by name.
report_unknown() {
  [ -z "$1" ] && return 0
  echo "No Debian package known for: $(comma_list "${1%?}"); install what provides it."
}

# A system without apt: say which library files to provide; Qt cannot start without them.
report_missing_files() {
  local files
  files=$(echo "$1" | grep -vx "$CJK_FONT" | paste -sd' ' - || true)
  if [ -z "$files" ]; then
    echo "No CJK font found: Chinese text will show as boxes until you install one" \
      "(e.g. Noto Sans CJK)." >&2
    return 0
  fi
  {
    echo "Qt cannot start without these library files: $files"
    echo "Install the packages that provide them with your system's package manager" \
      "(and a CJK font such as Noto Sans CJK), then run this again."
  } >&2
  exit 1
}
