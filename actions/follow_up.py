"""Follow-up questions about the facilities just shown: "wat kost dat?", "waar zit dat?",
"is er nog iets anders?"."""

from __future__ import annotations

from typing import Any, Callable

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    current_gemeente,
    knowledge_base_first,
    last_help_question,
)
from actions.help_question import answer_if_understood, show_facilities
from actions.insight import count, count_reply
from bot.replies.facilities import cost_sentence, location_sentence
from insight.tallies import Tally
from knowledge_base.service import FacilityInfo, get_knowledge_base, wants_rules_advice


def facilities_shown(tracker: Tracker) -> list[FacilityInfo]:
    kb = get_knowledge_base()
    return [kb.facilities[i] for i in tracker.get_slot("facilities") or [] if i in kb.facilities]


def answer_as_question(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """Nothing was shown yet: "waar moet ik heen voor de prikken van mijn baby?" is a help
    question, not a follow-up. Without a clear topic, ask what the question is."""
    answer = answer_if_understood(dispatcher, tracker, current_gemeente(tracker))
    if answer is not None:
        return answer
    dispatcher.utter_message(response="utter_follow_up_nothing_shown")
    count_reply(tracker, "not_understood")
    return []


class _AboutFacilitiesShown:
    """One sentence per facility just shown; before any was shown, the message is taken as
    a help question. (A mixin, not an Action: rasa_sdk registers every Action subclass.)"""

    sentence: Callable[[FacilityInfo], str]
    #: how the dashboard names the question (insight.tallies.FOLLOW_UPS)
    follow_up: str

    @knowledge_base_first
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        facilities = facilities_shown(tracker)
        if not facilities:
            return answer_as_question(dispatcher, tracker)
        dispatcher.utter_message(text="\n".join(type(self).sentence(f) for f in facilities))
        count(tracker, [Tally("follow_up", f.id, self.follow_up) for f in facilities])
        return []


class ActionAnswerCost(_AboutFacilitiesShown, Action):
    """ "wat kost dat?" """

    sentence = staticmethod(cost_sentence)
    follow_up = "kosten"

    def name(self) -> str:
        return "action_answer_cost"


class ActionAnswerLocation(_AboutFacilitiesShown, Action):
    """ "waar zit dat?" """

    sentence = staticmethod(location_sentence)
    follow_up = "adres"

    def name(self) -> str:
        return "action_answer_location"


class ActionMoreOptions(Action):
    """The next best facilities for the same question, without repeating any."""

    def name(self) -> str:
        return "action_more_options"

    @knowledge_base_first
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        question = last_help_question(tracker)
        if question is None:
            dispatcher.utter_message(response="utter_follow_up_nothing_shown")
            return []
        text, topics = question
        gemeente = current_gemeente(tracker)
        seen = list(tracker.get_slot("facilities_seen") or [])
        more = get_knowledge_base().recommend(text, gemeente.id or None, topics, exclude=seen)
        if not more:
            dispatcher.utter_message(response="utter_no_more_options")
            return []
        dispatcher.utter_message(response="utter_more_options_intro")
        show_facilities(dispatcher, gemeente, topics, more, rules_question=wants_rules_advice(text, topics))
        shown = [f.id for f in more]
        asked_about = [Tally("follow_up", i, "meer") for i in tracker.get_slot("facilities") or []]
        count(tracker, asked_about + [Tally("facility_shown", i) for i in shown])
        return [SlotSet("facilities", shown), SlotSet("facilities_seen", seen + shown)]
