"""Rasa's endpoints for this deployment: the action server, and the tracker store in the
same database as the knowledge base and handoffs.

With ``DATABASE_URL`` unset, conversations go to SQLite in ``var/tracker.db`` (the
embedded default). With ``DATABASE_URL=postgresql://user:pw@host:5432/db`` they go to
PostgreSQL, like the handoffs, so the staff app reads transcripts from there.

With ``REDIS_URL`` set, Rasa's lock store is Redis, shared by several workers
(``HULPWIJZER_WORKERS``); without it, in-memory locks and one worker.

    python -m bot.endpoints var/endpoints.yml      (scripts/run.sh does this)
"""

from __future__ import annotations

import argparse
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

import yaml

from core.db import PROJECT_DIR, normalise_url
from core.private_files import private_sqlite_file, write_private_text
from core.settings import DEFAULT_ACTION_SERVER_URL, Settings

DEFAULT_TRACKER_DB = PROJECT_DIR / "var" / "tracker.db"
#: Rasa's SQL tracker store, with database errors that do not repeat what residents wrote
TRACKER_STORE = "bot.tracker_store.PrivateSQLTrackerStore"


def tracker_store(database_url: str | None) -> dict:
    if not database_url or database_url.startswith("sqlite"):
        return {"type": TRACKER_STORE, "dialect": "sqlite", "db": str(DEFAULT_TRACKER_DB)}
    url = urlsplit(normalise_url(database_url))
    config = {
        "type": TRACKER_STORE,
        "dialect": url.scheme,
        "url": url.hostname or "127.0.0.1",
        "db": url.path.lstrip("/"),
    }
    if url.port:
        config["port"] = url.port
    if url.username:
        config["username"] = unquote(url.username)
    if url.password:
        config["password"] = unquote(url.password)
    if url.query:
        config["query"] = dict(parse_qsl(url.query))
    return config


def tracker_database_url(database_url: str | None) -> str:
    """The SQLAlchemy URL of that tracker store, for the staff app's transcripts."""
    if not database_url or database_url.startswith("sqlite"):
        return f"sqlite:///{DEFAULT_TRACKER_DB}"
    return normalise_url(database_url)


def lock_store(redis_url: str | None) -> dict | None:
    """Rasa's Redis lock store for ``REDIS_URL`` (``redis://[:password@]host:port/db``, or
    ``rediss://`` for TLS); ``None``: Rasa's in-memory locks, right for one worker only."""
    if not redis_url:
        return None
    url = urlsplit(redis_url)
    if url.scheme not in ("redis", "rediss"):
        raise ValueError(f"REDIS_URL must start with redis:// or rediss://, not {url.scheme}://")
    config = {
        "type": "bot.lock_store.AtomicRedisLockStore",
        "url": url.hostname or "127.0.0.1",
        "port": url.port or 6379,
        "db": int(url.path.lstrip("/") or 0),
        "key_prefix": "hulpwijzer",
    }
    if url.password:
        config["password"] = unquote(url.password)
    if url.username:
        config["username"] = unquote(url.username)
    if url.scheme == "rediss":
        config["use_ssl"] = True
    return config


def endpoints(
    database_url: str | None, action_url: str = DEFAULT_ACTION_SERVER_URL, redis_url: str | None = None
) -> dict:
    config = {"action_endpoint": {"url": action_url}, "tracker_store": tracker_store(database_url)}
    lock = lock_store(redis_url)
    if lock:
        config["lock_store"] = lock
    return config


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path)
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env()
        content = endpoints(settings.database_url, settings.action_server_url, settings.redis_url)
    except ValueError as error:  # a wrong REDIS_URL, action server URL or worker count: say so, start nothing
        parser.exit(2, f"configuration: {error}\n")
    if not settings.database_url or settings.database_url.startswith("sqlite"):
        private_sqlite_file(DEFAULT_TRACKER_DB)  # Rasa creates it with the umask's mode otherwise
    write_private_text(args.target, yaml.safe_dump(content, sort_keys=False))  # it may hold a database password


if __name__ == "__main__":
    main()
