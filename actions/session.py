"""Session start: the deployment's municipality is put into slots for the responses."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import current_gemeente


def gemeente_slots(tracker: Tracker) -> list[EventType]:
    gemeente = current_gemeente(tracker)
    return [
        SlotSet("gemeente", gemeente.id),
        SlotSet("gemeente_naam", gemeente.naam),
        SlotSet("gemeente_telefoon", gemeente.telefoon),
        SlotSet("gemeente_website", gemeente.website),
    ]


class ActionSessionStart(Action):
    def name(self) -> str:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        return [SessionStarted(), *gemeente_slots(tracker), ActionExecuted("action_listen")]
