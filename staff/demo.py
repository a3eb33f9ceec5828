"""Demo data for the insight dashboard: invented conversations over some weeks, counted the
way the assistant counts real ones (``python -m staff demo-data``).

Every invented conversation goes through the same functions as a real one
(:func:`insight.tallies.for_answer`, :func:`insight.tallies.first_contact`), with the
municipality's real teams and facilities, so the dashboard shows what it would show live. The
numbers are invented and say so: the command refuses a database that already holds figures.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from sqlalchemy.engine import Engine

from core.topics import HELP_TOPICS
from insight.store import InsightStore
from insight.tallies import ACCEPTED, CONFIRMED, FOLLOW_UPS, OFFERED, Tally, first_contact, for_answer
from knowledge_base.service import KnowledgeBase

#: conversations on a weekday; weekends have fewer
WEEKDAY_CONVERSATIONS = (34, 28, 27, 26, 22, 9, 7)
#: how conversations end up, roughly as in the project's own test sets
OUTCOMES = [
    ("answered", 0.78),
    ("crisis", 0.03),
    ("out_of_scope", 0.07),
    ("other_language", 0.02),
    ("not_understood", 0.04),
    (None, 0.06),  # a greeting only, or gone
]
TOPIC_WEIGHTS = {"mantelzorg": 0.27, "schulden": 0.33, "jeugd": 0.2, "werk": 0.2}
CHANNELS = (("socketio", 0.7), ("whatsapp", 0.25), ("rest", 0.05))


class DemoDataRefused(RuntimeError):
    pass


def _pick(rng: random.Random, weighted):
    items, weights = zip(*weighted)
    return rng.choices(items, weights)[0]


def conversation(rng: random.Random, kb: KnowledgeBase, gemeente: str) -> tuple[str, list[Tally]]:
    """One invented conversation: its channel and its counts."""
    tallies = [Tally("conversation_started")]
    outcome = _pick(rng, OUTCOMES)
    if outcome is None:
        return _pick(rng, CHANNELS), tallies
    topics = []
    if outcome == "answered":
        topics = [_pick(rng, TOPIC_WEIGHTS.items())]
        if rng.random() < 0.12:
            topics.append(rng.choice([t for t in HELP_TOPICS if t != topics[0]]))
    on_topic = [f.id for f in kb.facilities.values() if f.gemeente_id == gemeente and set(f.topics) & set(topics)]
    shown = rng.sample(on_topic, min(len(on_topic), rng.choice((1, 2, 3)))) if on_topic else []
    tallies += for_answer(outcome, topics, shown, after_clarifying=rng.random() < 0.08, first_in_conversation=True)
    if shown and rng.random() < 0.05:
        tallies.append(Tally("deny_after_answer"))
    for facility in shown:
        if rng.random() < 0.1:
            tallies.append(Tally("follow_up", facility, rng.choice(FOLLOW_UPS)))
    team = kb.team_for(gemeente, topics) if topics else None
    if team is not None and rng.random() < 0.22:
        asked = rng.random() < 0.5
        tallies += [Tally("handoff", team.id, OFFERED)] + ([Tally("asked_for_person")] if asked else [])
        if rng.random() < 0.75:
            tallies.append(Tally("handoff", team.id, ACCEPTED))
            if rng.random() < 0.9:
                tallies.append(Tally("handoff", team.id, CONFIRMED))
    return _pick(rng, CHANNELS), tallies


def fill(engine: Engine, kb: KnowledgeBase, gemeenten: list[str], weeks: int, today: dt.date, seed: int = 14) -> int:
    """Invented conversations for the last ``weeks`` weeks up to ``today``; how many."""
    store = InsightStore(engine)
    store.create_schema()
    if store.total("conversation_started"):
        raise DemoDataRefused("this database holds figures already: demo data goes into an empty one only")
    rng = random.Random(seed)
    made = 0
    for gemeente in gemeenten:
        for days_ago in range(weeks * 7 - 1, -1, -1):
            day = today - dt.timedelta(days=days_ago)
            per_channel: dict[str, list[Tally]] = defaultdict(list)
            for _ in range(max(0, round(rng.gauss(WEEKDAY_CONVERSATIONS[day.weekday()], 3)))):
                channel, tallies = conversation(rng, kb, gemeente)
                per_channel[channel] += tallies
                made += 1
            # staff contacts the residents of this day's handoffs, mostly in time
            for channel, tallies in per_channel.items():
                confirmed = [t for t in tallies if t.metric == "handoff" and t.value == CONFIRMED]
                for handoff in confirmed:
                    consent = dt.datetime.combine(day, dt.time(10), tzinfo=dt.timezone.utc)
                    hours = rng.choice((2, 5, 20, 26, 30, 47, 52, 70, 95, 140))
                    promised = day + dt.timedelta(days=3)
                    tallies += first_contact(handoff.key, consent, promised, consent + dt.timedelta(hours=hours))
                store.add(day, gemeente, channel, tallies)
    return made
