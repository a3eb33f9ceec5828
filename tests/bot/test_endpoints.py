"""Rasa's tracker store follows DATABASE_URL: SQLite by default, PostgreSQL for real."""

import json

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.endpoints import endpoints, tracker_database_url, tracker_store
from core.db import make_engine
from staff.transcript import transcript


def test_without_database_url_conversations_go_to_sqlite_in_var():
    config = tracker_store(None)
    assert config["dialect"] == "sqlite" and config["db"].endswith("var/tracker.db")
    assert tracker_database_url(None).endswith("var/tracker.db")


def test_a_postgresql_url_is_split_into_rasas_settings():
    config = endpoints("postgresql://hw:geheim%21@db.example:5433/hulpwijzer?sslmode=require")["tracker_store"]
    assert config == {
        "type": "bot.tracker_store.PrivateSQLTrackerStore",
        "dialect": "postgresql",
        "url": "db.example",
        "db": "hulpwijzer",
        "port": 5433,
        "username": "hw",
        "password": "geheim!",
        "query": {"sslmode": "require"},
    }


async def test_rasa_stores_conversations_in_postgresql_and_the_staff_app_reads_them(postgres_url):
    config = tracker_store(postgres_url)
    config.pop("type")
    store = SQLTrackerStore(domain=Domain.empty(), **config)
    tracker = DialogueStateTracker("pg-resident", [])
    tracker.update(UserUttered("ik heb schulden <b>echt</b>"))
    tracker.update(BotUttered("U heeft zorgen over geld."))
    await store.save(tracker)
    lines = transcript(make_engine(tracker_database_url(postgres_url)), "pg-resident")
    assert [(line.speaker, line.text) for line in lines] == [
        ("inwoner", "ik heb schulden <b>echt</b>"),
        ("assistent", "U heeft zorgen over geld."),
    ]
    store.engine.dispose()
    assert json.dumps(config)  # nothing in it that YAML could not write


# -- the production switch: Redis as lock store, several workers (issue 11) -----------------


def test_without_redis_rasa_keeps_its_in_memory_locks():
    assert "lock_store" not in endpoints(None)


def test_redis_url_gives_rasas_redis_lock_store():
    from bot.endpoints import lock_store

    assert endpoints(None, redis_url="redis://:geheim@cache.example:6380/2")["lock_store"] == {
        "type": "bot.lock_store.AtomicRedisLockStore",
        "url": "cache.example",
        "port": 6380,
        "db": 2,
        "key_prefix": "hulpwijzer",
        "password": "geheim",
    }
    assert lock_store("rediss://cache.example")["use_ssl"] is True
    with pytest.raises(ValueError):
        lock_store("http://cache.example")


@pytest.mark.parametrize(
    "workers,redis,ok",
    [
        ("1", "", True),
        ("2", "redis://127.0.0.1:6379/0", True),
        ("2", "", False),
        ("0", "redis://x", False),
        ("twee", "", False),
    ],
)
def test_more_than_one_worker_needs_the_redis_lock_store(workers, redis, ok):
    from core.settings import Settings

    environ = {"HULPWIJZER_WORKERS": workers, "REDIS_URL": redis}
    if ok:
        assert Settings.from_env(environ).workers == int(workers)
    else:
        with pytest.raises(ValueError):
            Settings.from_env(environ)


def test_the_action_server_url_is_taken_from_the_settings(tmp_path, monkeypatch):
    import yaml

    from bot.endpoints import main

    monkeypatch.setenv("HULPWIJZER_ACTION_SERVER_URL", "http://actions.internal:5055/webhook")
    main([str(tmp_path / "endpoints.yml")])
    written = yaml.safe_load((tmp_path / "endpoints.yml").read_text())
    assert written["action_endpoint"] == {"url": "http://actions.internal:5055/webhook"}


def test_a_mistyped_action_server_url_stops_the_start_with_a_message(tmp_path, monkeypatch, capsys):
    from bot.endpoints import main

    monkeypatch.setenv("HULPWIJZER_ACTION_SERVER_URL", "actions.internal:5055")
    with pytest.raises(SystemExit) as stopped:
        main([str(tmp_path / "endpoints.yml")])
    assert stopped.value.code == 2 and "HULPWIJZER_ACTION_SERVER_URL must look like" in capsys.readouterr().err
    assert not (tmp_path / "endpoints.yml").exists()
