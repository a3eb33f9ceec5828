"""Warme overdracht end to end through the REST channel, with the real model and actions."""

import re
import uuid

import pytest
from sqlalchemy import create_engine, select

from handoff.models import Handoff

pytestmark = pytest.mark.model


def sender() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"


def handoffs(assistant):
    engine = create_engine(f"sqlite:///{assistant.log_path.parent / 'hulpwijzer.db'}", future=True)
    with engine.connect() as connection:
        rows = connection.execute(
            select(
                Handoff.reference,
                Handoff.conversation_id,
                Handoff.urgent,
                Handoff.contact_name,
                Handoff.contact_phone,
                Handoff.team_id,
            )
        ).all()
    engine.dispose()
    return rows


def test_a_resident_with_a_bailiff_at_the_door_is_handed_over_once_with_a_reference(assistant):
    resident = sender()
    assistant.text(resident, "er staat een deurwaarder aan de deur en ik kan de huur niet meer betalen")
    offer = assistant.text(resident, "/request_human")
    assert "klinkt dringend (beslag of deurwaarder)" in offer
    assert "Zal ik uw vraag doorsturen naar Klantcontactcentrum (KCC) van de gemeente?" in offer
    assert "Hoe mag het team u noemen?" in assistant.text(resident, "ja")
    assert "Hoe wilt u dat het team contact met u opneemt" in assistant.text(resident, "Fatma")
    assert "Op welk telefoonnummer" in assistant.text(resident, "bellen")
    # a wrong number is asked again, then a right one is taken
    assert "Typ 10 cijfers" in assistant.text(resident, "0612")
    assert "Wanneer komt het u het best uit?" in assistant.text(resident, "06-12345678")
    assert "Wat is uw postcode?" in assistant.text(resident, "dinsdagochtend")
    summary = assistant.text(resident, "overslaan")
    assert "Dit stuur ik naar Klantcontactcentrum (KCC) van de gemeente:" in summary
    assert "- Naam: Fatma" in summary and "bellen naar 06 12345678, het liefst dinsdagochtend" in summary
    assert "Klopt dit?" in summary
    sent = assistant.text(resident, "ja")
    reference = re.search(r"referentie is (HW-[0-9A-Z]{4}-[0-9A-Z]{4})", sent).group(1)
    assert "binnen 4 weken" in sent and "bel 112" in sent
    # saying yes again does not send it again
    assistant.text(resident, "ja")
    mine = [row for row in handoffs(assistant) if row.conversation_id == resident]
    assert [(r.reference, r.urgent, r.contact_name, r.contact_phone, r.team_id) for r in mine] == [
        (reference, True, "Fatma", "+31612345678", "almelo-kcc")
    ]
    # neither server logged the contact details or the question
    log = assistant.log_path.read_text(errors="replace")
    assert "12345678" not in log and "Fatma" not in log and "deurwaarder aan de deur" not in log


def test_stop_during_the_contact_questions_sends_nothing(assistant):
    resident = sender()
    assistant.text(resident, "ik zorg voor mijn moeder en kan het niet meer aan")
    assistant.text(resident, "/request_human")
    assistant.text(resident, "ja")
    assert "ik stop en stuur niets door" in assistant.text(resident, "stop")
    assert not [row for row in handoffs(assistant) if row.conversation_id == resident]


def test_a_crisis_during_the_contact_questions_gets_the_crisis_answer_and_stops_the_questions(assistant):
    resident = sender()
    assistant.text(resident, "ik heb schulden")
    assistant.text(resident, "/request_human")
    assistant.text(resident, "ja")
    reply = assistant.text(resident, "ik wil er niet meer zijn")
    assert "0800-0113" in reply
    assert "Hoe mag het team u noemen?" not in reply
    # the form is no longer active: a next message is a normal question again
    assert "Hoe wilt u dat het team contact" not in assistant.text(resident, "Fatma")


def press(assistant, resident, messages, title_start):
    """Press the button whose title starts with ``title_start`` among ``messages``, as the
    widget does: it sends the button's payload."""
    buttons = [b for m in messages for b in m.get("buttons") or []]
    button = next(b for b in buttons if b["title"].startswith(title_start))
    return button, assistant.say(resident, button["payload"])


def test_the_transcript_staff_read_shows_the_buttons_the_resident_pressed_in_words(assistant):
    """Every kind of button (topic choice, contact, yes, form buttons, confirm): staff read
    its title, marked as a button press, never the payload behind it."""
    from staff.transcript import transcript

    resident = sender()
    messages = assistant.say(resident, "kan iemand mij helpen met mijn situatie")
    topic_buttons = [b for m in messages for b in m.get("buttons") or []]
    assert topic_buttons and all(b["payload"].startswith("/ask_") for b in topic_buttons)  # "Bedoelt u ...?"
    steps = [
        ("press", topic_buttons[0]["title"]),
        ("press", "Contact met de gemeente"),
        ("press", "Ja"),
        ("type", "Fatma"),
        ("press", "Bellen"),
        ("type", "06-12345678"),
        ("press", "Maakt niet uit"),
        ("press", "Overslaan"),
        ("press", "Ja, versturen"),
    ]
    expected, payloads = [], set()
    for kind, value in steps:
        if kind == "type":
            messages = assistant.say(resident, value)
            expected.append((value, False))
            continue
        button, messages = press(assistant, resident, messages, value)
        expected.append((button["title"], True))
        payloads.add(button["payload"])
    assert "referentie is HW-" in "\n".join(m.get("text", "") for m in messages)

    engine = create_engine(f"sqlite:///{assistant.log_path.parent / 'tracker.db'}", future=True)
    try:
        lines = [line for line in transcript(engine, resident) if line.speaker == "inwoner"]
    finally:
        engine.dispose()
    assert [(line.text, line.button) for line in lines[1:]] == expected
    titles = {title for title, _ in expected}
    assert not [line.text for line in lines if (line.text in payloads - titles) or line.text.startswith("/")]
