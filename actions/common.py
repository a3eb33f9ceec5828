"""Helpers shared by the actions: the resident's municipality and the triage result."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from bot.settings import Settings
from bot.triage.topics import Triage, topics_of_intent
from knowledge_base import gemeenten

TRIAGE_KEY = "triage"  # set by bot.triage.component.TriageClassifier


def current_gemeente(tracker: Tracker) -> gemeenten.Gemeente:
    """The municipality of the conversation, else the deployment's default."""
    chosen = tracker.get_slot("gemeente") or Settings.from_env().gemeente
    try:
        return gemeenten.get(chosen)
    except gemeenten.UnknownGemeente:
        return gemeenten.get(Settings.from_env().gemeente)


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
