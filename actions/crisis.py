"""The crisis answer, whatever else is going on in the conversation."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import current_gemeente, help_topics_of_latest, knowledge_base_first, latest_triage, question_text
from actions.help_question import answer_help_question
from actions.insight import count_reply
from bot.replies.crisis import crisis_reply
from bot.triage.language import DUTCH


class ActionRespondCrisis(Action):
    def name(self) -> str:
        return "action_respond_crisis"

    @knowledge_base_first
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        triage = latest_triage(tracker)
        gemeente = current_gemeente(tracker)
        for text in crisis_reply(triage.crisis_kinds, triage.language, gemeente):
            dispatcher.utter_message(text=text)
        answer: list[EventType] = []
        if triage.language == DUTCH:
            # after the crisis numbers, the help question itself still gets its answer
            topics = help_topics_of_latest(tracker, gemeente)
            if topics:
                answer = answer_help_question(dispatcher, gemeente, question_text(tracker), topics)
        count_reply(tracker, "crisis", answer)
        return answer
