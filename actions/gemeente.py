"""The resident says where they live: "ik woon in Almere"."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    gemeente_slots,
    help_question_also,
    knowledge_base_first,
    last_help_question,
    mentioned_gemeente,
)
from actions.help_question import answer_help_question, answer_if_understood
from knowledge_base.gemeenten import Gemeente


def switch_gemeente(dispatcher: CollectingDispatcher, tracker: Tracker, gemeente: Gemeente) -> list[EventType]:
    """Say which municipality the conversation is now about, then answer the question in
    the same message ("jongerenwerk in hengelo?") or else the earlier help question again for
    it (or ask for the question)."""
    events = gemeente_slots(gemeente)
    if gemeente.known:
        dispatcher.utter_message(response="utter_gemeente_set", gemeente_naam=gemeente.naam)
    else:
        dispatcher.utter_message(response="utter_gemeente_unknown", gemeente_naam=gemeente.naam)
    answer = answer_if_understood(dispatcher, tracker, gemeente)
    if answer is not None:
        return events + answer
    question = last_help_question(tracker)
    if question is None:
        dispatcher.utter_message(response="utter_ask_question")
        return events
    text, topics = question
    return events + answer_help_question(dispatcher, gemeente, text, topics, help_question_also(tracker, text))


class ActionSetGemeente(Action):
    """Switches the conversation to the named municipality and, when a help question was
    asked before, answers it again for that municipality."""

    def name(self) -> str:
        return "action_set_gemeente"

    @knowledge_base_first
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        gemeente = mentioned_gemeente(tracker.latest_message or {})
        if gemeente is None:
            dispatcher.utter_message(response="utter_ask_gemeente")
            return []
        return switch_gemeente(dispatcher, tracker, gemeente)
