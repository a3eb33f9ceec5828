"""Database model of the knowledge base (SQLAlchemy 1.4, 2.0 style).

* ``Gemeente``: a municipality and its general contact channels.
* ``Source``: where a fact comes from: a document (with lines, year and a verbatim quote)
  or a public organisation (with its website).
* ``Facility``: a free, low-threshold facility (algemene voorziening). ``gemeente_id`` is
  ``None`` for national services every resident can use.
* ``Team``: who takes warm handoffs, per topic; ``Route``: topic to team per municipality.

The content files in ``knowledge_base/content/`` are the source of truth; the tables are
filled by :mod:`knowledge_base.importer`, and nothing else writes them.
"""

from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import JSON, Boolean, Column, Date, ForeignKey, Integer, String, Table, Text, false
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()

#: the topic a route takes for a household with several problems
from core.topics import MULTI_TOPIC  # noqa: E402,F401 - the route key, shared with the importer

facility_topics = Table(
    "kb_facility_topics",
    Base.metadata,
    Column("facility_id", ForeignKey("kb_facilities.id", ondelete="CASCADE"), primary_key=True),
    Column("topic", String(20), primary_key=True),
)

team_topics = Table(
    "kb_team_topics",
    Base.metadata,
    Column("team_id", ForeignKey("kb_teams.id", ondelete="CASCADE"), primary_key=True),
    Column("topic", String(20), primary_key=True),
)


class Gemeente(Base):
    __tablename__ = "kb_gemeenten"

    id = Column(String(40), primary_key=True)
    name = Column(String(80), nullable=False)
    phone = Column(String(40), nullable=False)
    website = Column(String(200), nullable=False)
    fingerprint = Column(String(64), nullable=False)


class Source(Base):
    __tablename__ = "kb_sources"

    id = Column(Integer, primary_key=True)
    #: seed document file name, e.g. ``almelo-evaluatie-sociaal-domein-2018.txt``
    document = Column(String(200))
    #: the document's title as residents should read it
    title = Column(String(200))
    lines = Column(String(40))
    year = Column(Integer)
    quote = Column(Text)
    #: a public organisation (national services), with its website
    organisation = Column(String(120))
    url = Column(String(300))

    def label(self) -> str:
        """How the source is named in an answer: ``Evaluatie sociaal domein, gemeente Almelo (2018)``."""
        if self.organisation:
            return f"{self.organisation} ({self.url.removeprefix('https://')})" if self.url else self.organisation
        return self.title or self.document or "onbekende bron"


class _Entry:
    """Columns shared by facilities and teams."""

    id = Column(String(80), primary_key=True)
    name = Column(String(80), nullable=False)
    #: the fact comes from an older document (2014-2018): the municipality should check it
    verify = Column(Boolean, nullable=False, default=False)
    #: when the municipality last confirmed the entry (from the content file), if ever
    last_verified: Optional[dt.date] = Column(Date)
    #: hash of the entry in its content file: the import changes only what changed
    fingerprint = Column(String(64), nullable=False)


class Facility(_Entry, Base):
    __tablename__ = "kb_facilities"

    gemeente_id = Column(ForeignKey("kb_gemeenten.id", ondelete="CASCADE"), index=True)
    offers = Column(Text, nullable=False)
    for_whom = Column(Text, nullable=False)
    how_to_reach = Column(Text, nullable=False)
    #: ``gratis``, ``onbekend`` or a short text about costs
    cost = Column(String(200), nullable=False, default="onbekend")
    #: ``yes``, ``no`` or ``unknown``
    indication_needed = Column(String(10), nullable=False, default="unknown")
    neighbourhood = Column(String(120))
    crisis = Column(Boolean, nullable=False, default=False)
    #: a service children and young people use themselves (the Kindertelefoon): not for a
    #: parent or grandparent asking about a child
    young_people_only = Column(Boolean, nullable=False, default=False, server_default=false())
    #: free advice on rules and rights (the Juridisch Loket, sociaal raadslieden): an answer
    #: to a question about what is allowed or what one is entitled to adds it
    rules_advice = Column(Boolean, nullable=False, default=False, server_default=false())
    #: a service for one particular need (diploma recognition): shown only when the question
    #: writes one of its keywords, not for a word it shares with other needs ("geen diploma")
    only_when_named = Column(Boolean, nullable=False, default=False, server_default=false())
    keywords = Column(JSON, nullable=False, default=list)
    source_id = Column(ForeignKey("kb_sources.id"), nullable=False)

    source = relationship(Source, lazy="joined")
    gemeente = relationship(Gemeente)
    _topics = relationship(
        "FacilityTopic", cascade="all, delete-orphan", lazy="selectin", order_by="FacilityTopic.topic"
    )

    @property
    def topics(self) -> list[str]:
        return [t.topic for t in self._topics]


class FacilityTopic(Base):
    __table__ = facility_topics


class Team(_Entry, Base):
    __tablename__ = "kb_teams"

    gemeente_id = Column(ForeignKey("kb_gemeenten.id", ondelete="CASCADE"), nullable=False, index=True)
    reach = Column(Text, nullable=False)
    multi_topic = Column(Boolean, nullable=False, default=False)
    #: the team's own promise for first contact, in working days, if the municipality set one
    response_working_days = Column(Integer)
    urgent_response_working_days = Column(Integer)
    source_id = Column(ForeignKey("kb_sources.id"), nullable=False)

    source = relationship(Source, lazy="joined")
    _topics = relationship("TeamTopic", cascade="all, delete-orphan", lazy="selectin", order_by="TeamTopic.topic")

    @property
    def topics(self) -> list[str]:
        return [t.topic for t in self._topics]


class TeamTopic(Base):
    __table__ = team_topics


class Route(Base):
    """Which team takes a topic (or ``multi_topic``) in a municipality."""

    __tablename__ = "kb_routes"

    gemeente_id = Column(ForeignKey("kb_gemeenten.id", ondelete="CASCADE"), primary_key=True)
    topic = Column(String(20), primary_key=True)
    team_id = Column(ForeignKey("kb_teams.id", ondelete="CASCADE"), nullable=False)
    #: the topic's front door: the facility ids shown first when a question names no
    #: particular need ("wat is er allemaal mogelijk?"), and always among those shown
    front_doors = Column(JSON, nullable=False, default=list)

    team = relationship(Team, lazy="joined")


class ImportState(Base):
    """One row: the fingerprint of the content files last imported."""

    __tablename__ = "kb_import_state"

    id = Column(Integer, primary_key=True)
    fingerprint = Column(String(64), nullable=False)
    imported_at = Column(String(40), nullable=False)
