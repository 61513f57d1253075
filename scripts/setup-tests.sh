#!/bin/sh
# Installs what the test suite needs on a fresh machine: a Chromium (Debian's, via apt-get, when
# none is found) and the npm dependencies (npm ci). Safe to run again: it skips what is there.
set -eu
cd "$(dirname "$0")/.."

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

# onnxruntime-node's install script would download CUDA files the tests never use.
export ONNXRUNTIME_NODE_INSTALL=skip
npm ci --no-audit --no-fund
