#!/usr/bin/env bash
# Debian's haproxy for the load-balancer test (tests/e2e/test_load_balancer.py runs two Rasa
# servers behind deploy/haproxy/haproxy.cfg). Installs with apt when it is missing and this
# user may (root, or sudo without a password); otherwise says so, and that test skips with
# the reason (a failure in CI). The test runs its own haproxy process; the Debian service
# the package brings has no frontend in its default configuration, so it listens nowhere.
set -euo pipefail
if [ -x /usr/sbin/haproxy ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  echo "haproxy is missing and this user cannot install it: the load-balancer test will be skipped." >&2
  echo "install it with: sudo apt-get install haproxy" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "haproxy is missing and there is no apt-get here: the load-balancer test will be skipped." >&2
  exit 0
fi
echo "installing Debian's haproxy for the load-balancer test (apt)"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq haproxy >/dev/null
/usr/sbin/haproxy -v | head -1
