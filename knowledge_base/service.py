"""The knowledge base as the actions use it: facilities, teams and routes in memory, with
the search index, loaded from the database (which the import keeps in step with the
content files).

    kb = get_knowledge_base()          # once per process; nothing happens at import time
    kb.search("er staat een deurwaarder aan de deur", "almelo", ["schulden"])
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from core.db import make_engine, session_factory
from core.text import fold
from knowledge_base import CONTENT_DIR
from knowledge_base.db import create_schema
from knowledge_base.importer import (
    ContentProblems,
    ImportReport,
    content_fingerprint,
    import_content,
    imported_fingerprint,
)
from knowledge_base.models import MULTI_TOPIC, Facility, Gemeente, Route
from knowledge_base.rules_questions import asks_about_rules
from knowledge_base.search import FacilityDoc, Hit, SearchIndex

log = logging.getLogger(__name__)

#: "Bel 030-7606055", "Bel 0800-8020": a number of its own, not the municipality's 14 number
_OWN_PHONE = re.compile(r"\bBel (?!de gemeente)(?:\d{3,4}[- ]?\d|1\d{2}\b)")


def has_own_phone_line(how_to_reach: str) -> bool:
    return bool(_OWN_PHONE.search(how_to_reach)) and " 14 0" not in how_to_reach


#: further facilities are shown only when they score at least this share of the best one
RELATIVE_CUTOFF = 0.3
#: how many more search hits than shown are looked at for another topic's facility
OFF_TOPIC_CANDIDATES = 3
#: the topic's front door comes first unless the words point at another facility of the
#: topic at least this much more strongly than at the door. At 1 (any stronger match first)
#: a "school" in a worried parent's story put Hengelo's leerplicht spreekuur before the
#: jeugdgezondheidszorg: on kb_blind2-8 (1,071 first messages) the first facility fitted
#: 728 times at 1, 755 at 2 and 760 at 3 (but fewer on the newest set), 751 with the door
#: always first; the facilities shown are the same, only their order changes. The question
#: must also name one of the facility's keywords (``Hit.named``): on kb_blind2-9 (1,371)
#: 953 -> 1,029 first fits; a floor on the score instead gave at most 1,012, and failed
#: "jongerenwerk in hengelo?"
DOOR_MARGIN = 2.0


def points_past_the_door(hit: Hit, door_score: float) -> bool:
    """The words point at a facility clearly enough to show it before the topic's door:
    they name one of its keywords, and match it at least DOOR_MARGIN times as strongly as
    the door. A word of its texts alone ("school" in the name of the leerplicht spreekuur)
    put a facility before a door that shared no word with the question."""
    return hit.named and hit.score >= DOOR_MARGIN * door_score


def unasked_alarm(found: "Found", text: str) -> bool:
    """A crisis service (Veilig Thuis) the question does not name: in an ordinary answer it
    took a place on words like "thuis", "bang" or "kind" (a toddler who does not talk yet, a
    son who games at night), 28 times in kb_blind2-12 and never a facility the labellers
    chose. Violence and danger get the crisis answer; here the question must write one of
    its own keywords as it is written ("huiselijk geweld", "slaat mij", "bang thuis"). The
    search counts a keyword phrase whose words occur anywhere, which kept it in 15 answers
    of kb_blind2-14, 9 times first ("slaat ze de deur dicht" ... "mijn moeder", "ik ben
    bang" ... "laat thuis"), and a labeller chose it once."""
    return found.facility.crisis and not (found.hit.named and _writes_a_keyword(text, found.facility.keywords))


def _writes_a_keyword(text: str, keywords: Iterable[str]) -> bool:
    """One of ``keywords`` occurs in ``text`` word for word (after folding; a plural of its
    last word counts, "mishandelingen", not a compound: "bang thuis" is not "bang
    thuiszorg", "slaat mij" not "slaat mijn")."""
    folded = fold(text)
    return any(re.search(r"(?<!\w)" + re.escape(fold(k)) + r"(?:en|s)?(?!\w)", folded) for k in keywords)


#: the writer asks about their own (grand)child or pupil, or a neighbour's child
_ABOUT_A_CHILD = re.compile(
    r"\b(?:mijn|m'n|mn|onze|ons) (?:\w+ )?(?:zoon|zoons|zonen|zoontje|dochter|dochters|dochtertje|kind|kindje|"
    r"kinderen|kids|tweeling|puber|pubers|tiener|tieners|kleinzoon|kleindochter|kleinkind|kleinkinderen|"
    r"stiefzoon|stiefdochter|stiefkind|stiefkinderen|pleegkind|pleegkinderen|pleegzoon|pleegdochter|"
    r"neefje|nichtje|buurjongen|buurmeisje|leerling|leerlingen)\b"
)
#: the writer is young: "ik ben 15" (not "ik ben 16 jaar getrouwd"), "ik (14)", "mijn ouders"
_YOUNG_WRITER = re.compile(
    r"\bik ben (?:[89]|1\d|acht|negen|tien|elf|twaalf|dertien|veertien|vijftien|zestien|zeventien|achttien)\b"
    r"(?! jaar (?:getrouwd|samen|gescheiden|weduwe|weduwnaar|mantelzorger|werkloos|ziek|bezig))"
    r"|\bik \((?:[89]|1\d)\)"
    r"|\b(?:mijn|m'n|mn) (?:ouders|moeder|vader|mama|papa|ma|pa|stiefvader|stiefmoeder|mentor|juf|meester)\b"
)


def not_for_this_writer(found: "Found", text: str) -> bool:
    """A service young people use themselves (the Kindertelefoon, ``young_people_only``) for
    a parent or grandparent writing about a child. Its keyword "praten" put it first for
    "Mijn dochter 15 jaar wil niet meer met ons praten" 22 times in kb_blind2-14, where no
    labeller chose it; a young writer ("ik ben 15", "mijn ouders") keeps it."""
    if not found.facility.young_people_only:
        return False
    folded = fold(text)
    return bool(_ABOUT_A_CHILD.search(folded)) and not _YOUNG_WRITER.search(folded)


#: the topics whose questions about rules a rules-advice service answers (benefits, debts
#: and allowances, work, leerplicht and contact arrangements); a carer's question is not
#: one of them
RULES_TOPICS = frozenset({"werk", "schulden", "jeugd"})


def wants_rules_advice(text: str, topics: Sequence[str]) -> bool:
    """An answer about ``topics`` to ``text`` ends with rules advice: the question asks
    about rules and rights (``asks_about_rules``) on one of the ``RULES_TOPICS``."""
    return bool(RULES_TOPICS & set(topics)) and asks_about_rules(text)


def not_named(found: "Found", text: str) -> bool:
    """A service for one particular need (``only_when_named``: the diploma recognition) that
    the question does not name in one of its keywords' words: "ik heb geen diploma en zoek
    werk" shares the word "diploma" with it, but does not ask about a foreign diploma."""
    return found.facility.only_when_named and not _writes_a_keyword(text, found.facility.keywords)


def left_out(found: "Found", text: str) -> bool:
    """A search hit an answer to ``text`` never shows: a crisis service the question does
    not name, a service for young people asked about by a parent, or a service for one
    particular need the question does not name."""
    return unasked_alarm(found, text) or not_for_this_writer(found, text) or not_named(found, text)


#: a bystander's worry about a neighbour's child ("mijn buurmeisje van een jaar of 12 zit vaak
#: tot laat alleen buiten", "ik woon naast een gezin waar de kinderen ...", "het zoontje van
#: de buren")
_NEIGHBOURS_CHILD = re.compile(
    r"\b(?:buurjongen|buurjongetje|buurmeisje|buurjochie|buurkind|buurkinderen|buurkindje)\b"
    r"|\b(?:kind|kinderen|kindje|zoontje|dochtertje|meisje|jongetje|jongen)\s+van\s+(?:de|mijn|onze)\s+buren\b"
    r"|\b(?:onze|mijn|de)\s+buren\s+(?:hebben|heeft)\s+(?:een|twee|drie|vier)\s+(?:\w+\s+)?"
    r"(?:kind|kinderen|kindje|zoontje|dochtertje|meisje|jongetje|zoon|dochter)\b"
    r"|\b(?:buurvrouw|buurman|buren)\s+van\s+een\s+gezin\b|\bnaast\s+een\s+gezin\b"
)


#: ... an adult neighbour's son or daughter ("de buurjongen van 26 zoekt werk")
_GROWN_UP = re.compile(r"\b(?:buurjongen|buurmeisje)\s+(?:is\s+|van\s+)?(?:1[89]|[2-9]\d)\b")
#: what a neighbour sees that worries them about a child (not the neighbour's boy who types
#: the message for an elderly writer)
_NEGLECT_SIGNS = re.compile(
    r"\b(?:alleen|buiten|op straat|jas|kou|honger|eten|ontbijt|vies|vieze|kleren|huilt|huilen|schreeuw\w*|bang|"
    r"zorgen|verwaarloos\w*|geen tijd|niemand)\b"
)


def worried_about_a_neighbours_child(text: str) -> bool:
    """The writer is a neighbour worried about a child of another household: Veilig Thuis
    advises anyone who is worried about a child ("Voor iedereen die zich zorgen maakt om een
    kind"), and the labellers of kb_blind3, 13, 16, 17 and 24 chose it, often alone, where
    an answer without its words left it out (``unasked_alarm``)."""
    folded = fold(text)
    return (
        bool(_NEIGHBOURS_CHILD.search(folded)) and not _GROWN_UP.search(folded) and bool(_NEGLECT_SIGNS.search(folded))
    )


#: the writer says they are a child or a teenager: "ik ben 14", "ik (15)", "ben 13 jaar"
_CHILD_WRITER = re.compile(
    r"\b(?:ik ben|ben|ik)\s*\(?\s*(?:[89]|1[0-7]|acht|negen|tien|elf|twaalf|dertien|veertien|vijftien|zestien|zeventien)\s*\)?"
    r"(?!\s*jaar\s+(?:getrouwd|samen|gescheiden|bezig|werkloos|mantelzorger|ziek))(?:\s*jaar)?"
    r"(?!\s*(?:uur|euro|weken|maanden|keer|%))\b"
)
#: ... who asks for someone to talk to ("met iemand praten", "anoniem chatten", "iemand die
#: dit snapt")
_TALK = re.compile(
    r"\b(?:praten|chatten|chat|anoniem|luisteren|mijn verhaal|iemand (?:die|waar|om|spreken)|met wie|niemand)\b"
)


def a_child_who_wants_to_talk(text: str) -> bool:
    """A child or teenager writes that they want to talk to someone: the Kindertelefoon is
    for them ("voor kinderen en jongeren die met iemand willen praten"), and the labellers of
    kb_blind5, 6, 9, 11, 12, 16, 18 and 21 chose it, often alone."""
    folded = fold(text)
    return bool(_CHILD_WRITER.search(folded)) and bool(_TALK.search(folded))


@dataclass(frozen=True)
class FacilityInfo:
    id: str
    gemeente_id: str | None
    name: str
    offers: str
    for_whom: str
    how_to_reach: str
    cost: str
    indication_needed: str
    neighbourhood: str | None
    topics: tuple[str, ...]
    source: str
    source_year: int | None
    verify: bool
    #: a service for the crisis answer (Veilig Thuis), which may also answer a topic
    crisis: bool = False
    #: a service children and young people use themselves (the Kindertelefoon)
    young_people_only: bool = False
    #: free advice on rules and rights (``asks_about_rules``)
    rules_advice: bool = False
    #: shown only when the question names one of its keywords (``not_named``)
    only_when_named: bool = False
    keywords: tuple[str, ...] = ()

    @property
    def national(self) -> bool:
        return self.gemeente_id is None


@dataclass(frozen=True)
class TeamInfo:
    id: str
    gemeente_id: str
    name: str
    reach: str
    topics: tuple[str, ...]
    #: the team's own promise for first contact, if the municipality configured one
    response_working_days: int | None = None
    urgent_response_working_days: int | None = None


@dataclass(frozen=True)
class Found:
    facility: FacilityInfo
    hit: Hit


class KnowledgeBase:
    def __init__(
        self,
        facilities: Sequence[FacilityInfo],
        docs: Sequence[FacilityDoc],
        routes: dict,
        gemeenten: dict,
        front_doors: dict | None = None,
    ):
        self.facilities = {f.id: f for f in facilities}
        self.routes: dict[tuple[str, str], TeamInfo] = routes
        #: per (municipality, topic) the facilities a question without a particular need
        #: gets first (the route's ``front_doors`` in the content files)
        self.front_doors: dict[tuple[str, str], tuple[str, ...]] = front_doors or {}
        self.gemeenten: dict[str, str] = gemeenten
        self.index = SearchIndex(docs, ignore=[*gemeenten, *gemeenten.values()])

    @classmethod
    def from_session(cls, session: Session) -> "KnowledgeBase":
        facilities, docs = [], []
        for row in session.scalars(select(Facility).order_by(Facility.id)):
            facilities.append(
                FacilityInfo(
                    id=row.id,
                    gemeente_id=row.gemeente_id,
                    name=row.name,
                    offers=row.offers,
                    for_whom=row.for_whom,
                    how_to_reach=row.how_to_reach,
                    cost=row.cost,
                    indication_needed=row.indication_needed,
                    neighbourhood=row.neighbourhood,
                    topics=tuple(row.topics),
                    source=row.source.label(),
                    source_year=row.source.year,
                    verify=row.verify,
                    crisis=row.crisis,
                    young_people_only=row.young_people_only,
                    rules_advice=row.rules_advice,
                    only_when_named=row.only_when_named,
                    keywords=tuple(row.keywords or ()),
                )
            )
            docs.append(
                FacilityDoc(
                    id=row.id,
                    gemeente_id=row.gemeente_id,
                    topics=tuple(row.topics),
                    name=row.name,
                    keywords=tuple(row.keywords or ()),
                    offers=row.offers,
                    for_whom=row.for_whom,
                    crisis=row.crisis,
                    phone_line=has_own_phone_line(row.how_to_reach),
                )
            )
        routes, front_doors = {}, {}
        for route in session.scalars(select(Route)):
            front_doors[(route.gemeente_id, route.topic)] = tuple(route.front_doors or ())
            team = route.team
            routes[(route.gemeente_id, route.topic)] = TeamInfo(
                team.id,
                team.gemeente_id,
                team.name,
                team.reach,
                tuple(team.topics),
                team.response_working_days,
                team.urgent_response_working_days,
            )
        gemeenten = {g.id: g.name for g in session.scalars(select(Gemeente))}
        return cls(facilities, docs, routes, gemeenten, front_doors)

    def search(
        self,
        text: str,
        gemeente_id: str | None,
        topics: Sequence[str] = (),
        limit: int = 3,
        exclude: Iterable[str] = (),
    ) -> list[Found]:
        """The best facilities; an unknown ``gemeente_id`` searches national ones only."""
        local = gemeente_id if gemeente_id in self.gemeenten else None
        hits = self.index.search(text, local, topics, limit=limit, exclude=exclude)
        return [Found(self.facilities[h.facility_id], h) for h in hits]

    def recommend(
        self,
        text: str,
        gemeente_id: str | None,
        topics: Sequence[str],
        limit: int = 3,
        exclude: Iterable[str] = (),
        also: Sequence[str] = (),
    ) -> list[FacilityInfo]:
        """The 1-``limit`` facilities to answer a help question with, and one more for a
        topic in ``also``.

        The facilities of the question's topics come first: with several topics the best
        facility of each topic (a household with debts and a job loss hears about both), a
        local one where the municipality has one that fits, then the best of the rest. A
        facility of another topic may only follow them, when it clearly matches the words.
        ``also``: a topic the classifier leans to without being sure (``Triage.also``); its
        best facility follows the others unless one of them already belongs to it.
        A question about rules and rights ("mag ik bijverdienen naast de bijstand?") gets a
        rules-advice service last, unless one is shown already.
        """
        alarm = self._advice_for_a_bystander(text, gemeente_id, exclude) or self._line_for_a_child(
            text, gemeente_id, topics, exclude
        )
        chosen = alarm + self._recommend(
            text, gemeente_id, topics, limit - len(alarm), [*exclude, *(f.id for f in alarm)]
        )
        rules: list[FacilityInfo] = []
        if wants_rules_advice(text, topics):
            rules = self._rules_advice(gemeente_id, [*exclude, *(f.id for f in chosen)])
        for topic in also:
            if rules or topic in topics or any(topic in f.topics for f in chosen):
                # one facility beyond ``limit``: the question's own words about rules come
                # before a topic the classifier only leans to
                continue
            shown = [*exclude, *(f.id for f in chosen)]
            chosen += self._recommend(text, gemeente_id, [topic], 1, shown)
            break
        return chosen + rules

    def _line_for_a_child(
        self, text: str, gemeente_id: str | None, topics: Sequence[str], shown: Iterable[str]
    ) -> list[FacilityInfo]:
        """For a child or teenager who wants to talk to someone about youth or caring at home:
        the service young people use themselves (the Kindertelefoon) first, unless shown before."""
        if not ({"jeugd", "mantelzorg"} & set(topics)) or not a_child_who_wants_to_talk(text):
            return []
        return self._first_service(lambda f: f.young_people_only, gemeente_id, shown)

    def _advice_for_a_bystander(self, text: str, gemeente_id: str | None, shown: Iterable[str]) -> list[FacilityInfo]:
        """For a neighbour worried about someone else's child: the crisis service for
        children (Veilig Thuis) first, unless it was shown before."""
        if not worried_about_a_neighbours_child(text):
            return []
        return self._first_service(lambda f: f.crisis and "jeugd" in f.topics, gemeente_id, shown)

    def _first_service(
        self, wanted: Callable[[FacilityInfo], bool], gemeente_id: str | None, shown: Iterable[str] = ()
    ) -> list[FacilityInfo]:
        """The ``wanted`` service for this municipality that was not ``shown``: its own one
        first, else the national one (at most one)."""
        shown = set(shown)
        services = [
            f
            for f in self.facilities.values()
            if wanted(f) and f.gemeente_id in (None, gemeente_id) and f.id not in shown
        ]
        return sorted(services, key=lambda f: (f.national, f.id))[:1]

    def _rules_advice(self, gemeente_id: str | None, shown: Sequence[str]) -> list[FacilityInfo]:
        """For a question about rules and rights: the municipality's own rules-advice service
        (Almere's sociaal raadslieden), else the national one (the Juridisch Loket), unless
        ``shown`` (this answer's facilities and those shown before) holds one already: "meer
        mogelijkheden" does not add the Juridisch Loket after the sociaal raadslieden. The
        facilities for the need come first: "hoeveel uur mag ik werken?" is also a question
        about work."""
        if any(self.facilities[i].rules_advice for i in shown if i in self.facilities):
            return []
        return self._first_service(lambda f: f.rules_advice, gemeente_id)

    def _recommend(
        self, text: str, gemeente_id: str | None, topics: Sequence[str], limit: int, exclude: Iterable[str]
    ) -> list[FacilityInfo]:
        excluded = list(exclude)
        chosen: list[FacilityInfo] = []

        def take(facility: FacilityInfo) -> None:
            chosen.append(facility)
            excluded.append(facility.id)

        if len(topics) > 1:
            for topic in topics[:limit]:
                on_topic = [
                    f
                    for f in self.search(text, gemeente_id, [topic], limit=5, exclude=excluded)
                    if topic in f.facility.topics and not left_out(f, text)
                ]
                # per topic a local facility first when one matches the words at all, else
                # the topic's front door
                local = [f for f in on_topic if not f.facility.national and f.hit.matched]
                door = self.front_door(gemeente_id, topic, excluded)
                door_score = next((f.hit.score for f in on_topic if door and f.facility.id == door.id), 0.0)
                if local and (not door or points_past_the_door(local[0].hit, door_score)):
                    pick = local[0].facility
                else:
                    pick = door or (on_topic[0].facility if on_topic else None)
                if pick:
                    take(pick)
        ranked = [
            f
            for f in self.search(text, gemeente_id, topics, limit=limit + OFF_TOPIC_CANDIDATES, exclude=excluded)
            if not left_out(f, text)
        ]
        on_topic = [f for f in ranked if not topics or set(f.facility.topics) & set(topics)]
        door = self.front_door(gemeente_id, topics[0], excluded) if len(topics) == 1 else None
        door_score = next((f.hit.score for f in ranked if door and f.facility.id == door.id), 0.0)
        if door and (
            not on_topic
            or not on_topic[0].hit.matched
            or on_topic[0].facility.id == door.id
            or not points_past_the_door(on_topic[0].hit, door_score)
        ):
            # the words point at no facility in particular, or not clearly more than at
            # the door: the topic's front door first, and the route's other front doors
            # after it, leaving a place for what the words match
            take(door)
            while len(chosen) < limit - 1 and (other_door := self.front_door(gemeente_id, topics[0], excluded)):
                take(other_door)
            on_topic = [f for f in on_topic if f.facility.id not in excluded]
            door = None
        best = on_topic[0].hit.score if on_topic else 0.0
        for found in on_topic:
            # a facility far below the best one is noise, not a second option
            if len(chosen) >= limit or (chosen and found.hit.score < RELATIVE_CUTOFF * best):
                break
            if found.facility.id in excluded:
                continue  # the front door, already taken
            take(found.facility)
            if door and len(chosen) == 1:
                # the facility the words point at first, the front door right after it
                take(door)
                door = None
        for found in ranked:
            # another topic's facility only after the topic's own, and only when it clearly
            # matches: more than one word in common, and despite the off-topic penalty not
            # far below the topic's best (``facility_message`` labels it)
            if len(chosen) >= limit:
                break
            if found in on_topic or found.facility.id in excluded:
                continue
            if found.hit.score < RELATIVE_CUTOFF * best or len(found.hit.matched) < 2:
                continue
            take(found.facility)
        return chosen[:limit]

    def front_door(self, gemeente_id: str | None, topic: str, excluded: Iterable[str] = ()) -> FacilityInfo | None:
        """The topic's first front door in the municipality that was not shown yet."""
        for facility_id in self.front_doors.get((gemeente_id or "", topic), ()):
            if facility_id in self.facilities and facility_id not in excluded:
                return self.facilities[facility_id]
        return None

    def team_for(self, gemeente_id: str | None, topics: Sequence[str]) -> TeamInfo | None:
        """The team that takes a warm handoff for these topics in this municipality."""
        if gemeente_id not in self.gemeenten or not topics:
            return None
        key = MULTI_TOPIC if len(set(topics)) > 1 else topics[0]
        return self.routes.get((gemeente_id, key))


def ensure_imported(engine: Engine, content_dir=CONTENT_DIR) -> ImportReport | None:
    """Create the tables and import the content files if they changed since the last
    import. With problems in the files, the last good import stays in use (logged)."""
    create_schema(engine)
    with session_factory(engine)() as session:
        if imported_fingerprint(session) == content_fingerprint(content_dir):
            return None
        try:
            return import_content(session, content_dir)
        except ContentProblems as problems:
            session.rollback()
            for problem in problems.problems:
                log.error("knowledge base content problem: %s", problem)
            return None


def load_knowledge_base(engine: Engine) -> KnowledgeBase:
    ensure_imported(engine)
    with session_factory(engine)() as session:
        return KnowledgeBase.from_session(session)


@lru_cache(maxsize=1)
def get_knowledge_base() -> KnowledgeBase:
    """The process-wide knowledge base from ``DATABASE_URL`` (loaded on first use)."""
    return load_knowledge_base(make_engine())
