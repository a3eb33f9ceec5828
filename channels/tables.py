"""The WhatsApp channel's own tables in the project's database (migrations/ creates them):
the numbers kept with consented handoffs, and the message ids already answered."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, MetaData, String, Table

metadata = MetaData()

#: a WhatsApp number kept with a handoff whose resident chose contact via WhatsApp
contacts = Table(
    "wa_handoff_contacts",
    metadata,
    Column("reference", String(20), primary_key=True),
    Column("wa_id", String(32), nullable=False),
    Column("sender", String(64), nullable=False, index=True),  # the pseudonym Rasa knows
    Column("consented_at", DateTime(timezone=True), nullable=False),
    Column("last_message_at", DateTime(timezone=True), nullable=False),
)

#: message ids already handled, so that a redelivery is not answered twice
seen_messages = Table(
    "wa_seen_messages",
    metadata,
    Column("message_id", String(128), primary_key=True),
    Column("seen_at", DateTime(timezone=True), nullable=False),
)
