"""The first answer to a help question about one or more topics."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import latest_triage
from bot.replies.labels import topic_list
from bot.triage.topics import HELP_TOPICS


def answer_topics(dispatcher: CollectingDispatcher, topics: list[str]) -> None:
    """The first answer for one or more help topics, then how to reach the municipality."""
    listed = topic_list(topics)
    if len(topics) > 1:
        dispatcher.utter_message(response="utter_topic_multi", topic_list=listed)
    else:
        dispatcher.utter_message(response=f"utter_topic_{topics[0]}")
    dispatcher.utter_message(response="utter_topic_contact", topic_list=listed)


class ActionAnswerHelpQuestion(Action):
    def name(self) -> str:
        return "action_answer_help_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        topics = [t for t in latest_triage(tracker).topics if t in HELP_TOPICS]
        if not topics:
            dispatcher.utter_message(response="utter_clarify_nothing")
            return []
        answer_topics(dispatcher, topics)
        return [SlotSet("topics", topics)]
