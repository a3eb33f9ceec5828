"""Rasa's endpoints for this deployment: the action server, and the tracker store in the
same database as the knowledge base and handoffs.

With ``DATABASE_URL`` unset, conversations go to SQLite in ``var/tracker.db`` (the
embedded default). With ``DATABASE_URL=postgresql://user:pw@host:5432/db`` they go to
PostgreSQL, like the handoffs, so the staff app reads transcripts from there.

    python -m bot.endpoints var/endpoints.yml      (scripts/run.sh does this)
"""

from __future__ import annotations

import argparse
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

import yaml

from core.db import PROJECT_DIR, normalise_url
from core.private_files import private_sqlite_file, write_private_text
from core.settings import Settings

DEFAULT_TRACKER_DB = PROJECT_DIR / "var" / "tracker.db"


def tracker_store(database_url: str | None) -> dict:
    if not database_url or database_url.startswith("sqlite"):
        return {"type": "SQL", "dialect": "sqlite", "db": str(DEFAULT_TRACKER_DB)}
    url = urlsplit(normalise_url(database_url))
    config = {
        "type": "SQL",
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


def endpoints(database_url: str | None, action_url: str = "http://127.0.0.1:5055/webhook") -> dict:
    return {"action_endpoint": {"url": action_url}, "tracker_store": tracker_store(database_url)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path)
    args = parser.parse_args(argv)
    database_url = Settings.from_env().database_url
    if not database_url or database_url.startswith("sqlite"):
        private_sqlite_file(DEFAULT_TRACKER_DB)  # Rasa creates it with the umask's mode otherwise
    content = endpoints(database_url)
    write_private_text(args.target, yaml.safe_dump(content, sort_keys=False))  # it may hold a database password


if __name__ == "__main__":
    main()
