"""Helpers shared by the actions: the resident's municipality and the triage result."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

import structlog

from bot.settings import DEFAULT_GEMEENTE, Settings
from bot.triage.topics import TRIAGE_KEY, Triage, topics_of_intent
from knowledge_base import gemeenten

log = structlog.get_logger(__name__)


def current_gemeente(tracker: Tracker) -> gemeenten.Gemeente:
    """The municipality of the conversation, else the configured one, else the default."""
    for candidate in (tracker.get_slot("gemeente"), Settings.from_env().gemeente):
        if not candidate:
            continue
        try:
            return gemeenten.get(candidate)
        except gemeenten.UnknownGemeente:
            log.warning("gemeente.unknown", gemeente=candidate, using=DEFAULT_GEMEENTE)
    return gemeenten.get(DEFAULT_GEMEENTE)


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
