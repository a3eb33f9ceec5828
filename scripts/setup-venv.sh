#!/usr/bin/env bash
# Creates (or completes) the project's virtual environment with Python 3.10 and installs
# the project with the pinned versions in constraints.txt, then checks the result.
set -euo pipefail
venv=${1:-.venv}
cd "$(dirname "$0")/.."
if [ ! -x "$venv/bin/python" ]; then
  py=$(scripts/find-python310.sh)
  echo "Creating $venv with $py"
  "$py" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "pip>=23,<25" wheel
# constraints.txt pins everything Rasa 3.6.21 needs (aiohttp <3.10, packaging 20.9, ...);
# a plain `pip install` of a test tool would otherwise upgrade them and break Rasa.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
"$venv/bin/python" -m pip check
echo "Python environment ready: $venv"
