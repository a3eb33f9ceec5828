"""Staff accounts, sessions, notes on handoffs and the audit log."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, String, Text, false
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class StaffUser(Base):
    __tablename__ = "staff_users"

    username = Column(String(80), primary_key=True)
    password_hash = Column(String(300), nullable=False)
    is_admin = Column(Boolean, nullable=False, default=False)
    #: sees the insight dashboard of every team (issue 14), and no handoff
    is_analyst = Column(Boolean, nullable=False, default=False, server_default=false())
    created_at = Column(DateTime(timezone=True), nullable=False)


class StaffTeam(Base):
    """Which teams' handoffs a staff member may see."""

    __tablename__ = "staff_user_teams"

    username = Column(ForeignKey("staff_users.username", ondelete="CASCADE"), primary_key=True)
    team_id = Column(String(80), primary_key=True)


class StaffSession(Base):
    __tablename__ = "staff_sessions"

    #: sha256 of the cookie value: a stolen database does not give working sessions
    token_hash = Column(String(64), primary_key=True)
    username = Column(ForeignKey("staff_users.username", ondelete="CASCADE"), nullable=False)
    csrf_token = Column(String(64), nullable=False)
    expires_at = Column(DateTime(timezone=True), nullable=False)


class Note(Base):
    """An internal note on a handoff (not shown to the resident)."""

    __tablename__ = "staff_notes"

    id = Column(Integer, primary_key=True)
    reference = Column(String(16), nullable=False, index=True)
    author = Column(String(80), nullable=False)
    text = Column(Text, nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False)


class AuditEntry(Base):
    """Who did what, when. Holds references and actions, never resident data."""

    __tablename__ = "staff_audit"

    id = Column(Integer, primary_key=True)
    at = Column(DateTime(timezone=True), nullable=False, index=True)
    actor = Column(String(80), nullable=False)
    action = Column(String(40), nullable=False)
    reference = Column(String(16), index=True)
    detail = Column(String(200))
