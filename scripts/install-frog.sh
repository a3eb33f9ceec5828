#!/usr/bin/env bash
# Debian's Frog (Dutch tokeniser, POS and named-entity tagger, with its models in frogdata)
# and hunspell with the Dutch word list, for removing names from residents' questions
# (insight/redaction.py). Installs with apt when something is missing and this user may
# (root, or sudo without a password); otherwise says so, and the tests that need them skip
# with that reason (and fail in CI). About 250 MB.
set -euo pipefail
PACKAGES=(frog frogdata hunspell hunspell-nl)
if [ -x /usr/bin/frog ] && [ -f /usr/share/frog/nld/frog.cfg ] && [ -x /usr/bin/hunspell ] && [ -f /usr/share/hunspell/nl.dic ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  echo "frog/hunspell-nl are missing and this user cannot install them: name removal tests will be skipped." >&2
  echo "install them with: sudo apt-get install ${PACKAGES[*]}" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "frog/hunspell-nl are missing and there is no apt-get here: name removal tests will be skipped." >&2
  exit 0
fi
echo "installing Debian's ${PACKAGES[*]} for removing names (apt, about 250 MB)"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${PACKAGES[@]}" >/dev/null
frog --version 2>&1 | head -1
