"""Handoffs (warme overdracht) in the database. Separate from the knowledge-base tables,
which are rebuilt from the content files: these hold real residents' requests and are only
removed by the retention purge or a resident's request for deletion."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, Date, DateTime, Integer, String, Text
from sqlalchemy.orm import declarative_base

Base = declarative_base()

#: statuses in the staff queue
NEW, IN_PROGRESS, CONTACTED, DONE = "nieuw", "in behandeling", "contact gelegd", "afgerond"
STATUSES = (NEW, IN_PROGRESS, CONTACTED, DONE)


class Handoff(Base):
    __tablename__ = "ho_handoffs"

    id = Column(Integer, primary_key=True)
    #: what the resident gets to quote: HW-XXXX-XXXX
    reference = Column(String(16), nullable=False, unique=True)
    #: one consent in one conversation gives one handoff, however often it is confirmed
    idempotency_key = Column(String(64), nullable=False, unique=True)
    gemeente_id = Column(String(40), nullable=False, index=True)
    team_id = Column(String(80), nullable=False, index=True)
    team_name = Column(String(120), nullable=False)
    topics = Column(JSON, nullable=False)
    urgent = Column(Boolean, nullable=False, default=False)
    urgency = Column(JSON, nullable=False, default=list)
    question = Column(Text, nullable=False)
    #: the whole summary as the resident confirmed it
    summary = Column(JSON, nullable=False)
    contact_name = Column(String(80), nullable=False)
    contact_method = Column(String(20), nullable=False)
    contact_phone = Column(String(20))
    contact_email = Column(String(254))
    contact_moment = Column(String(100))
    contact_postcode = Column(String(7))
    channel = Column(String(20), nullable=False)
    #: the Rasa conversation (sender id), for the transcript in the staff app
    conversation_id = Column(String(255), nullable=False, index=True)
    consent_at = Column(DateTime(timezone=True), nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False)
    respond_by = Column(Date)
    status = Column(String(20), nullable=False, default=NEW, index=True)
    claimed_by = Column(String(80))
