"""The crisis answer, whatever else is going on in the conversation."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import current_gemeente, latest_triage
from actions.help_question import answer_topics
from bot.replies.crisis import crisis_reply
from bot.triage.language import DUTCH
from bot.triage.topics import HELP_TOPICS


class ActionRespondCrisis(Action):
    def name(self) -> str:
        return "action_respond_crisis"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        triage = latest_triage(tracker)
        for text in crisis_reply(triage.crisis_kinds, triage.language, current_gemeente(tracker)):
            dispatcher.utter_message(text=text)
        topics = [t for t in triage.topics if t in HELP_TOPICS]
        if not topics or triage.language != DUTCH:
            return []
        # after the crisis numbers, the help question itself still gets its answer
        answer_topics(dispatcher, topics)
        return [SlotSet("topics", topics)]
