#!/usr/bin/env bash
# Debian's chromium for the real-browser tests (Playwright drives /usr/bin/chromium; the
# project never runs `playwright install`), installed by scripts/apt-install.sh when missing.
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
"$(dirname "$0")/apt-install.sh" "chromium is missing" "browser tests will be skipped" chromium
if [ -x /usr/bin/chromium ]; then /usr/bin/chromium --version; fi
