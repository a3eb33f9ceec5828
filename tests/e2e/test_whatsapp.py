"""WhatsApp through the signed webhook on the real Rasa server, replies to a recording fake
Graph API. Payloads are shaped like Meta's documented webhook examples."""

import json
import re
import time
import urllib.error
import urllib.request

import pytest

from tests.e2e.conftest import WHATSAPP
from tests.e2e.whatsapp_client import Conversation, bodies, button, new_resident, payload, post, text

pytestmark = pytest.mark.model


def test_meta_verification_handshake(assistant):
    url = (
        f"{assistant.base_url}/webhooks/whatsapp/webhook?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token="
    )
    with urllib.request.urlopen(url + WHATSAPP["verify_token"], timeout=10) as response:
        assert response.read() == b"1158201444"
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(url + "wrong", timeout=10)
    assert refused.value.code == 403


def test_a_signed_question_is_answered_with_the_bearer_token(assistant):
    graph, wa_id = assistant.graph, new_resident()
    assert post(assistant, payload(wa_id, text("ik heb schulden en de deurwaarder komt"))) == 200
    sent = graph.wait_for(wa_id, 3)
    assert "zorgen over geld of schulden" in bodies(sent)
    assert all(
        r["auth"] == f"Bearer {WHATSAPP['access_token']}" for r in graph.received if r["body"].get("to") == wa_id
    )
    # the last reply offers contact as WhatsApp reply buttons (max 3, titles of max 20)
    buttons = sent[-1]["interactive"]["action"]["buttons"]
    assert [b["reply"]["id"] for b in buttons] == ["/request_human", "/ask_more_options"]
    assert all(len(b["reply"]["title"]) <= 20 for b in buttons)


def test_forged_and_unsigned_requests_are_refused_and_not_answered(assistant):
    graph, wa_id = assistant.graph, new_resident()
    assert post(assistant, payload(wa_id, text("ik heb schulden")), secret="not-the-secret") == 403
    assert post(assistant, payload(wa_id, text("ik heb schulden")), sign=False) == 401
    assert graph.wait_for(wa_id, 1, timeout=3) == []


def test_a_redelivered_message_is_answered_once(assistant):
    graph, wa_id = assistant.graph, new_resident()
    body = payload(wa_id, text("ik zoek werk"))
    assert post(assistant, body) == 200 and post(assistant, body) == 200
    first = graph.wait_for(wa_id, 2)
    count = len(first)
    assert count >= 2
    assert len(graph.wait_for(wa_id, count + 1, timeout=3)) == count


def test_a_button_reply_continues_the_conversation(assistant):
    graph, wa_id = assistant.graph, new_resident()
    post(assistant, payload(wa_id, text("ik wil leren omgaan met geld")))
    before = len(graph.wait_for(wa_id, 3))
    reply = {
        "type": "interactive",
        "interactive": {
            "type": "button_reply",
            "button_reply": {"id": "/ask_more_options", "title": "Meer mogelijkheden"},
        },
    }
    post(assistant, payload(wa_id, reply))
    after = graph.wait_for(wa_id, before + 1)
    assert "Dit kan u ook helpen:" in bodies(after[before:]) or "Meer heb ik niet gevonden" in bodies(after[before:])


def test_a_voice_note_gets_a_polite_text_reply(assistant):
    graph, wa_id = assistant.graph, new_resident()
    voice = {"type": "audio", "audio": {"id": "ABCD", "mime_type": "audio/ogg; codecs=opus"}}
    assert post(assistant, payload(wa_id, voice)) == 200
    assert "Ik kan alleen tekst lezen" in bodies(graph.wait_for(wa_id, 1))


def test_status_callbacks_are_ignored(assistant):
    status = {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "1",
                "changes": [
                    {
                        "field": "messages",
                        "value": {
                            "messaging_product": "whatsapp",
                            "statuses": [{"id": "wamid.x", "status": "delivered", "recipient_id": "31600000000"}],
                        },
                    }
                ],
            }
        ],
    }
    before = len(assistant.graph.received)
    assert post(assistant, status) == 200
    assert len(assistant.graph.wait_for("31600000000", 1, timeout=2)) == 0 and len(assistant.graph.received) == before


def test_a_graph_api_error_is_retried_and_the_reply_delivered_once(assistant):
    graph, wa_id = assistant.graph, new_resident()
    graph.fail_next = 1
    post(assistant, payload(wa_id, text("hallo")))
    sent = graph.wait_for(wa_id, 1)
    assert len(sent) == 1 and "Hulpwijzer" in bodies(sent)


def test_the_crisis_answer_comes_through_whatsapp(assistant):
    graph, wa_id = assistant.graph, new_resident()
    post(assistant, payload(wa_id, text("ik wil er niet meer zijn")))
    assert "0800-0113" in bodies(graph.wait_for(wa_id, 2))


def test_rasa_sees_a_pseudonym_and_the_logs_hold_no_phone_number(assistant):
    graph, wa_id = assistant.graph, new_resident()
    post(assistant, payload(wa_id, text("ik zorg voor mijn moeder")))
    graph.wait_for(wa_id, 2)
    log = assistant.log_path.read_text(errors="replace")
    assert wa_id not in log
    import sqlite3

    with sqlite3.connect(assistant.log_path.parent / "tracker.db") as db:
        senders = {row[0] for row in db.execute("select distinct sender_id from events")}
    assert not any(wa_id in sender for sender in senders)
    assert any(sender.startswith("wa-") for sender in senders)


def test_the_whole_journey_to_a_reference_code_works_over_whatsapp(assistant):
    say = Conversation(assistant).say

    say(text("er staat een deurwaarder aan de deur en ik kan de huur niet betalen"), "Wilt u dat iemand van")
    say(button("/request_human", "Ja, neem contact op"), "Zal ik uw vraag doorsturen")
    say(button("/affirm", "Ja, graag"), "Hoe mag het team u noemen?")
    say(text("Fatma"), "Hoe wilt u dat het team contact met u opneemt")
    say(button("telefoon", "Bellen"), "Op welk telefoonnummer")
    say(text("06 12345678"), "Wanneer komt het u het best uit?")
    say(button("maakt niet uit", "Maakt niet uit"), "Wat is uw postcode?")
    say(button("overslaan", "Overslaan"), "Klopt dit?")
    sent = say(button("/affirm", "Ja, versturen"), "Uw referentie is HW-")
    assert "binnen 4 weken" in sent


def test_contact_via_whatsapp_keeps_the_number_with_the_confirmed_handoff_only(assistant):
    from sqlalchemy import select

    from channels.whatsapp_contacts import contacts
    from core.db import make_engine

    resident = Conversation(assistant)
    resident.say(text("ik doe alles voor mijn moeder en kan niet meer"), "Bron:")
    resident.say(button("/request_human", "Contact"), "Zal ik uw vraag doorsturen")
    resident.say(button("/affirm", "Ja, graag"), "Hoe mag het team u noemen?")
    resident.say(text("Anouk"), "Hoe wilt u dat het team contact met u opneemt")
    # on WhatsApp the team can answer in the chat itself: a third button
    titles = [
        b["reply"]["title"]
        for m in resident.last
        if m.get("type") == "interactive"
        for b in m["interactive"]["action"]["buttons"]
    ]
    assert titles == ["Bellen", "E-mail", "Via WhatsApp"]
    resident.say(button("chat", "Via WhatsApp"), "Wanneer komt het u het best uit?")
    resident.say(button("maakt niet uit", "Maakt niet uit"), "Wat is uw postcode?")
    assert "WhatsApp-bericht naar het nummer waarmee u nu appt" in resident.say(
        button("overslaan", "Overslaan"), "Klopt dit?"
    )
    engine = make_engine(f"sqlite:///{assistant.log_path.parent / 'hulpwijzer.db'}")
    with engine.connect() as connection:  # nothing kept before the resident confirms
        assert connection.execute(select(contacts).where(contacts.c.wa_id == resident.wa_id)).first() is None
    sent = resident.say(button("/affirm", "Ja, versturen"), "Uw referentie is HW-")
    reference = re.search(r"HW-[0-9A-Z]{4}-[0-9A-Z]{4}", sent).group(0)
    time.sleep(0.5)
    with engine.connect() as connection:
        row = connection.execute(select(contacts).where(contacts.c.reference == reference)).first()
    assert row.wa_id == resident.wa_id and row.sender.startswith("wa-")
    assert "whatsapp_contact" not in json.dumps([m for m in resident.graph.to(resident.wa_id)])  # never shown
