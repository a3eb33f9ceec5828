"""The conversation behind a handoff, read from Rasa's SQL tracker store (table ``events``),
across sessions: what the resident typed and what the assistant said."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, delete, inspect, select
from sqlalchemy.engine import Engine

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


def transcript(
    engine: Engine,
    conversation_id: str,
    consent_at: dt.datetime | None = None,
    until: dt.datetime | None = None,
) -> list[Line]:
    """The lines staff may read for a handoff: the session in which the resident gave
    consent, up to the handoff (``until``). Earlier or later sessions, and an earlier
    attempt the resident cancelled (its answers were never meant for the team), are left out.
    Without ``consent_at`` the whole conversation is returned."""
    query = (
        select(events.c.type_name, events.c.timestamp, events.c.data)
        .where(events.c.sender_id == conversation_id,
               events.c.type_name.in_(("user", "bot", "action", "session_started")))
        .order_by(events.c.id)
    )
    if not has_events_table(engine):
        return []
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    consent = consent_at.timestamp() if consent_at else None
    if consent is not None:
        starts = [i for i, (kind, ts, _) in enumerate(rows) if kind == "session_started" and (ts or 0) <= consent]
        rows = rows[starts[-1]:] if starts else rows
    lines, skipping = [], False
    for type_name, timestamp, data in rows:
        if until is not None and timestamp and timestamp > until.timestamp():
            break
        payload = json.loads(data or "{}")
        if type_name == "action":
            name = payload.get("name")
            if consent is not None and name == "action_record_consent" and (timestamp or 0) < consent - 1:
                skipping = True  # an earlier attempt ...
            elif name == "action_cancel_handoff":
                skipping = False  # ... that the resident stopped
            continue
        if skipping or type_name not in ("user", "bot"):
            continue
        text = (payload.get("text") or "").strip()
        if not text:
            continue
        at = dt.datetime.fromtimestamp(timestamp, dt.timezone.utc) if timestamp else None
        lines.append(Line("inwoner" if type_name == "user" else "assistent", text, at))
    return lines


def has_events_table(engine: Engine) -> bool:
    return inspect(engine).has_table("events")


def delete_conversation(engine: Engine, conversation_id: str) -> int:
    """Delete every event of a conversation. Errors propagate: a deletion that did not
    happen must not be reported as done."""
    if not has_events_table(engine):
        return 0
    with engine.begin() as connection:
        return connection.execute(delete(events).where(events.c.sender_id == conversation_id)).rowcount


def delete_older_than(engine: Engine, cutoff: dt.datetime) -> int:
    if not has_events_table(engine):
        return 0
    with engine.begin() as connection:
        return connection.execute(delete(events).where(events.c.timestamp < cutoff.timestamp())).rowcount
