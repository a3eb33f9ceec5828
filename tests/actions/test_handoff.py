"""The warm handoff in the conversation: offer, consent, contact questions, summary, send."""

import pytest

from actions import handoff as actions
from core.db import make_engine
from handoff.service import HandoffStore
from handoff.urgency import signals
from tests.actions.conftest import make_tracker, responses, slot_values, texts, triage_dict, user_event

QUESTION_SLOTS = {
    "gemeente": "almelo",
    "help_question": "de deurwaarder staat aan de deur voor de huurachterstand",
    "topics": ["schulden"],
    "facilities_seen": ["almelo-stadsbank"],
}
CONTACT = {
    "contact_name": "Fatma",
    "contact_method": "telefoon",
    "contact_phone": "+31612345678",
    "contact_moment": "dinsdagochtend",
    "contact_postcode": "-",
}


@pytest.fixture(autouse=True)
def store(tmp_path, monkeypatch):
    store = HandoffStore(make_engine(f"sqlite:///{tmp_path / 'handoffs.db'}"), spool_dir=tmp_path / "spool", backoff=0)
    store.create_schema()
    monkeypatch.setattr(actions, "get_store", lambda: store)
    return store


def conversation(latest="ja", intent="affirm", **slots):
    earlier = [
        user_event(
            "de deurwaarder staat aan de deur voor de huurachterstand",
            "ask_schulden",
            triage_dict("ask_schulden", ["schulden"]),
        )
    ]
    return make_tracker(latest, intent, slots={**QUESTION_SLOTS, **slots}, earlier=earlier)


async def test_the_offer_names_the_team_says_what_is_sent_and_flags_urgency(dispatcher):
    await actions.ActionOfferHandoff().run(dispatcher, conversation("ik wil contact", "request_human"), {})
    assert responses(dispatcher) == ["utter_handoff_urgent", "utter_offer_handoff"]
    assert dispatcher.messages[0]["reasons"] == "beslag of deurwaarder"
    assert dispatcher.messages[1]["team"] == "Klantcontactcentrum (KCC) van de gemeente"
    assert [b["payload"] for b in dispatcher.messages[1]["buttons"]] == ["/affirm", "/deny"]


async def test_without_a_question_the_offer_asks_what_it_is_about(dispatcher):
    await actions.ActionOfferHandoff().run(dispatcher, make_tracker("ik wil een mens", "request_human"), {})
    assert responses(dispatcher) == ["utter_handoff_need_question"]


async def test_an_unknown_municipality_gets_the_phone_route_not_a_handoff(dispatcher):
    tracker = conversation("ik wil contact", "request_human", gemeente=None, gemeente_onbekend="Enschede")
    await actions.ActionOfferHandoff().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_human_contact"]


async def test_consent_is_recorded_with_its_time_and_clears_old_answers(dispatcher):
    events = await actions.ActionRecordConsent().run(dispatcher, conversation(**CONTACT), {})
    slots = slot_values(events)
    assert slots["handoff_consent_at"].endswith("+00:00")
    assert all(slots[s] is None for s in actions.CONTACT_SLOTS)


@pytest.mark.parametrize(
    "slot, typed, stored",
    [
        ("contact_name", "ik heet Fatma", "Fatma"),
        ("contact_method", "bel me maar", "telefoon"),
        ("contact_phone", "06-12345678", "+31612345678"),
        ("contact_email", "Fatma@Voorbeeld.nl", "fatma@voorbeeld.nl"),
        ("contact_postcode", "7607ab", "7607 AB"),
        ("contact_postcode", "overslaan", "-"),
        ("contact_moment", "maakt niet uit", "maakt niet uit"),
    ],
)
async def test_each_answer_is_validated_and_cleaned(dispatcher, slot, typed, stored):
    validate = getattr(actions.ValidateHandoffForm(), f"validate_{slot}")
    assert validate(typed, dispatcher, conversation(), {}) == {slot: stored}
    assert dispatcher.messages == []


async def test_a_wrong_answer_is_asked_again_with_what_to_type(dispatcher):
    result = actions.ValidateHandoffForm().validate_contact_phone("1234", dispatcher, conversation(), {})
    assert result == {"contact_phone": None}
    assert "Typ 10 cijfers" in texts(dispatcher)


async def test_only_the_contact_detail_for_the_chosen_method_is_asked(dispatcher):
    form = actions.ValidateHandoffForm()
    slots = list(actions.CONTACT_SLOTS)
    by_phone = await form.required_slots(slots, dispatcher, conversation(contact_method="telefoon"), {})
    by_chat = await form.required_slots(slots, dispatcher, conversation(contact_method="chat"), {})
    assert "contact_phone" in by_phone and "contact_email" not in by_phone
    assert "contact_phone" not in by_chat and "contact_email" not in by_chat


async def test_the_summary_shows_everything_that_will_be_sent(dispatcher):
    tracker = conversation(handoff_consent_at="2026-11-23T10:30:00+00:00", **CONTACT)
    await actions.ActionShowHandoffSummary().run(dispatcher, tracker, {})
    summary = dispatcher.messages[0]["text"]
    assert summary.startswith("Dit stuur ik naar Klantcontactcentrum (KCC) van de gemeente:")
    assert '"de deurwaarder staat aan de deur voor de huurachterstand"' in summary
    assert "- Dringend: beslag of deurwaarder" in summary
    assert "- Wat ik al heb genoemd: Stadsbank (schuldhulpverlening)" in summary
    assert "bellen naar 06 12345678, het liefst dinsdagochtend" in summary
    assert "Postcode" not in summary
    assert [b["payload"] for b in dispatcher.messages[1]["buttons"]] == [
        "/affirm",
        "/handoff_change",
        "/handoff_cancel",
    ]


async def test_confirming_sends_once_gives_a_reference_and_the_legal_term(dispatcher, store):
    tracker = conversation(handoff_consent_at="2026-11-23T10:30:00+00:00", **CONTACT)
    events = await actions.ActionSubmitHandoff().run(dispatcher, tracker, {})
    reference = slot_values(events)["handoff_reference"]
    assert responses(dispatcher)[0] == "utter_handoff_sent" and dispatcher.messages[0]["reference"] == reference
    assert "binnen 4 weken een eerste gesprek: uiterlijk op 21-12-2026" in dispatcher.messages[1]["text"]
    assert responses(dispatcher)[-1] == "utter_handoff_if_urgent"
    row = store.get(reference)
    assert (row.team_id, row.contact_name, row.urgent, row.conversation_id) == ("almelo-kcc", "Fatma", True, "test")
    # the same confirmation again: no second handoff
    dispatcher.messages.clear()
    await actions.ActionSubmitHandoff().run(dispatcher, tracker, {})
    assert responses(dispatcher)[0] == "utter_handoff_already_sent"
    assert dispatcher.messages[0]["reference"] == reference


async def test_without_consent_nothing_is_sent(dispatcher, store):
    await actions.ActionSubmitHandoff().run(dispatcher, conversation(**CONTACT), {})
    assert responses(dispatcher) == ["utter_handoff_failed_nothing_sent"]
    assert store.pending() == []


async def test_cancelling_stops_the_form_and_forgets_the_answers(dispatcher):
    events = await actions.ActionCancelHandoff().run(dispatcher, conversation("stop", "handoff_cancel", **CONTACT), {})
    assert responses(dispatcher) == ["utter_handoff_cancelled"]
    assert {"event": "active_loop", "timestamp": None, "name": None} in events
    assert all(slot_values(events)[s] is None for s in actions.CONTACT_SLOTS)


async def test_when_the_database_is_down_the_resident_hears_it_honestly_and_nothing_is_lost(
    dispatcher, store, monkeypatch
):
    from sqlalchemy.exc import OperationalError

    def down(row):
        raise OperationalError("INSERT", {}, Exception("database is down"))

    monkeypatch.setattr(store, "_store", down)
    tracker = conversation(handoff_consent_at="2026-11-23T10:30:00+00:00", **CONTACT)
    events = await actions.ActionSubmitHandoff().run(dispatcher, tracker, {})
    assert responses(dispatcher)[0] == "utter_handoff_pending"
    reference = slot_values(events)["handoff_reference"]
    assert dispatcher.messages[0]["reference"] == reference
    assert len(store.pending()) == 1
    monkeypatch.undo()
    assert store.drain_spool() == 1 and store.get(reference).contact_name == "Fatma"


def test_facts_after_a_cancelled_attempt_count_for_the_new_consent():
    from rasa_sdk import Tracker

    events = [
        user_event("ik heb schulden", "ask_schulden", triage_dict("ask_schulden", ["schulden"])),
        {"event": "action", "name": "action_record_consent"},
        user_event("stop", "handoff_cancel"),
        {"event": "action", "name": "action_cancel_handoff"},
        user_event("morgen wordt het gas afgesloten", "ask_schulden", triage_dict("ask_schulden", ["schulden"])),
        {"event": "action", "name": "action_record_consent"},
        user_event("Fatma", "nlu_fallback"),
    ]
    tracker = Tracker("t", {}, events[-1]["parse_data"], events, False, None, {}, "action_listen")
    texts = actions.resident_texts(tracker)
    assert "morgen wordt het gas afgesloten" in texts and "Fatma" not in texts
    assert "afsluiting van energie of water" in signals(texts)


def on_channel(tracker, channel):
    for event in tracker.events:
        if event.get("event") == "user":
            event["input_channel"] = channel
    return tracker


async def test_contact_via_the_chat_is_only_taken_on_whatsapp(dispatcher):
    form = actions.ValidateHandoffForm()
    website = on_channel(conversation("via deze chat"), "socketio")
    assert form.validate_contact_method("chat", dispatcher, website, {}) == {"contact_method": None}
    assert responses(dispatcher) == ["utter_contact_chat_only_on_whatsapp"]
    dispatcher.messages.clear()
    whatsapp = on_channel(conversation("via whatsapp"), "whatsapp")
    assert form.validate_contact_method("chat", dispatcher, whatsapp, {}) == {"contact_method": "chat"}
    assert dispatcher.messages == []


async def test_a_whatsapp_handoff_by_chat_tells_the_channel_to_keep_the_number_with_it(dispatcher):
    contact = {**CONTACT, "contact_method": "chat", "contact_phone": None}
    tracker = on_channel(conversation(handoff_consent_at="2026-11-23T10:30:00+00:00", **contact), "whatsapp")
    events = await actions.ActionSubmitHandoff().run(dispatcher, tracker, {})
    reference = slot_values(events)["handoff_reference"]
    assert dispatcher.messages[0]["custom"] == {"whatsapp_contact": {"reference": reference}}
    # by phone, nothing is kept by the channel
    dispatcher.messages.clear()
    tracker = on_channel(conversation(handoff_consent_at="2026-11-23T11:30:00+00:00", **CONTACT), "whatsapp")
    await actions.ActionSubmitHandoff().run(dispatcher, tracker, {})
    assert not any(m.get("custom") for m in dispatcher.messages)


async def test_an_exhausted_carer_is_urgent_in_the_summary_with_age_and_own_health(dispatcher, store):
    """Issue 16: "ik red het niet meer alleen" from a 79-year-old carer with a heart condition."""
    text = "Ik ben 79. Mijn vrouw heeft alzheimer en ik red het niet meer alleen. Ik heb zelf ook hartproblemen."
    earlier = [user_event(text, "ask_mantelzorg", triage_dict("ask_mantelzorg", ["mantelzorg"]))]
    slots = {
        "gemeente": "hengelo",
        "help_question": text,
        "topics": ["mantelzorg"],
        "facilities_seen": [],
        "handoff_consent_at": "2026-11-23T10:30:00+00:00",
        **CONTACT,
    }
    tracker = make_tracker("ja", "affirm", slots=slots, earlier=earlier)
    await actions.ActionShowHandoffSummary().run(dispatcher, tracker, {})
    summary = dispatcher.messages[0]["text"]
    assert "- Dringend: overbelaste mantelzorger" in summary
    assert "de mantelzorger zegt het niet meer aan te kunnen" in summary
    assert "leeftijd inwoner: 79 jaar" in summary and "eigen gezondheid: hartproblemen" in summary
    dispatcher.messages.clear()
    events = await actions.ActionSubmitHandoff().run(dispatcher, tracker, {})
    row = store.get(slot_values(events)["handoff_reference"])
    assert row.urgent
    assert "Ik heb erbij gezet dat het dringend is." in dispatcher.messages[1]["text"]


async def test_submitting_a_handoff_does_not_hold_up_the_action_servers_event_loop(dispatcher, store, monkeypatch):
    """Issue 11: the database write (with its retries and back-off) runs in a worker thread."""
    import time

    from tests.conftest import largest_loop_gap

    submit = store.submit

    def slow_submit(draft):
        time.sleep(0.5)
        return submit(draft)

    monkeypatch.setattr(store, "submit", slow_submit)
    tracker = conversation(handoff_consent_at="2026-11-23T10:30:00+00:00", **CONTACT)
    _, gap = await largest_loop_gap(actions.ActionSubmitHandoff().run(dispatcher, tracker, {}))
    assert gap < 0.25 and responses(dispatcher)[0] == "utter_handoff_sent"
