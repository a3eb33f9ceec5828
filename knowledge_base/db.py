"""The knowledge base's tables in the project's database (``core.db``); their schema is
under the project's migrations (``core.schema``)."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from core import schema


def create_schema(engine: Engine) -> None:
    """The knowledge-base tables at the newest revision (with all the project's tables)."""
    schema.upgrade(engine)
