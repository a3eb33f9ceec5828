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
# Rasa's tracker store follows DATABASE_URL (SQLite in var/ by default, else PostgreSQL)
.venv/bin/python -m bot.endpoints var/endpoints.yml
# REST always; WhatsApp when WHATSAPP_* are set (README, "Channels")
.venv/bin/python -m channels.credentials var/credentials.yml
SANIC_HOST=127.0.0.1 "$RASA" run actions --actions actions --port 5055 &
pids+=($!)
# the staff review app; plain http is for this localhost setup only (put HTTPS in front in production)
.venv/bin/python -m staff serve --host 127.0.0.1 --port 8080 --insecure-cookie &
pids+=($!)
"$RASA" run --model models/hulpwijzer.tar.gz --endpoints var/endpoints.yml \
  --credentials var/credentials.yml --interface "$HOST" --port 5005 &
pids+=($!)

echo "Hulpwijzer (gemeente ${HULPWIJZER_GEMEENTE:-almelo}) is starting:"
echo "  REST channel   http://$HOST:5005/webhooks/rest/webhook"
echo "  action server  http://127.0.0.1:5055/webhook"
echo "  staff app      http://127.0.0.1:8080/  (create an account: .venv/bin/python -m staff create-user NAME --team TEAM)"
echo "Press Ctrl-C to stop."
# until one of them stops (portable: no `wait -n`, which needs bash >= 5.1)
running() { for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || return 1; done; }
while running; do sleep 1; done
