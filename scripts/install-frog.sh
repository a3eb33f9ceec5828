#!/usr/bin/env bash
# Debian's Frog (Dutch tokeniser, POS and named-entity tagger, with its models in frogdata)
# and hunspell with the Dutch word list, for removing names from residents' questions
# (insight/redaction.py); about 250 MB, installed by scripts/apt-install.sh when missing.
set -euo pipefail
if [ -x /usr/bin/frog ] && [ -f /usr/share/frog/nld/frog.cfg ] && [ -x /usr/bin/hunspell ] && [ -f /usr/share/hunspell/nl.dic ]; then
  exit 0
fi
"$(dirname "$0")/apt-install.sh" "frog/hunspell-nl are missing" "name removal tests will be skipped" \
  frog frogdata hunspell hunspell-nl
if command -v frog >/dev/null; then frog --version 2>&1 | sed -n 1p; fi
