"""Warme overdracht in the conversation: offer, consent, contact questions, the summary
the resident confirms, and exactly-once submission (the work is done in handoff/)."""

from __future__ import annotations

import asyncio
import datetime as dt
from functools import lru_cache
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import current_gemeente, knowledge_base_first, last_help_question
from actions.insight import count
from core.db import make_engine
from core.settings import current
from handoff import validation
from handoff.deadlines import deadline
from handoff.drainer import SpoolDrainer
from handoff.service import Draft, HandoffNotSaved, HandoffStore, registration_backends, spool_dir
from handoff.summary import Contact, Summary, facts
from handoff.urgency import signals
from insight.tallies import ACCEPTED, CONFIRMED, OFFERED, Tally
from knowledge_base.service import get_knowledge_base

CONTACT_SLOTS = (
    "contact_name",
    "contact_method",
    "contact_phone",
    "contact_email",
    "contact_moment",
    "contact_postcode",
)
#: what an optional slot holds when the resident skipped it
SKIPPED = "-"
#: the channel on which a team can answer in the chat itself (channels.whatsapp)
WHATSAPP = "whatsapp"

CONFIRM_BUTTONS = [
    {"title": "Ja, versturen", "payload": "/affirm"},
    {"title": "Aanpassen", "payload": "/handoff_change"},
    {"title": "Stoppen", "payload": "/handoff_cancel"},
]


@lru_cache(maxsize=1)
def get_store() -> HandoffStore:
    # a handoff is stored with its Open Klant outbox row when Open Klant is on (OPEN_KLANT_URL)
    settings = current()
    store = HandoffStore(make_engine(), spool_dir(settings), register_with=registration_backends(settings))
    store.create_schema()
    # a handoff spooled while the database was down reaches it without waiting for the next one
    SpoolDrainer(store).start()
    return store


def resident_texts(tracker: Tracker) -> list[str]:
    """What the resident wrote before agreeing to contact this time (button payloads left
    out). Before the *latest* consent: a cancelled earlier attempt may be followed by new
    facts ("morgen wordt het gas afgesloten")."""
    events = list(tracker.events)
    consents = [
        i for i, e in enumerate(events) if e.get("event") == "action" and e.get("name") == "action_record_consent"
    ]
    if consents:
        events = events[: consents[-1]]
    texts = []
    for event in events:
        if event.get("event") == "user" and not (event.get("text") or "").startswith("/"):
            texts.append(event.get("text") or "")
    return texts


def _team(tracker: Tracker):
    question = last_help_question(tracker)
    gemeente = current_gemeente(tracker)
    if question is None or not gemeente.known:
        return gemeente, question, None
    return gemeente, question, get_knowledge_base().team_for(gemeente.id, question[1])


def build_summary(tracker: Tracker) -> Summary | None:
    gemeente, question, team = _team(tracker)
    if question is None or team is None:
        return None
    kb = get_knowledge_base()
    slot = tracker.get_slot
    contact = None
    if slot("contact_name"):
        contact = Contact(
            name=slot("contact_name"),
            method=slot("contact_method") or validation.CHAT,
            phone=slot("contact_phone") if slot("contact_method") == validation.PHONE else None,
            email=slot("contact_email") if slot("contact_method") == validation.EMAIL else None,
            moment=slot("contact_moment"),
            postcode=None if slot("contact_postcode") in (None, SKIPPED) else slot("contact_postcode"),
        )
    texts = resident_texts(tracker)
    return Summary(
        gemeente=gemeente.naam,
        team=team.name,
        topics=list(question[1]),
        question=validation.visible(question[0]),
        facts=facts(texts),
        urgency=signals(texts),
        suggested=[kb.facilities[i].name for i in slot("facilities_seen") or [] if i in kb.facilities],
        contact=contact,
        channel=tracker.get_latest_input_channel() or "chat",
    )


class ActionOfferHandoff(Action):
    """Offers contact with the team, saying which team gets what, and asks consent."""

    def name(self) -> str:
        return "action_offer_handoff"

    @knowledge_base_first
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        gemeente, question, team = _team(tracker)
        if question is None:
            dispatcher.utter_message(response="utter_handoff_need_question")
            return []
        if team is None:
            dispatcher.utter_message(response="utter_human_contact")
            return []
        urgency = signals(resident_texts(tracker))
        if urgency:
            dispatcher.utter_message(response="utter_handoff_urgent", reasons=", ".join(urgency))
        dispatcher.utter_message(
            response="utter_offer_handoff",
            team=team.name,
            buttons=[{"title": "Ja, graag", "payload": "/affirm"}, {"title": "Nee, dank u", "payload": "/deny"}],
        )
        asked = (tracker.latest_message or {}).get("intent", {}).get("name") == "request_human"
        count(tracker, [Tally("handoff", team.id, OFFERED)] + ([Tally("asked_for_person")] if asked else []))
        return []


class ActionRecordConsent(Action):
    def name(self) -> str:
        return "action_record_consent"

    @knowledge_base_first
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        _, _, team = _team(tracker)
        if team is not None:
            count(tracker, [Tally("handoff", team.id, ACCEPTED)])
        return [SlotSet("handoff_consent_at", now), SlotSet("handoff_reference", None)] + [
            SlotSet(s, None) for s in CONTACT_SLOTS
        ]


class ValidateHandoffForm(FormValidationAction):
    """Checks each answer; a wrong one is asked again with what to type instead."""

    def name(self) -> str:
        return "validate_handoff_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        method = tracker.get_slot("contact_method")
        skip = set()
        if method != validation.PHONE:
            skip.add("contact_phone")
        if method != validation.EMAIL:
            skip.add("contact_email")
        return [s for s in domain_slots if s not in skip]

    @staticmethod
    def _check(slot: str, check, value: Any, dispatcher: CollectingDispatcher) -> dict[str, Any]:
        try:
            return {slot: check(str(value or ""))}
        except validation.Invalid as problem:
            dispatcher.utter_message(text=str(problem))
            return {slot: None}

    def validate_contact_name(self, value, dispatcher, tracker, domain):
        return self._check("contact_name", validation.name, value, dispatcher)

    def validate_contact_method(self, value, dispatcher, tracker, domain):
        checked = self._check("contact_method", validation.contact_method, value, dispatcher)
        if checked["contact_method"] == validation.CHAT and tracker.get_latest_input_channel() != WHATSAPP:
            # a website chat cannot be answered later: the team needs a number or an address
            dispatcher.utter_message(response="utter_contact_chat_only_on_whatsapp")
            return {"contact_method": None}
        return checked

    def validate_contact_phone(self, value, dispatcher, tracker, domain):
        return self._check("contact_phone", validation.phone, value, dispatcher)

    def validate_contact_email(self, value, dispatcher, tracker, domain):
        return self._check("contact_email", validation.email, value, dispatcher)

    def validate_contact_moment(self, value, dispatcher, tracker, domain):
        return self._check("contact_moment", validation.moment, value, dispatcher)

    def validate_contact_postcode(self, value, dispatcher, tracker, domain):
        if validation.is_skip(str(value or "")):
            return {"contact_postcode": SKIPPED}
        return self._check("contact_postcode", validation.postcode, value, dispatcher)


class ActionShowHandoffSummary(Action):
    def name(self) -> str:
        return "action_show_handoff_summary"

    @knowledge_base_first
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        summary = build_summary(tracker)
        if summary is None or summary.contact is None:
            dispatcher.utter_message(response="utter_handoff_failed_nothing_sent")
            return []
        dispatcher.utter_message(text=summary.for_resident())
        dispatcher.utter_message(response="utter_confirm_handoff", buttons=CONFIRM_BUTTONS)
        return []


class ActionSubmitHandoff(Action):
    """Sends the confirmed summary exactly once and gives the reference code."""

    def name(self) -> str:
        return "action_submit_handoff"

    @knowledge_base_first
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        summary = build_summary(tracker)
        consent = tracker.get_slot("handoff_consent_at")
        gemeente, _, team = _team(tracker)
        if summary is None or summary.contact is None or not consent or team is None:
            dispatcher.utter_message(response="utter_handoff_failed_nothing_sent")
            return []
        consent_at = dt.datetime.fromisoformat(consent)
        due = deadline(
            summary.topics,
            summary.urgency,
            consent_at.date(),
            team.response_working_days,
            team.urgent_response_working_days,
        )
        draft = Draft(gemeente.id, team.id, team.name, summary, tracker.sender_id, consent_at, due.respond_by)
        try:
            # off the action server's event loop: the database write (with its retries and
            # back-off) must not hold up other residents' actions
            # get_store() too: its first call opens the database and checks the schema
            submitted = await asyncio.to_thread(lambda: get_store().submit(draft))
        except HandoffNotSaved:
            dispatcher.utter_message(response="utter_handoff_failed_nothing_sent")
            return []
        if summary.contact.method == validation.CHAT and tracker.get_latest_input_channel() == WHATSAPP:
            # not shown: tells the WhatsApp channel to keep this resident's number with the
            # handoff, which they chose as the way to be contacted and confirmed
            dispatcher.utter_message(json_message={"whatsapp_contact": {"reference": submitted.reference}})
        if submitted.pending:
            dispatcher.utter_message(response="utter_handoff_pending", reference=submitted.reference)
        elif not submitted.created:
            dispatcher.utter_message(
                response="utter_handoff_already_sent", reference=submitted.reference, team=team.name
            )
        else:
            dispatcher.utter_message(response="utter_handoff_sent", reference=submitted.reference, team=team.name)
            dispatcher.utter_message(text=due.sentence)
        if submitted.created:  # a spooled one too: it reaches the team
            count(tracker, [Tally("handoff", team.id, CONFIRMED)])
        dispatcher.utter_message(response="utter_handoff_if_urgent")
        return [SlotSet("handoff_reference", submitted.reference)]


class ActionCancelHandoff(Action):
    def name(self) -> str:
        return "action_cancel_handoff"

    @knowledge_base_first
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(response="utter_handoff_cancelled")
        return [ActiveLoop(None), SlotSet("requested_slot", None), SlotSet("handoff_consent_at", None)] + [
            SlotSet(s, None) for s in CONTACT_SLOTS
        ]


class ActionChangeHandoff(Action):
    """ "Aanpassen": the contact questions again; the consent stays."""

    def name(self) -> str:
        return "action_change_handoff"

    @knowledge_base_first
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(response="utter_handoff_change")
        return [SlotSet(s, None) for s in CONTACT_SLOTS]
