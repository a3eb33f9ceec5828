"""The production switch (issue 11), end to end: PostgreSQL for conversations, handoffs and
the knowledge base, Redis as Rasa's lock store, two Rasa server workers. Messages of one
conversation are handled in order across the workers, and many conversations at once lose
nothing. Needs the PostgreSQL and Redis of this machine kind (a failure in CI without them)."""

import json
import subprocess
import sys
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import MODEL, ROOT, missing_service
from tests.e2e.conftest import assistant_servers, free_port, fresh_postgres_database, redis_reachable, server_env

pytestmark = pytest.mark.model

REDIS_URL = "redis://127.0.0.1:6379/9"


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    """Action server and a two-worker Rasa server on a database of their own and Redis."""
    if not MODEL.exists():
        pytest.skip("no trained model: run `make model`")
    if not redis_reachable(REDIS_URL):
        missing_service(f"Redis at {REDIS_URL} is unreachable")
    with fresh_postgres_database("hw_e2e") as url:
        work = tmp_path_factory.mktemp("production")
        action_port, rasa_port = free_port(), free_port()
        env = server_env(
            DATABASE_URL=url,
            REDIS_URL=REDIS_URL,
            HULPWIJZER_WORKERS="2",
            SANIC_WORKERS="2",
            HULPWIJZER_ACTION_SERVER_URL=f"http://127.0.0.1:{action_port}/webhook",
        )
        subprocess.run(
            [sys.executable, "-m", "bot.endpoints", str(work / "endpoints.yml")], env=env, cwd=ROOT, check=True
        )
        endpoints = (work / "endpoints.yml").read_text()
        assert "AtomicRedisLockStore" in endpoints and "dialect: postgresql" in endpoints
        assert f"http://127.0.0.1:{action_port}/webhook" in endpoints
        (work / "credentials.yml").write_text("channels.rest.RestInput: {}\n")
        with assistant_servers(work, env, action_port, rasa_port, stop_seconds=30) as procs:
            # Sanic runs the workers as child processes of the server
            children = subprocess.run(["pgrep", "-P", str(procs[1].pid)], capture_output=True, text=True).stdout.split()
            assert len(children) >= 2, "the Rasa server did not start two workers"
            yield f"http://127.0.0.1:{rasa_port}", create_engine(url), work / "servers.log"


def say(base_url: str, sender: str, message: str) -> list[dict]:
    request = urllib.request.Request(
        f"{base_url}/webhooks/rest/webhook",
        headers={"Content-Type": "application/json"},
        data=json.dumps({"sender": sender, "message": message}).encode(),
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        assert response.status == 200
        return json.loads(response.read())


def event_types(engine, sender: str) -> list[str]:
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT type_name FROM events WHERE sender_id = :s ORDER BY id"), {"s": sender})
        return [row.type_name for row in rows if row.type_name in ("user", "bot")]


def test_the_conversation_and_the_knowledge_base_are_in_postgresql(production):
    base_url, engine, _ = production
    sender = f"p-{uuid.uuid4().hex[:10]}"
    assert any("Bron:" in m.get("text", "") for m in say(base_url, sender, "ik heb schulden"))
    assert event_types(engine, sender)[:1] == ["user"]
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM kb_facilities")).scalar() > 0


def test_two_messages_of_one_conversation_sent_at_once_are_handled_one_after_the_other(production):
    """With in-memory locks, two workers could each handle one of them at the same time;
    with Redis the second waits for the first: no interleaving in the tracker."""
    base_url, engine, _ = production
    for _ in range(20):  # Rasa's own Redis lock store let 3 of 20 such pairs through at once
        sender = f"order-{uuid.uuid4().hex[:10]}"
        with ThreadPoolExecutor(2) as pool:
            first = pool.submit(say, base_url, sender, "ik heb schulden en de deurwaarder komt morgen")
            second = pool.submit(say, base_url, sender, "ik zoek ook werk")
            first.result(), second.result()
        types = event_types(engine, sender)
        assert types.count("user") == 2
        second_user = types.index("user", 1)
        # every reply to the first message comes before the second message, and the second gets its own replies
        assert "bot" in types[1:second_user] and "bot" in types[second_user + 1 :]


def test_two_hundred_conversations_of_five_turns_lose_nothing(production, capsys):
    base_url, engine, _ = production
    turns = ["hallo", "ik heb schulden", "wat kost dat?", "waar zit dat?", "bedankt"]
    senders = [f"load-{uuid.uuid4().hex[:10]}" for _ in range(200)]
    errors = []

    def conversation(sender):
        for turn in turns:
            try:
                if not say(base_url, sender, turn):
                    errors.append((sender, turn, "no reply"))
            except Exception as error:  # noqa: BLE001 - counted, the assert says which
                errors.append((sender, turn, type(error).__name__))

    with ThreadPoolExecutor(20) as pool:
        list(pool.map(conversation, senders))
    incomplete = [s for s in senders if event_types(engine, s).count("user") != len(turns)]
    with capsys.disabled():
        print(
            f"\nPostgreSQL + Redis + 2 workers: {len(senders)} conversations x {len(turns)} turns,"
            f" {len(errors)} errors, {len(incomplete)} incomplete trackers"
        )
    assert errors == [] and incomplete == []
