#!/usr/bin/env bash
# Prints the path of a working Python 3.10 interpreter (Rasa 3.6 needs >=3.8,<3.11).
# Order: $PYTHON310, python3.10 on PATH, pyenv's versions, /usr/bin. Exits 1 with advice.
set -u
candidates=()
[ -n "${PYTHON310:-}" ] && candidates+=("$PYTHON310")
command -v python3.10 >/dev/null 2>&1 && candidates+=("$(command -v python3.10)")
for d in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.10.*/bin/python3.10; do
  [ -x "$d" ] && candidates+=("$d")
done
candidates+=(/usr/bin/python3.10 /usr/local/bin/python3.10)
for py in "${candidates[@]}"; do
  # also the standard modules a minimal pyenv build can lack (Rasa's cache and tracker use sqlite3)
  if [ -x "$py" ] && "$py" -c 'import sys, venv, sqlite3, ssl, lzma, bz2, ctypes; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1; then
    echo "$py"
    exit 0
  fi
done
echo "No usable Python 3.10 found (with sqlite3, ssl, lzma, bz2, ctypes). Rasa 3.6 runs on Python 3.8-3.10 only." >&2
echo "Install it (e.g. 'pyenv install 3.10.13') or set PYTHON310=/path/to/python3.10." >&2
exit 1
