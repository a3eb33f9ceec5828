"""Handoffs (warme overdracht) in the database. Separate from the knowledge-base tables,
which are rebuilt from the content files: these hold real residents' requests and are only
removed by the retention purge or a resident's request for deletion."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, Date, DateTime, Index, Integer, String, Text, UniqueConstraint
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


#: states of a registration in another system (the outbox below)
PENDING, WORKING, REGISTERED, FAILED = "pending", "working", "registered", "failed"


class Registration(Base):
    """The outbox: a confirmed handoff to be registered in another system of the municipality
    (``backend``: ``open_klant``), written in the same transaction as the handoff itself, so
    that no handoff is stored without it (a spooled handoff gets it when it is imported).

    A worker claims a row by compare-and-set (``pending`` and due, or ``working`` with an
    expired lease -> ``working`` with its own ``claim``), records every object it creates in
    ``objects`` before the next call, and ends it ``registered``, ``pending`` again (the system
    was unreachable: ``next_attempt_at`` backs off) or ``failed`` (refused: ``error`` says
    why, and staff can try again). Holds references and uuids, no resident data."""

    __tablename__ = "ho_registrations"
    __table_args__ = (
        UniqueConstraint("reference", "backend", name="uq_ho_registrations_reference_backend"),
        Index("ix_ho_registrations_due", "status", "next_attempt_at"),
    )

    id = Column(Integer, primary_key=True)
    reference = Column(String(16), nullable=False)
    backend = Column(String(20), nullable=False)
    status = Column(String(10), nullable=False, default=PENDING)
    #: failed attempts since the last success or retry (the backoff grows with them)
    attempts = Column(Integer, nullable=False, default=0)
    next_attempt_at = Column(DateTime(timezone=True), nullable=False)
    #: the worker holding the row while ``working``, and until when
    claim = Column(String(32))
    lease_until = Column(DateTime(timezone=True))
    #: the step whose request was sent without its answer recorded: on resume, look it up first
    in_flight = Column(String(30))
    #: what was created there, step by step: {"klantcontact": uuid, ...}
    objects = Column(JSON, nullable=False, default=dict)
    #: the last problem: {"kind", "step", "status", "title", "invalidParams": [...]}
    error = Column(JSON)
    created_at = Column(DateTime(timezone=True), nullable=False)
    updated_at = Column(DateTime(timezone=True), nullable=False)
    registered_at = Column(DateTime(timezone=True))
