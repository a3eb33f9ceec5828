"""Session start: the municipality (from the channel or the deployment) is put into slots."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted
from rasa_sdk.executor import CollectingDispatcher

from actions.common import current_gemeente, gemeente_slots, knowledge_base_first
from actions.insight import count
from insight.tallies import Tally
from knowledge_base import gemeenten


def session_gemeente(tracker: Tracker) -> gemeenten.Gemeente:
    """The channel may say which municipality's page the chat runs on (message metadata
    ``{"gemeente": "almere"}``); otherwise the conversation's or the deployment's."""
    metadata = tracker.get_slot("session_started_metadata") or {}
    requested = metadata.get("gemeente") if isinstance(metadata, dict) else None
    if isinstance(requested, str):
        try:
            return gemeenten.get(requested.strip().lower())
        except gemeenten.UnknownGemeente:
            pass
    return current_gemeente(tracker)


class ActionSessionStart(Action):
    def name(self) -> str:
        return "action_session_start"

    @knowledge_base_first
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        gemeente = session_gemeente(tracker)
        count(tracker, [Tally("conversation_started")], gemeente)
        return [SessionStarted(), *gemeente_slots(gemeente), ActionExecuted("action_listen")]
