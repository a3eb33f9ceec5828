"""The conversation behind a handoff, read from Rasa's SQL tracker store (table ``events``),
across sessions: what the resident typed and what the assistant said."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError, ProgrammingError

_metadata = MetaData()
#: the columns of Rasa 3.6's ``SQLTrackerStore.SQLEvent`` that the app reads
events = Table(
    "events",
    _metadata,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255)),
    Column("type_name", String(255)),
    Column("timestamp", Float),
    Column("data", Text),
)


@dataclass(frozen=True)
class Line:
    speaker: str  # "inwoner" or "assistent"
    text: str
    at: dt.datetime | None


def transcript(engine: Engine, conversation_id: str) -> list[Line]:
    query = (
        select(events.c.type_name, events.c.timestamp, events.c.data)
        .where(events.c.sender_id == conversation_id, events.c.type_name.in_(("user", "bot")))
        .order_by(events.c.id)
    )
    try:
        with engine.connect() as connection:
            rows = connection.execute(query).all()
    except (OperationalError, ProgrammingError):  # no tracker store yet
        return []
    lines = []
    for type_name, timestamp, data in rows:
        text = (json.loads(data or "{}").get("text") or "").strip()
        if not text:
            continue
        at = dt.datetime.fromtimestamp(timestamp, dt.timezone.utc) if timestamp else None
        lines.append(Line("inwoner" if type_name == "user" else "assistent", text, at))
    return lines


def delete_conversation(engine: Engine, conversation_id: str) -> int:
    try:
        with engine.begin() as connection:
            return connection.execute(delete(events).where(events.c.sender_id == conversation_id)).rowcount
    except (OperationalError, ProgrammingError):
        return 0


def delete_older_than(engine: Engine, cutoff: dt.datetime) -> int:
    try:
        with engine.begin() as connection:
            return connection.execute(delete(events).where(events.c.timestamp < cutoff.timestamp())).rowcount
    except (OperationalError, ProgrammingError):
        return 0
