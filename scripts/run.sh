#!/usr/bin/env bash
# Starts the action server (5055) and the Rasa server with the REST channel (5005) on
# localhost with the embedded defaults (SQLite tracker store and knowledge base in var/).
# Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var
RASA=.venv/bin/rasa
HOST=${HULPWIJZER_HOST:-127.0.0.1}

pids=()
cleanup() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

# Rasa prints a user's text in some warnings (e.g. an unparsable "/..." message): keep
# warnings out of the logs so message text never lands there.
export PYTHONWARNINGS=ignore
# The knowledge base: validate the content files and bring the database up to date
# (DATABASE_URL, default SQLite in var/). With problems in the files, the last good import stays.
.venv/bin/python -m knowledge_base import || echo "knowledge base: content problems (see above); using the last good import"
SANIC_HOST=127.0.0.1 "$RASA" run actions --actions actions --port 5055 &
pids+=($!)
"$RASA" run --model models/hulpwijzer.tar.gz --endpoints bot/endpoints.yml \
  --credentials bot/credentials.yml --interface "$HOST" --port 5005 &
pids+=($!)

echo "Hulpwijzer (gemeente ${HULPWIJZER_GEMEENTE:-almelo}) is starting:"
echo "  REST channel   http://$HOST:5005/webhooks/rest/webhook"
echo "  action server  http://127.0.0.1:5055/webhook"
echo "Press Ctrl-C to stop."
# until one of the two stops (portable: no `wait -n`, which needs bash >= 5.1)
while kill -0 "${pids[0]}" 2>/dev/null && kill -0 "${pids[1]}" 2>/dev/null; do sleep 1; done
