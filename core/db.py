"""The project's database connection: engines and sessions for the knowledge base,
handoffs, staff data and the WhatsApp channel's tables.

``DATABASE_URL`` selects the database; the embedded default is SQLite in ``var/``.
PostgreSQL in production: ``DATABASE_URL=postgresql://user@host/db``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from core.private_files import private_sqlite_file
from core.settings import Settings, current

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_URL = f"sqlite:///{PROJECT_DIR / 'var' / 'hulpwijzer.db'}"
#: how long a connection to PostgreSQL (or a free one from the pool) may take
CONNECT_TIMEOUT_SECONDS = 5


def normalise_url(url: str) -> str:
    """Heroku-style URLs name the dialect "postgres"; SQLAlchemy 1.4 needs "postgresql"."""
    url = url.strip()
    return "postgresql://" + url[len("postgres://") :] if url.startswith("postgres://") else url


def database_url(settings: Settings | None = None) -> str:
    """The database of ``settings`` (default: this process's, :func:`core.settings.current`)."""
    given = (settings or current()).database_url
    return normalise_url(given or DEFAULT_URL)


def _sqlite_foreign_keys(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def as_utc(moment: dt.datetime) -> dt.datetime:
    """A stored time, timezone-aware: SQLite gives naive datetimes back; they were stored as UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def make_engine(url: str | None = None) -> Engine:
    """An engine for ``url`` (default: :func:`database_url`); creates SQLite's folder."""
    url = url or database_url()
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        # handoffs and transcripts: readable by the service user only
        private_sqlite_file(Path(url[len("sqlite:///") :].split("?", 1)[0]))
    # hide_parameters: a failing statement's error text must not carry resident data
    options: dict = {}
    if url.startswith("postgresql"):
        # an unreachable database is a clear error within seconds, never a stalled server
        options = {
            "connect_args": {"connect_timeout": CONNECT_TIMEOUT_SECONDS},
            "pool_timeout": CONNECT_TIMEOUT_SECONDS,
        }
    engine = create_engine(
        url, future=True, pool_pre_ping=not url.startswith("sqlite"), hide_parameters=True, **options
    )
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_foreign_keys)
    return engine


def session_factory(engine: Engine) -> sessionmaker:
    return sessionmaker(engine, future=True, expire_on_commit=False, class_=Session)
