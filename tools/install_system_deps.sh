#!/usr/bin/env bash
# Installs what the browser tests need on a Debian machine: chromium and fonts that draw Chinese
# text and emoji (without them labels render as boxes). Under CI a missing browser is an error.
# Also a C compiler and Python's headers, with which the install compiles the suggester (setup.py).
set -uo pipefail
PACKAGES=(chromium fonts-wqy-microhei fonts-noto-color-emoji)
PYTHON_FOR_HEADERS=${PYTHON:-python3}
command -v cc >/dev/null 2>&1 || PACKAGES+=(gcc)
"$PYTHON_FOR_HEADERS" -c 'import pathlib, sys, sysconfig
sys.exit(not (pathlib.Path(sysconfig.get_paths()["include"]) / "Python.h").is_file())' \
  2>/dev/null || PACKAGES+=(python3-dev)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && [ -x /usr/bin/chromium ] && exit 0

fail() {
  echo "system-deps: $*" >&2
  if [ "${CI:-}" = "true" ]; then
    echo "system-deps: under CI the browser tests cannot run without them: failing." >&2
    exit 1
  fi
  echo "system-deps: the browser tests will be skipped on this machine." >&2
  exit 0
}

command -v apt-get >/dev/null 2>&1 || fail "no apt-get here; install ${missing[*]} by hand."
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=sudo
  else
    fail "not root and no password-less sudo; run: apt-get install -y ${missing[*]}"
  fi
else
  SUDO=
fi
echo "system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || fail "apt-get update failed"
$SUDO apt-get install -y -qq "${missing[@]}" >/dev/null || fail "apt-get install ${missing[*]} failed"
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium is still missing after the install"
