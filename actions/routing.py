"""Answers for everything that is not a help question: other subjects, other languages,
and messages the assistant is unsure about."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    current_gemeente,
    knowledge_base_first,
    latest_triage,
    mentioned_gemeente,
)
from actions.gemeente import switch_gemeente
from actions.help_question import answer_if_understood
from actions.insight import count_deny, count_reply
from bot.replies.languages import other_language_reply
from core.topics import button_title


class ActionRespondOutOfScope(Action):
    def name(self) -> str:
        return "action_respond_out_of_scope"

    @knowledge_base_first
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        # "mijn koelkast is kapot en ik heb geen geld": a facility clearly fits
        answer = answer_if_understood(dispatcher, tracker, current_gemeente(tracker))
        if answer is not None:
            return answer
        dispatcher.utter_message(response="utter_out_of_scope")
        count_reply(tracker, "out_of_scope")
        return []


class ActionRespondOtherLanguage(Action):
    def name(self) -> str:
        return "action_respond_other_language"

    @knowledge_base_first
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        triage = latest_triage(tracker)
        dispatcher.utter_message(text=other_language_reply(triage.language, current_gemeente(tracker)))
        count_reply(tracker, "other_language")
        return []


class ActionRespondDeny(Action):
    """ "nee": the goodbye. Right after an answer it may also mean "that is not what I meant":
    counted, and the question kept for the content editor (actions.insight)."""

    def name(self) -> str:
        return "action_respond_deny"

    @knowledge_base_first
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        dispatcher.utter_message(response="utter_goodbye")
        count_deny(tracker)
        return []


class ActionClarifyTopic(Action):
    """Asks "Bedoelt u ...?" with up to three topic buttons instead of guessing."""

    def name(self) -> str:
        return "action_clarify_topic"

    @knowledge_base_first
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        named = mentioned_gemeente(tracker.latest_message or {})
        if named:
            # "Tilburg is mijn woonplaats": the resident says where they live
            return switch_gemeente(dispatcher, tracker, named)
        # the classifier was unsure, but the message clearly names what a facility offers
        answer = answer_if_understood(dispatcher, tracker, current_gemeente(tracker))
        if answer is not None:
            return answer
        candidates = latest_triage(tracker).candidates[:3]
        if not candidates:
            dispatcher.utter_message(response="utter_clarify_nothing")
            count_reply(tracker, "not_understood")
            return []
        buttons = [{"title": button_title(intent), "payload": f"/{intent}"} for intent in candidates]
        dispatcher.utter_message(response="utter_clarify", buttons=buttons)
        return []
