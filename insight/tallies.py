"""What a conversation adds to the figures: a closed vocabulary of counts (issue 14).

Every figure on the dashboard is a count of a *metric* with a *key* and a *value* taken from
this vocabulary: topic names, the municipality's team and facility ids, fixed words. Nothing
a resident typed can become a key, and :func:`checked` (which the store applies to every
tally it adds) refuses anything else, so the aggregate store cannot hold a name, a number
or a message even by mistake.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from core.topics import HELP_TOPICS

#: what a conversation was about, counted once, at its first answer
SEVERAL, CRISIS, OUT_OF_SCOPE, OTHER_LANGUAGE, NOT_UNDERSTOOD = (
    "meerdere",
    "crisis",
    "buiten_bereik",
    "andere_taal",
    "niet_begrepen",
)
CATEGORIES = (*HELP_TOPICS, SEVERAL, CRISIS, OUT_OF_SCOPE, OTHER_LANGUAGE, NOT_UNDERSTOOD)
#: how a question was understood
AT_ONCE, AFTER_CLARIFYING = "direct", "na_bedoelt_u"
UNDERSTANDING = (AT_ONCE, AFTER_CLARIFYING, NOT_UNDERSTOOD)
#: the steps of a warm handoff, per team
OFFERED, ACCEPTED, CONFIRMED = "aangeboden", "akkoord", "verstuurd"
HANDOFF_STEPS = (OFFERED, ACCEPTED, CONFIRMED)
#: follow-up questions about the facilities shown
FOLLOW_UPS = ("kosten", "adres", "meer")

#: metric -> the values its ``key`` may take (None: an id of the knowledge base, see ``_ID``)
METRICS: dict[str, tuple[str, ...] | None] = {
    "conversation_started": ("",),
    "conversation": CATEGORIES,
    "understanding": UNDERSTANDING,
    "asked_for_person": ("",),
    "handoff": None,  # key: team id; value: a step
    "facility_shown": None,  # key: facility id
    "follow_up": None,  # key: facility id; value: a follow-up
    "deny_after_answer": ("",),
    "first_contact_hours": None,  # key: team id; value: whole hours, as text
    "first_contact_overdue": None,  # key: team id
}
#: which values a metric's ``value`` may take ("" for none)
VALUES: dict[str, tuple[str, ...] | str] = {
    "handoff": HANDOFF_STEPS,
    "follow_up": FOLLOW_UPS,
    "first_contact_hours": "hours",
}
#: an id from the content files (knowledge_base/content/*.yml): lower case, digits, dashes
_ID = re.compile(r"^[a-z][a-z0-9-]{0,79}$")
#: the municipalities' own day: figures per day follow Dutch time
TIMEZONE = ZoneInfo("Europe/Amsterdam")
#: the channels Rasa names
CHANNELS = ("rest", "socketio", "whatsapp", "other")


@dataclass(frozen=True)
class Tally:
    metric: str
    key: str = ""
    value: str = ""
    n: int = 1


def checked(tally: Tally) -> Tally:
    """``tally`` when every part of it is from the vocabulary; a ValueError otherwise."""
    if tally.metric not in METRICS:
        raise ValueError(f"unknown metric {tally.metric!r}")
    keys = METRICS[tally.metric]
    if (keys is None and not _ID.match(tally.key)) or (keys is not None and tally.key not in keys):
        raise ValueError(f"{tally.metric}: a key outside the vocabulary")
    values = VALUES.get(tally.metric, ("",))
    if values == "hours":
        if not (tally.value.isdigit() and len(tally.value) <= 5):
            raise ValueError(f"{tally.metric}: the value must be whole hours")
    elif tally.value not in values:
        raise ValueError(f"{tally.metric}: a value outside the vocabulary")
    if not isinstance(tally.n, int) or tally.n < 1:
        raise ValueError("a count is a whole number of at least 1")
    return tally


def channel_name(channel: str | None) -> str:
    return channel if channel in CHANNELS else "other"


def category(outcome: str, topics: tuple[str, ...] | list[str] = ()) -> str:
    """The conversation's category for its first answer: a topic, several, or the outcome."""
    if outcome == "answered":
        named = sorted(set(topics) & set(HELP_TOPICS))
        if len(named) > 1:
            return SEVERAL
        return named[0] if named else NOT_UNDERSTOOD
    return {
        "crisis": CRISIS,
        "out_of_scope": OUT_OF_SCOPE,
        "other_language": OTHER_LANGUAGE,
        "not_understood": NOT_UNDERSTOOD,
    }[outcome]


def for_answer(
    outcome: str,
    topics: tuple[str, ...] | list[str] = (),
    facilities: tuple[str, ...] | list[str] = (),
    after_clarifying: bool = False,
    first_in_conversation: bool = False,
) -> list[Tally]:
    """The counts of one reply to a question. ``outcome``: answered, crisis, out_of_scope,
    other_language or not_understood; ``after_clarifying``: the resident had just been asked
    "Bedoelt u …?"; ``first_in_conversation``: no earlier question of this conversation was
    answered (the conversation is counted by this one)."""
    understood = NOT_UNDERSTOOD if outcome == "not_understood" else AFTER_CLARIFYING if after_clarifying else AT_ONCE
    tallies = [Tally("understanding", understood)]
    if first_in_conversation:
        tallies.append(Tally("conversation", category(outcome, topics)))
    tallies += [Tally("facility_shown", facility) for facility in dict.fromkeys(facilities)]
    return tallies


def local_today(now: dt.datetime | None = None) -> dt.date:
    return (now or dt.datetime.now(dt.timezone.utc)).astimezone(TIMEZONE).date()


def first_contact(
    team_id: str, consent_at: dt.datetime, respond_by: dt.date | None, contacted_at: dt.datetime
) -> list[Tally]:
    """The counts of a handoff's first contact: the hours since the resident's consent (whole
    hours, rounded up), and whether that was after the promised date."""
    hours = max(0, math.ceil((contacted_at - consent_at).total_seconds() / 3600))
    tallies = [Tally("first_contact_hours", team_id, str(hours))]
    if respond_by is not None and local_today(contacted_at) > respond_by:
        tallies.append(Tally("first_contact_overdue", team_id))
    return tallies
