#!/usr/bin/env bash
# `rasa shell` against the real action server, as Rasa users expect: the knowledge base
# imported, the generated endpoints (SQLite tracker store in var/ by default), the action
# server on 5055 in the background. /stop ends the shell and the action server.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var
export PYTHONWARNINGS=ignore
.venv/bin/python -m knowledge_base import || echo "knowledge base: content problems (see above); using the last good import"
.venv/bin/python -m bot.endpoints var/endpoints.yml
SANIC_HOST=127.0.0.1 .venv/bin/rasa run actions --actions actions --port 5055 >var/shell-actions.log 2>&1 &
actions=$!
trap 'kill $actions 2>/dev/null || true; wait 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 120); do
  if .venv/bin/python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:5055/health', timeout=1)" 2>/dev/null; then break; fi
  kill -0 "$actions" 2>/dev/null || { echo "the action server stopped: see var/shell-actions.log"; exit 1; }
  sleep 1
done
.venv/bin/rasa shell --model models/hulpwijzer.tar.gz --endpoints var/endpoints.yml "$@"
