#!/usr/bin/env bash
# Installs Debian packages the tests and tools need, with apt, when this user may (root, or
# sudo without a password); otherwise says so and exits 0, and the tests that need them skip
# with that reason (a failure in CI, where they must be there). The install-*.sh scripts check
# whether their packages are there and call this one when they are not.
#
#   scripts/apt-install.sh "chromium is missing" "browser tests will be skipped" chromium
set -euo pipefail
missing=$1 without=$2
shift 2
if [ "$(id -u)" = 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  echo "$missing and this user cannot install it: $without." >&2
  echo "install it with: sudo apt-get install $*" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "$missing and there is no apt-get here: $without." >&2
  exit 0
fi
echo "installing Debian's $* (apt)"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
