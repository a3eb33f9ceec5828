"""Does a message get slower as the tracker store fills up? (issue 11)

Starts the action server and the Rasa server (as ``benchmarks/load.py`` does) on a fresh
PostgreSQL database (migrated, so with the index of
``migrations/versions/0003_events_index.py``), holds one real three-turn
conversation with it over REST, and copies that conversation's rows in Rasa's ``events``
table until the database holds 1,000, then 100,000 conversations. At each size it times
messages over REST, one resident at a time: first messages of new conversations, and a next
turn of stored conversations picked at random (Rasa reads those back from the table). Then it
drops the index, times the same again, and times the retention purge (``staff purge``'s
delete) of the oldest tenth.

    .venv/bin/python benchmarks/tracker_scale.py [--sizes 1000,100000] [--messages 150]
        [--postgres postgresql://postgres@127.0.0.1:5432/test]

Prints one row per size: events in the table, p50/p95/p99 ms per kind of message. Needs
the trained model (`make model`) and PostgreSQL; the database is dropped afterwards.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# the servers and the fresh database as the load benchmark starts them (scripts/run.sh's steps)
from benchmarks.load import MODEL, fresh_database, hulpwijzer_target  # noqa: E402

INDEX = "ix_events_sender_id_type_name_timestamp"
TEMPLATE = "template-conversation"
#: the template conversation: a question, a follow-up, a thank-you (as residents write them)
TURNS = [
    "ik zorg al jaren voor mijn moeder en ik kan het niet meer aan",
    "wat kost dat?",
    "dankjewel",
]
#: next turns for stored conversations, and first messages for new ones
NEXT_TURN = "hoe kan ik contact opnemen?"
FIRST_MESSAGES = [
    "ik heb schulden en de brieven stapelen zich op",
    "mijn zoon van 14 luistert niet meer, waar kan ik terecht",
    "ik zoek werk maar kom er niet tussen",
    "ik doe alles voor mijn vader en ben op",
]


def say(url: str, sender: str, message: str) -> float:
    """Milliseconds until the REST channel answered; an error or empty answer raises."""
    body = json.dumps({"sender": sender, "message": message}).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        answer = json.loads(response.read())
    elapsed = (time.perf_counter() - start) * 1000
    if not answer:
        raise RuntimeError("an empty answer")
    return elapsed


def fill(engine, conversations: int) -> int:
    """Copy the template conversation's events until ``conversations`` are stored, each copy
    moved back in time by its own age within the past year; the number of events in the table."""
    with engine.begin() as connection:
        have = connection.execute(text("SELECT count(DISTINCT sender_id) FROM events WHERE sender_id LIKE 'stored-%'"))
        have = have.scalar()
        if conversations > have:
            connection.execute(
                text(
                    "INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, data) "
                    "SELECT 'stored-' || n, e.type_name, e.timestamp - ((n * 7919) % 1000) * 31536.0, "
                    "e.intent_name, e.action_name, e.data "
                    "FROM generate_series(:first, :last) AS n CROSS JOIN "
                    "(SELECT * FROM events WHERE sender_id = :template ORDER BY id) AS e"
                ),
                {"first": have, "last": conversations - 1, "template": TEMPLATE},
            )
        connection.execute(text("ANALYZE events"))
        return connection.execute(text("SELECT count(*) FROM events")).scalar()


def percentiles(values: list[float]) -> str:
    ordered = sorted(values)
    q = statistics.quantiles(ordered, n=100, method="inclusive")
    return f"{statistics.median(ordered):7.1f} {q[94]:7.1f} {q[98]:7.1f}"


def measure(url: str, stored: int, messages: int, rng: random.Random) -> tuple[list[float], list[float]]:
    new, old = [], []
    for i in range(messages):
        new.append(say(url, f"new-{uuid.uuid4().hex}", FIRST_MESSAGES[i % len(FIRST_MESSAGES)]))
        old.append(say(url, f"stored-{rng.randrange(stored)}", NEXT_TURN))
    return new, old


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,100000", help="stored conversations, comma-separated")
    parser.add_argument("--messages", type=int, default=150, help="messages of each kind per size")
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    if not MODEL.exists():
        parser.exit(2, "no trained model: run `make model`\n")
    rng = random.Random(11)
    print(f"# tracker store scale: {platform.machine()}, {os.cpu_count()} CPUs, {args.messages} messages of each kind")
    print(f"# load average before: {os.getloadavg()[0]:.2f}")
    print(
        f"{'conversations':>13} {'events':>10} {'index':>5} | {'new: p50':>8} {'p95':>7} {'p99':>7} | {'stored: p50':>11} {'p95':>7} {'p99':>7}"
    )
    rows = []
    with fresh_database(args.postgres) as database_url, tempfile.TemporaryDirectory() as work:
        with hulpwijzer_target(Path(work), database_url, None, 1) as (base_url, _):
            url = f"{base_url}/webhooks/rest/webhook"
            for turn in TURNS:
                say(url, TEMPLATE, turn)
            engine = create_engine(database_url)
            for _ in range(20):  # warm-up
                say(url, f"warm-{uuid.uuid4().hex}", FIRST_MESSAGES[0])

            def row(size: int, events: int, indexed: bool) -> None:
                new, old = measure(url, size, args.messages, rng)
                rows.append({"conversations": size, "events": events, "index": indexed, "new": new, "stored": old})
                print(
                    f"{size:>13,} {events:>10,} {'yes' if indexed else 'no':>5} | "
                    f"{percentiles(new)} | {percentiles(old):>27}",
                    flush=True,
                )

            for size in sizes:
                events = fill(engine, size)
                row(size, events, True)
            with engine.begin() as connection:
                connection.execute(text(f"DROP INDEX {INDEX}"))
            row(sizes[-1], events, False)
            started = time.perf_counter()
            with engine.begin() as connection:
                connection.execute(text(f"CREATE INDEX {INDEX} ON events (sender_id, type_name, timestamp)"))
            print(f"# building the index on {events:,} events took {time.perf_counter() - started:.1f} s")
            from staff import transcript

            oldest = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=365 * 0.9)
            started = time.perf_counter()
            removed = transcript.delete_older_than(engine, oldest)
            print(f"# the retention purge removed {removed:,} events in {time.perf_counter() - started:.1f} s")
            engine.dispose()
    print(f"# load average after: {os.getloadavg()[0]:.2f}")
    first, last = rows[0], rows[len(sizes) - 1]
    growth = statistics.median(last["stored"]) / statistics.median(first["stored"])
    print(f"# stored-conversation p50 at {last['conversations']:,} vs {first['conversations']:,}: {growth:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
