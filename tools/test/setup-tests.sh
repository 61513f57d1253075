#!/bin/sh
# Installs what the test suite needs on a fresh machine: a Chromium (Debian's, via apt-get, when
# none is found), PyTorch (Debian's python3-torch, likewise) and the npm dependencies (npm ci). Safe to run again: it skips what is there.
set -eu
cd "$(dirname "$0")/../.."

have_browser() {
  if [ -n "${CHROMIUM_PATH:-}" ]; then [ -x "$CHROMIUM_PATH" ]; return; fi
  [ -x /usr/bin/chromium ]
}

if have_browser; then
  echo "setup: Chromium found (${CHROMIUM_PATH:-/usr/bin/chromium})"
elif command -v apt-get >/dev/null 2>&1; then
  echo "setup: installing Debian's chromium with apt-get"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
else
  echo "setup: no Chromium found and no apt-get here. Install Chrome or Chromium and set CHROMIUM_PATH." >&2
  exit 1
fi

# The tests that check our .pth writers against real PyTorch (torch.load, load_state_dict) need
# torch in some python3; Debian packages it.
have_torch() {
  for python in python3 /usr/bin/python3 python; do
    "$python" -c 'import torch' >/dev/null 2>&1 && return 0
  done
  return 1
}
if have_torch; then
  echo "setup: PyTorch found"
elif command -v apt-get >/dev/null 2>&1; then
  echo "setup: installing Debian's python3-torch with apt-get"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-torch >/dev/null || {
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-torch >/dev/null
  }
else
  echo "setup: PyTorch not found and no apt-get here: the tests that run real PyTorch will be skipped (pip install torch to run them)." >&2
fi

# onnxruntime-node's install script would download CUDA files the tests never use.
export ONNXRUNTIME_NODE_INSTALL=skip
npm ci --no-audit --no-fund
