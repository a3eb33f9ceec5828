"""The aggregate store's table (migrations/ creates it): counts per day, municipality and
channel, never a message, a name or a conversation id."""

from __future__ import annotations

from sqlalchemy import Column, Date, Integer, MetaData, String, Table, UniqueConstraint

metadata = MetaData()

#: one cell: how often ``metric`` (with its ``key`` and ``value``) happened on ``day``
counts = Table(
    "ins_counts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("day", Date, nullable=False, index=True),
    Column("gemeente_id", String(40), nullable=False),
    Column("channel", String(20), nullable=False),
    Column("metric", String(40), nullable=False),
    Column("key", String(80), nullable=False),
    Column("value", String(40), nullable=False),
    Column("count", Integer, nullable=False),
    UniqueConstraint("day", "gemeente_id", "channel", "metric", "key", "value", name="uq_ins_counts_cell"),
)
