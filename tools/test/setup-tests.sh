#!/bin/sh
# Installs what the test suite needs on a fresh machine: a Chromium (Debian's, via apt-get, when
# none is found), PyTorch (Debian's python3-torch, likewise) and the npm dependencies (npm ci). Safe to run again: it skips what is there.
set -eu
cd "$(dirname "$0")/../.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
updated=""
# Debian packages, quietly; the package index is refreshed once, and only when an install needs it.
apt_install() {
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null 2>&1 && return 0
  [ -z "$updated" ] || return 1
  updated=1
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}
have_apt() { command -v apt-get >/dev/null 2>&1; }

have_browser() {
  if [ -n "${CHROMIUM_PATH:-}" ]; then [ -x "$CHROMIUM_PATH" ]; return; fi
  [ -x /usr/bin/chromium ]
}

if have_browser; then
  echo "setup: Chromium found (${CHROMIUM_PATH:-/usr/bin/chromium})"
elif have_apt; then
  echo "setup: installing Debian's chromium with apt-get"
  apt_install chromium fonts-dejavu-core
else
  echo "setup: no Chromium found and no apt-get here. Install Chrome or Chromium and set CHROMIUM_PATH." >&2
  exit 1
fi

# The tests that check our .pth writers against real PyTorch (torch.load, load_state_dict) need
# torch in some Python: the same search the fixture scripts use (with-torch.sh).
if sh tools/fixtures/with-torch.sh -c '' >/dev/null 2>&1; then
  echo "setup: PyTorch found"
elif have_apt; then
  echo "setup: installing Debian's python3-torch with apt-get"
  apt_install python3-torch
else
  echo "setup: PyTorch not found and no apt-get here: the tests that run real PyTorch will be skipped (pip install torch to run them)." >&2
fi

# onnxruntime-node's install script would download CUDA files the tests never use.
export ONNXRUNTIME_NODE_INSTALL=skip
npm ci --no-audit --no-fund
