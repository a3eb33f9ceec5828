"""Helpers shared by the actions: the resident's municipality, the triage result and the
help question the conversation is about."""

from __future__ import annotations

import asyncio
import functools
from typing import Any

import structlog
from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet

from bot.triage.component import GEMEENTE_KEY
from bot.triage.topics import TRIAGE_KEY, Triage
from core import settings
from core.settings import DEFAULT_GEMEENTE
from core.topics import HELP_TOPICS, topics_of_intent
from knowledge_base import gemeenten

log = structlog.get_logger(__name__)

INFORM_GEMEENTE_INTENT = "inform_gemeente"


def current_gemeente(tracker: Tracker) -> gemeenten.Gemeente:
    """The municipality of the conversation, else the configured one, else the default.

    A resident who said they live in a municipality without content gets
    ``Gemeente.unknown``: national help and an honest sentence."""
    unknown = tracker.get_slot("gemeente_onbekend")
    if unknown:
        return gemeenten.Gemeente.unknown(unknown)
    for candidate in (tracker.get_slot("gemeente"), settings.current().gemeente):
        if not candidate:
            continue
        try:
            return gemeenten.get(candidate)
        except gemeenten.UnknownGemeente:
            log.warning("gemeente.unknown", gemeente=candidate, using=DEFAULT_GEMEENTE)
    return gemeenten.get(DEFAULT_GEMEENTE)


def gemeente_slots(gemeente: gemeenten.Gemeente) -> list[EventType]:
    return [
        SlotSet("gemeente", gemeente.id or None),
        SlotSet("gemeente_onbekend", None if gemeente.known else gemeente.naam),
        SlotSet("gemeente_naam", gemeente.naam),
        SlotSet("gemeente_telefoon", gemeente.telefoon),
        SlotSet("gemeente_website", gemeente.website),
    ]


def mentioned_gemeente(message: dict[str, Any]) -> gemeenten.Gemeente | None:
    """The municipality a message says the resident lives in: a known one, or a Dutch
    municipality without content (or an outright answer to "in welke gemeente woont u?"),
    which gets national help. ``None`` when the message names none, or asks for someone else."""
    mention = message.get(GEMEENTE_KEY)
    if not mention or mention.get("on_behalf"):
        # asking for someone else: the help is needed where that person lives (the page's
        # municipality), not where the writer lives
        return None
    known = gemeenten.resolve(mention["name"])
    if known:
        return known
    intent = (message.get("intent") or {}).get("name")
    if mention.get("strong") or intent == INFORM_GEMEENTE_INTENT:
        return gemeenten.Gemeente.unknown(gemeenten.display_name(mention["name"]))
    return None


def latest_triage(tracker: Tracker) -> Triage:
    """The triage of the latest user message.

    Buttons (``/ask_schulden``) bypass the NLU pipeline and carry no triage: then the
    topics come from the intent itself.
    """
    message: dict[str, Any] = tracker.latest_message or {}
    data = message.get(TRIAGE_KEY)
    if data:
        return Triage(**data)
    intent = (message.get("intent") or {}).get("name") or ""
    return Triage(intent=intent, confidence=1.0, topics=topics_of_intent(intent))


def question_text(tracker: Tracker) -> str:
    """The text to search with for the latest message. A topic button (``/ask_schulden``)
    clarified the message before it, so that message's text is used."""
    users = [e for e in tracker.events if e.get("event") == "user"]
    latest = (tracker.latest_message or {}).get("text") or ""
    if latest.startswith("/") and len(users) >= 2:
        return users[-2].get("text") or ""
    return latest


def help_question_also(tracker: Tracker, text: str) -> list[str]:
    """``Triage.also`` of the message the help question ``text`` came from (its second
    possible topic), so that an answer given again (for another municipality) is the same
    answer. [] when a topic button answered that message: the answer to a button has no
    second topic (``latest_triage``)."""
    users = [e for e in tracker.events if e.get("event") == "user"]
    for i in range(len(users) - 1, -1, -1):
        if users[i].get("text") != text:
            continue
        if i + 1 < len(users) and (users[i + 1].get("text") or "").startswith("/"):
            return []
        triage = (users[i].get("parse_data") or {}).get(TRIAGE_KEY) or {}
        return list(triage.get("also") or [])
    return []


def last_help_question(tracker: Tracker) -> tuple[str, list[str]] | None:
    """Text and topics of the help question the facilities shown were chosen for."""
    text, topics = tracker.get_slot("help_question"), tracker.get_slot("topics")
    if text is None or not topics:
        return None
    return text, [t for t in topics if t in HELP_TOPICS]


def help_topics_of_latest(tracker: Tracker, gemeente: gemeenten.Gemeente) -> list[str]:
    """The help topics of the latest message, with the knowledge base's help when the
    classifier found none (see ``bot.triage.knowledge_help``)."""
    from bot.triage.knowledge_help import help_topics
    from knowledge_base.service import get_knowledge_base

    shown = bool(tracker.get_slot("facilities"))
    return help_topics(latest_triage(tracker), question_text(tracker), get_knowledge_base(), gemeente.id or None, shown)


def knowledge_base_first(run):
    """For an action's ``run``: this process's first load of the knowledge base (a database
    read, and an import when the content files changed) happens in a worker thread, never on
    the action server's event loop, which serves every other resident meanwhile. Once it is
    loaded this costs nothing."""
    from knowledge_base.service import get_knowledge_base

    @functools.wraps(run)
    async def wrapped(self, dispatcher, tracker, domain):
        if not get_knowledge_base.cache_info().currsize:
            await asyncio.to_thread(get_knowledge_base)
        return await run(self, dispatcher, tracker, domain)

    return wrapped
