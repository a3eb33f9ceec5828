#!/usr/bin/env bash
# Debian's haproxy for the load-balancer test (tests/e2e/test_load_balancer.py runs two Rasa
# servers behind deploy/haproxy/haproxy.cfg), installed by scripts/apt-install.sh when
# missing. The test runs its own haproxy process; the Debian service the package brings has
# no frontend in its default configuration, so it listens nowhere.
set -euo pipefail
[ -x /usr/sbin/haproxy ] && exit 0
"$(dirname "$0")/apt-install.sh" "haproxy is missing" "the load-balancer test will be skipped" haproxy
if [ -x /usr/sbin/haproxy ]; then /usr/sbin/haproxy -v | sed -n 1p; fi
