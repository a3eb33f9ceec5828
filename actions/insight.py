"""Counts for the municipality's dashboard (issue 14; the work is done in insight/).

An action says what its reply was (:func:`count_reply`, :func:`count`); this module reads
from the conversation what the counts need (was the resident just asked "Bedoelt u …?", was
a question of this conversation answered before) and adds the counts to the aggregate store
in a worker thread, after the reply has gone: a resident never waits for the dashboard, and
a database problem there never costs them an answer (it is logged, without any text).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from functools import lru_cache
from typing import Any, Iterable

from rasa_sdk import Tracker

from actions.common import current_gemeente
from core.background import spawn
from core.db import make_engine
from insight.redaction import RedactionUnavailable
from insight.review import ReviewQueue
from insight.store import InsightStore
from insight.tallies import Tally, for_answer, local_today
from knowledge_base.gemeenten import Gemeente

log = logging.getLogger(__name__)

#: a conversation about a municipality the knowledge base does not know
UNKNOWN_GEMEENTE = "onbekend"
#: actions whose reply is the answer to a question, without setting the help question
_ANSWERING_ACTIONS = {"action_respond_crisis", "action_respond_out_of_scope", "action_respond_other_language"}
_writes: set[asyncio.Task] = set()


@lru_cache(maxsize=1)
def get_insight_store() -> InsightStore:
    store = InsightStore(make_engine())
    store.create_schema()
    return store


@lru_cache(maxsize=1)
def get_review_queue() -> ReviewQueue:
    # the aggregate store's engine and schema: one connection pool for both
    return ReviewQueue(get_insight_store().engine)


#: one redaction at a time: the first starts Frog (seconds), the others wait for it
_redacting = threading.Lock()


def _keep(gemeente_id: str, channel: str | None, reason: str, text: str, label: str) -> None:
    with _redacting:
        try:
            get_review_queue().add(gemeente_id, channel, reason, text, label)
        except RedactionUnavailable:
            # without Frog the names cannot be removed: the question is not kept at all
            log.warning("insight.review_not_kept reason=redaction_unavailable")


def review(tracker: Tracker, reason: str, text: str, label: str = "") -> None:
    """Keep a question for the content editor (insight.review), with personal data removed,
    in the background; without the redaction helpers nothing is kept."""
    if not text or text.startswith("/"):
        return  # nothing typed, or a button's payload
    gemeente_id = current_gemeente(tracker).id or UNKNOWN_GEMEENTE
    _background(_keep, gemeente_id, tracker.get_latest_input_channel(), reason, text, label)


def _background(call, *args) -> None:
    spawn(asyncio.to_thread(call, *args), _writes, log, "insight.not_counted", logging.WARNING)


def _turns(tracker: Tracker) -> tuple[list[dict[str, Any]], list[int]]:
    """The conversation's events, and where the resident's messages are among them."""
    events = list(tracker.events)
    return events, [i for i, e in enumerate(events) if e.get("event") == "user"]


def clarified_question(tracker: Tracker) -> str:
    """What the resident wrote before the assistant asked "Bedoelt u …?"."""
    events, users = _turns(tracker)
    for i in reversed(users[:-1]):
        text = events[i].get("text") or ""
        if not text.startswith("/"):
            return text
    return ""


def _write(gemeente_id: str, channel: str | None, tallies: list[Tally]) -> None:
    get_insight_store().add(local_today(), gemeente_id, channel, tallies)


def count(tracker: Tracker, tallies: Iterable[Tally], gemeente: Gemeente | None = None) -> None:
    """Add ``tallies`` for this conversation's municipality (or ``gemeente``, when the
    conversation does not know it yet) and channel, in the background."""
    tallies = list(tallies)
    if not tallies:
        return
    gemeente_id = (gemeente or current_gemeente(tracker)).id or UNKNOWN_GEMEENTE
    _background(_write, gemeente_id, tracker.get_latest_input_channel(), tallies)


async def flush() -> None:
    """Wait for the counts still being written (a clean stop; tests)."""
    if _writes:
        await asyncio.gather(*list(_writes), return_exceptions=True)


def _session_events(tracker: Tracker) -> list[dict[str, Any]]:
    events = list(tracker.events)
    starts = [i for i, e in enumerate(events) if e.get("event") == "session_started"]
    return events[starts[-1] + 1 :] if starts else events


def answered_before(tracker: Tracker) -> bool:
    """Whether a question of this conversation (session) already had its answer."""
    for event in _session_events(tracker):
        kind = event.get("event")
        if kind == "slot" and event.get("name") == "help_question" and event.get("value"):
            return True
        if kind == "action" and event.get("name") in _ANSWERING_ACTIONS:
            return True
        if kind == "bot" and (event.get("metadata") or {}).get("utter_action") == "utter_clarify_nothing":
            return True
    return False


def after_clarifying(tracker: Tracker) -> bool:
    """Whether the assistant's last words before this message were "Bedoelt u …?"."""
    events, users = _turns(tracker)
    if not users:
        return False
    for event in reversed(events[: users[-1]]):
        if event.get("event") == "bot":
            return (event.get("metadata") or {}).get("utter_action") == "utter_clarify"
        if event.get("event") == "session_started":
            return False
    return False


def slot_value(events: Iterable[dict[str, Any]], name: str) -> list[str]:
    for event in events:
        if event.get("event") == "slot" and event.get("name") == name:
            return list(event.get("value") or [])
    return []


def answered_just_before(tracker: Tracker) -> bool:
    """Whether the assistant's reply to the resident's previous message showed facilities."""
    events, users = _turns(tracker)
    if len(users) < 2:
        return False
    between = events[users[-2] + 1 : users[-1]]
    return any(e.get("event") == "slot" and e.get("name") == "facilities" and e.get("value") for e in between)


def count_deny(tracker: Tracker) -> None:
    """ "nee" right after an answer: counted, and the answered question kept for review."""
    if not answered_just_before(tracker):
        return
    count(tracker, [Tally("deny_after_answer")])
    review(tracker, "nee_na_antwoord", str(tracker.get_slot("help_question") or ""))


def count_reply(tracker: Tracker, outcome: str, events: Iterable[dict[str, Any]] = ()) -> None:
    """Count a reply to a question: ``outcome`` is answered, crisis, out_of_scope,
    other_language or not_understood; ``events`` are the reply's own (its slots name the
    topics and the facilities shown)."""
    events = list(events)
    clarified = after_clarifying(tracker)
    tallies = for_answer(
        outcome,
        topics=slot_value(events, "topics"),
        facilities=slot_value(events, "facilities"),
        after_clarifying=clarified,
        first_in_conversation=not answered_before(tracker),
    )
    count(tracker, tallies)
    latest = tracker.latest_message or {}
    if outcome == "not_understood":
        review(tracker, "niet_begrepen", latest.get("text") or "")
    elif clarified and outcome == "answered":
        intent = (latest.get("intent") or {}).get("name") or ""
        review(tracker, "bedoelt_u", clarified_question(tracker), label=intent)
