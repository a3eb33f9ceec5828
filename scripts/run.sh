#!/usr/bin/env bash
# Starts the action server (5055), the Rasa server (5005: REST, socket.io, WhatsApp when
# configured), the staff app (8080) and the widget's demo pages (8000) on
# localhost with the embedded defaults (SQLite tracker store and knowledge base in var/).
# Ctrl-C stops everything.
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
# The project's tables at the newest schema revision (migrations/; Alembic)
.venv/bin/python -m migrations upgrade
# The knowledge base: validate the content files and bring the database up to date
# (DATABASE_URL, default SQLite in var/). With problems in the files, the last good import stays.
.venv/bin/python -m knowledge_base import || echo "knowledge base: content problems (see above); using the last good import"
# Rasa's tracker store follows DATABASE_URL (SQLite in var/ by default, else PostgreSQL), its
# lock store REDIS_URL (in memory by default); it refuses HULPWIJZER_WORKERS > 1 without Redis
.venv/bin/python -m bot.endpoints var/endpoints.yml
export SANIC_WORKERS=${HULPWIJZER_WORKERS:-1}
# the demo pages with the website widget (README, "Channels"); only they may open the chat
WIDGET_PORT=${HULPWIJZER_WIDGET_PORT:-8000}
export HULPWIJZER_WIDGET_ORIGINS=${HULPWIJZER_WIDGET_ORIGINS:-http://127.0.0.1:$WIDGET_PORT,http://localhost:$WIDGET_PORT}
# REST and socket.io always; WhatsApp when WHATSAPP_* are set (README, "Channels")
.venv/bin/python -m channels.credentials var/credentials.yml
SANIC_HOST=127.0.0.1 "$RASA" run actions --actions actions --port 5055 &
pids+=($!)
# the staff review app; plain http is for this localhost setup only (put HTTPS in front in production)
.venv/bin/python -m staff serve --host 127.0.0.1 --port 8080 --insecure-cookie &
pids+=($!)
# HULPWIJZER_WIDGET_SERVER: the Rasa server as browsers reach it (default http://127.0.0.1:5005)
.venv/bin/python -m widget serve --host 127.0.0.1 --port "$WIDGET_PORT" &
pids+=($!)
# `rasa run` with a measured speed-up of Rasa's action-response check (bot/server.py)
.venv/bin/python -m bot.server run --model models/hulpwijzer.tar.gz --endpoints var/endpoints.yml \
  --credentials var/credentials.yml --interface "$HOST" --port 5005 &
pids+=($!)

database="SQLite in var/"; [ -n "${DATABASE_URL:-}" ] && database="DATABASE_URL"
locks="in memory"; [ -n "${REDIS_URL:-}" ] && locks="Redis (REDIS_URL)"
echo "Hulpwijzer (gemeente ${HULPWIJZER_GEMEENTE:-almelo}) is starting: database $database, lock store $locks, $SANIC_WORKERS Rasa worker(s):"
echo "  REST channel   http://$HOST:5005/webhooks/rest/webhook"
echo "  website chat   http://127.0.0.1:$WIDGET_PORT/  (demo pages: /almelo /almere /hengelo)"
echo "  action server  http://127.0.0.1:5055/webhook"
echo "  staff app      http://127.0.0.1:8080/  (create an account: .venv/bin/python -m staff create-user NAME --team TEAM)"
echo "Press Ctrl-C to stop."
# until one of them stops (portable: no `wait -n`, which needs bash >= 5.1)
running() { for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || return 1; done; }
while running; do sleep 1; done
