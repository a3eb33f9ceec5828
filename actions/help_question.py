"""The answer to a help question: the best facilities for the resident's municipality
and question, each with how to reach it and its source, then the next step."""

from __future__ import annotations

from typing import Any, Sequence

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    current_gemeente,
    gemeente_slots,
    help_topics_of_latest,
    knowledge_base_first,
    latest_triage,
    mentioned_gemeente,
    question_text,
)
from actions.insight import count_reply
from bot.replies.facilities import facility_message
from core.topics import HELP_TOPICS, topic_list
from handoff.urgency import signals as urgency_signals
from knowledge_base.gemeenten import Gemeente
from knowledge_base.service import FacilityInfo, get_knowledge_base, wants_rules_advice

MORE_OPTIONS_PAYLOAD = "/ask_more_options"
CONTACT_PAYLOAD = "/request_human"


def show_facilities(
    dispatcher: CollectingDispatcher,
    gemeente: Gemeente,
    topics: list[str],
    facilities: list[FacilityInfo],
    urgent: bool = False,
    rules_question: bool = False,
) -> None:
    """Each facility as one message, then the offer of more options or contact.
    ``rules_question``: the question asks about rules and rights (a rules-advice service is
    labelled as the answer to that)."""
    listed = topic_list(topics)
    if not facilities:
        dispatcher.utter_message(response="utter_topic_contact", topic_list=listed)
        return
    for facility in facilities:
        dispatcher.utter_message(text=facility_message(facility, topics, rules_question))
    team = get_knowledge_base().team_for(gemeente.id, topics)
    contact = {"title": "Contact met de gemeente", "payload": CONTACT_PAYLOAD}
    more = {"title": "Meer mogelijkheden", "payload": MORE_OPTIONS_PAYLOAD}
    if team and (urgent or len(topics) > 1):
        # urgency or several problems at once: a person is the better next step, so it comes first
        dispatcher.utter_message(
            response="utter_offer_contact_first",
            team=team.name,
            buttons=[{"title": "Ja, neem contact met mij op", "payload": CONTACT_PAYLOAD}, more],
        )
        return
    dispatcher.utter_message(
        response="utter_offer_next_step",
        team=team.name if team else f"de gemeente {gemeente.naam}",
        buttons=[more, contact],
    )


def answer_help_question(
    dispatcher: CollectingDispatcher, gemeente: Gemeente, text: str, topics: list[str], also: Sequence[str] = ()
) -> list[EventType]:
    """Intro for the topics, the 1-3 best facilities (and one for a topic in ``also``,
    labelled), the next step; slots to remember them."""
    if len(topics) > 1:
        dispatcher.utter_message(response="utter_topic_multi", topic_list=topic_list(topics))
    else:
        dispatcher.utter_message(response=f"utter_topic_{topics[0]}")
    if not gemeente.known:
        dispatcher.utter_message(response="utter_gemeente_unknown_national", gemeente_naam=gemeente.naam)
    facilities = get_knowledge_base().recommend(text, gemeente.id or None, topics, also=also)
    show_facilities(
        dispatcher,
        gemeente,
        topics,
        facilities,
        urgent=bool(urgency_signals([text])),
        rules_question=wants_rules_advice(text, topics),
    )
    shown = [f.id for f in facilities]
    return [
        SlotSet("topics", topics),
        SlotSet("help_question", text),
        SlotSet("facilities", shown),
        SlotSet("facilities_seen", shown),
    ]


def answer_if_understood(
    dispatcher: CollectingDispatcher, tracker: Tracker, gemeente: Gemeente
) -> list[EventType] | None:
    """The latest message answered as a help question, and counted, when its topics are
    clear (the classifier's, or a strong knowledge-base match: ``help_topics_of_latest``);
    None when they are not, for the caller's own reply."""
    topics = help_topics_of_latest(tracker, gemeente)
    if not topics:
        return None
    answer = answer_help_question(dispatcher, gemeente, question_text(tracker), topics, latest_triage(tracker).also)
    count_reply(tracker, "answered", answer)
    return answer


class ActionAnswerHelpQuestion(Action):
    def name(self) -> str:
        return "action_answer_help_question"

    @knowledge_base_first
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        events: list[EventType] = []
        gemeente = mentioned_gemeente(tracker.latest_message or {})
        if gemeente:
            # "ik woon in Almere en ik heb schulden": answer for Almere
            events += gemeente_slots(gemeente)
        else:
            gemeente = current_gemeente(tracker)
        triaged = latest_triage(tracker)
        topics = [t for t in triaged.topics if t in HELP_TOPICS]
        if not topics:
            dispatcher.utter_message(response="utter_clarify_nothing")
            count_reply(tracker, "not_understood")
            return events
        answer = answer_help_question(dispatcher, gemeente, question_text(tracker), topics, triaged.also)
        count_reply(tracker, "answered", answer)
        return events + answer
