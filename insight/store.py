"""The aggregate store: counts added as conversations happen, read by the dashboard.

:meth:`InsightStore.add` adds tallies to their cells in one transaction (an upsert that
increments, safe with several action servers writing at once, on SQLite and PostgreSQL).
It is called from worker threads (``asyncio.to_thread``), never on an event loop.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine

from core import schema
from insight.tables import counts
from insight.tallies import Tally, channel_name, checked


@dataclass(frozen=True)
class Cell:
    day: dt.date
    gemeente_id: str
    channel: str
    metric: str
    key: str
    value: str
    count: int


class InsightStore:
    def __init__(self, engine: Engine):
        self.engine = engine

    def create_schema(self) -> None:
        schema.upgrade(self.engine)

    def add(self, day: dt.date, gemeente_id: str, channel: str | None, tallies: Iterable[Tally]) -> int:
        """Add ``tallies`` to the cells of ``day``, ``gemeente_id`` and ``channel``; how many
        cells changed. A tally outside the vocabulary is refused before anything is written."""
        totals = Counter()
        for tally in tallies:
            checked(tally)
            totals[(tally.metric, tally.key, tally.value)] += tally.n
        if not totals:
            return 0
        if not gemeente_id or len(gemeente_id) > 40:
            raise ValueError("a municipality id of 1 to 40 characters")
        rows = [
            {
                "day": day,
                "gemeente_id": gemeente_id,
                "channel": channel_name(channel),
                "metric": metric,
                "key": key,
                "value": value,
                "count": n,
            }
            for (metric, key, value), n in sorted(totals.items())
        ]
        dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
        statement = dialect.insert(counts)
        statement = statement.on_conflict_do_update(
            index_elements=["day", "gemeente_id", "channel", "metric", "key", "value"],
            set_={"count": counts.c.count + statement.excluded.count},
        )
        with self.engine.begin() as connection:
            connection.execute(statement, rows)
        return len(rows)

    def cells(self, gemeente_id: str | None, start: dt.date, end: dt.date) -> list[Cell]:
        """Every cell from ``start`` up to and including ``end`` (all municipalities: None)."""
        query = select(counts).where(counts.c.day >= start, counts.c.day <= end)
        if gemeente_id:
            query = query.where(counts.c.gemeente_id == gemeente_id)
        with self.engine.connect() as connection:
            return [
                Cell(r.day, r.gemeente_id, r.channel, r.metric, r.key, r.value, r.count)
                for r in connection.execute(query.order_by(counts.c.day, counts.c.metric, counts.c.key))
            ]

    def total(self, metric: str, gemeente_id: str | None = None) -> int:
        query = select(func.coalesce(func.sum(counts.c.count), 0)).where(counts.c.metric == metric)
        if gemeente_id:
            query = query.where(counts.c.gemeente_id == gemeente_id)
        with self.engine.connect() as connection:
            return int(connection.execute(query).scalar())
