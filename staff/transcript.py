"""The conversation behind a handoff, read from Rasa's SQL tracker store (table ``events``),
across sessions: what the resident typed and what the assistant said."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, delete, inspect, select
from sqlalchemy.engine import Engine

from core.text import BUTTON_PAYLOAD
from core.topics import button_title, topics_of_intent
from handoff.validation import visible

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
    #: the resident pressed a button (or a WhatsApp reply button or list row): ``text`` is
    #: its title as the resident saw it, never the payload behind it
    button: bool = False


#: what a button sent, when the button itself is no longer in the conversation (an older
#: session, a WhatsApp id cut to 256 characters): said in the words of the buttons
_KNOWN_PAYLOADS = {
    "affirm": "Ja",
    "deny": "Nee",
    "request_human": "Contact met de gemeente",
    "ask_more_options": "Meer mogelijkheden",
    "handoff_change": "Aanpassen",
    "handoff_cancel": "Stoppen",
}
#: WhatsApp cuts a reply id at this length (channels.whatsapp_format)
_ID_LIMIT = 256


def _offered(data: dict) -> dict[str, str]:
    """Payload -> title of the buttons a bot message showed."""
    buttons = (data.get("data") or {}).get("buttons") or data.get("buttons") or []
    return {
        str(b["payload"]): str(b["title"])
        for b in buttons
        if isinstance(b, dict) and b.get("payload") and b.get("title")
    }


def pressed(text: str, offered: dict[str, str]) -> str | None:
    """The title of the button whose payload is ``text``, if the resident pressed one.

    A payload that no shown button matches ("/affirm" typed, or from an older session) is
    said in words too: staff never read "/request_human"."""
    if text in offered:
        return offered[text]
    for payload, title in offered.items():
        if len(text) == _ID_LIMIT and payload[:_ID_LIMIT] == text:
            return title
    if BUTTON_PAYLOAD.match(text):
        intent = text[1:].split("{", 1)[0]
        if intent in _KNOWN_PAYLOADS:
            return _KNOWN_PAYLOADS[intent]
        topics = topics_of_intent(intent)
        return button_title(intent) if topics else "Een keuze uit de knoppen"
    return None


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
        .where(
            events.c.sender_id == conversation_id, events.c.type_name.in_(("user", "bot", "action", "session_started"))
        )
        .order_by(events.c.id)
    )
    if not has_events_table(engine):
        return []
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    consent = consent_at.timestamp() if consent_at else None
    if consent is not None:
        starts = [i for i, (kind, ts, _) in enumerate(rows) if kind == "session_started" and (ts or 0) <= consent]
        rows = rows[starts[-1] :] if starts else rows
    lines, skipping = [], False
    offered: dict[str, str] = {}
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
        if type_name not in ("user", "bot"):
            continue
        text = visible((payload.get("text") or "")).strip()
        if type_name == "bot":
            # the buttons under the messages since the resident's last turn are what the
            # resident can press next
            offered = {**offered, **_offered(payload)}
        title = pressed(text, offered) if type_name == "user" else None
        if type_name == "user":
            offered = {}
        if skipping or not text:
            continue
        at = dt.datetime.fromtimestamp(timestamp, dt.timezone.utc) if timestamp else None
        if title is not None:
            lines.append(Line("inwoner", title, at, button=True))
        else:
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
