"""The phone numbers (wa_id) of residents who chose "via WhatsApp" as the way a team may
contact them, kept with their handoff's reference and nowhere else.

The WhatsApp channel gives Rasa only a pseudonym. When a resident confirms a handoff with
contact via WhatsApp, the action server asks the channel (a ``whatsapp_contact`` custom
message, never shown) to keep the number with the reference; consent is the confirmed
summary. ``last_message_at`` follows the resident's messages, so a team knows whether
WhatsApp's 24-hour customer-service window is open (free-form messages) or closed (only
an approved template). The staff app deletes the row with the handoff (``staff.service``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from channels.tables import contacts
from channels.whatsapp_format import WINDOW
from core import schema
from core.db import as_utc, make_engine


@dataclass(frozen=True)
class Contact:
    reference: str
    wa_id: str
    last_message_at: dt.datetime

    @property
    def window_closes_at(self) -> dt.datetime:
        return self.last_message_at + WINDOW

    def window_open(self, now: dt.datetime | None = None) -> bool:
        return (now or dt.datetime.now(dt.timezone.utc)) < self.window_closes_at


class WhatsAppContacts:
    def __init__(self, engine: Engine | None = None):
        self.engine = engine or make_engine()

    def create_schema(self) -> None:
        schema.upgrade(self.engine)

    def remember(self, reference: str, wa_id: str, sender: str, last_message_at: dt.datetime) -> None:
        now = dt.datetime.now(dt.timezone.utc)
        try:
            with self.engine.begin() as connection:
                connection.execute(
                    contacts.insert().values(
                        reference=reference,
                        wa_id=wa_id,
                        sender=sender,
                        consented_at=now,
                        last_message_at=last_message_at,
                    )
                )
        except IntegrityError:
            pass  # a repeated confirmation: the number is already kept with this reference

    def heard_from(self, sender: str, at: dt.datetime) -> None:
        """The resident wrote again: the window reopens (only rows of consented handoffs exist)."""
        with self.engine.begin() as connection:
            connection.execute(update(contacts).where(contacts.c.sender == sender).values(last_message_at=at))

    #: registered with the erasure registry (core.erasure)
    name = "whatsapp_contacts"

    def erase_reference(self, reference: str) -> int:
        """The number kept for a handoff's WhatsApp follow-up (a resident's request)."""
        with self.engine.begin() as connection:
            return connection.execute(delete(contacts).where(contacts.c.reference == reference)).rowcount

    def purge_older_than(self, cutoff: dt.datetime) -> int:
        with self.engine.begin() as connection:
            return connection.execute(delete(contacts).where(contacts.c.consented_at < cutoff)).rowcount

    def get(self, reference: str) -> Contact | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(contacts).where(contacts.c.reference == reference)).first()
        return Contact(row.reference, row.wa_id, as_utc(row.last_message_at)) if row else None
