#!/usr/bin/env bash
# Debian's chromium for the real-browser tests (Playwright drives /usr/bin/chromium; the
# project never runs `playwright install`). Installs with apt when it is missing and this
# user may (root, or sudo without a password); otherwise says so, and the browser tests
# skip with that reason.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  echo "chromium is missing and this user cannot install it: browser tests will be skipped." >&2
  echo "install it with: sudo apt-get install chromium" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "chromium is missing and there is no apt-get here: browser tests will be skipped." >&2
  exit 0
fi
echo "installing Debian's chromium for the browser tests (apt)"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version
