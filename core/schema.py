"""The schema of the project's own tables, under Alembic (``migrations/``): every store asks
for the current schema before it is used, and ``python -m migrations upgrade`` (``make run``)
brings a database up to date. Rasa's ``events`` table stays Rasa's.

A database made before the migrations existed (by ``create_all``) is recognised by its tables
and marked as being at the first revision, then upgraded from there. This module reads the
migration scripts from their folder; it imports nothing of the project (the scripts' own
environment, ``migrations/env.py``, knows the tables).
"""

from __future__ import annotations

import threading

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Engine

from core.db import PROJECT_DIR

MIGRATIONS = PROJECT_DIR / "migrations"
#: the first revision: the tables as ``create_all`` made them before the migrations
BASELINE = "0001"
#: a table every pre-migration database had
BASELINE_TABLE = "kb_gemeenten"

_current: set[str] = set()
_lock = threading.Lock()


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Bring the project's tables in ``engine``'s database to the newest revision (once per
    process and database; later calls return at once)."""
    key = engine.url.render_as_string(hide_password=False)
    # every in-memory engine is a database of its own: never taken as done
    in_memory = engine.url.get_backend_name() == "sqlite" and engine.url.database in (None, "", ":memory:")
    if key in _current and not in_memory:
        return
    with _lock:
        if key in _current:
            return
        config = alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            tables = inspect(connection).get_table_names()
            if BASELINE_TABLE in tables and "alembic_version" not in tables:
                command.stamp(config, BASELINE)
            command.upgrade(config, "head")
        if not in_memory:
            _current.add(key)
