"""The knowledge base's tables in the project's database (``core.db``)."""

from __future__ import annotations

from sqlalchemy import inspect
from sqlalchemy.engine import Engine

from knowledge_base.models import Base


def create_schema(engine: Engine) -> None:
    """Create the knowledge-base tables. They only hold what the content files say, so
    when a newer version needs other columns they are dropped and rebuilt (the next
    import fills them again); handoffs and staff data live in other tables."""
    existing = inspect(engine)
    for table in Base.metadata.sorted_tables:
        if existing.has_table(table.name):
            have = {c["name"] for c in existing.get_columns(table.name)}
            if not {c.name for c in table.columns} <= have:
                Base.metadata.drop_all(engine)
                break
    Base.metadata.create_all(engine)
