"""The insight tables (migrations/ creates them): counts per day, municipality and channel,
never a message, a name or a conversation id; and the review queue's questions, with personal
data removed before they are stored."""

from __future__ import annotations

from sqlalchemy import Column, Date, DateTime, Integer, MetaData, String, Table, Text, UniqueConstraint

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

#: questions the assistant did not understand, for the content editor: the text only after
#: personal data was removed (insight.redaction), no conversation id; kept 90 days by default
review_items = Table(
    "ins_review_items",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False, index=True),
    Column("gemeente_id", String(40), nullable=False),
    Column("channel", String(20), nullable=False),
    Column("reason", String(20), nullable=False),
    #: after "Bedoelt u …?": the intent of the topic the resident chose, else ""
    Column("label", String(40), nullable=False),
    Column("text", Text, nullable=False),
    #: the kinds of personal data that were removed (e.g. "naam,telefoonnummer"), never the values
    Column("removed", String(200), nullable=False),
)
