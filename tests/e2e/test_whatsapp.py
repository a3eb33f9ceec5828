"""WhatsApp through the signed webhook on the real Rasa server, replies to a recording fake
Graph API. Payloads are shaped like Meta's documented webhook examples."""

import hashlib
import hmac
import json
import urllib.error
import urllib.request
import uuid

import pytest

from tests.e2e.conftest import WHATSAPP

pytestmark = pytest.mark.model


def payload(wa_id: str, message: dict) -> dict:
    return {
        "object": "whatsapp_business_account",
        "entry": [{
            "id": "102290129340398",
            "changes": [{
                "field": "messages",
                "value": {
                    "messaging_product": "whatsapp",
                    "metadata": {"display_phone_number": "15550783881", "phone_number_id": "1234567890"},
                    "contacts": [{"profile": {"name": "Inwoner"}, "wa_id": wa_id}],
                    "messages": [{"from": wa_id, "id": f"wamid.{uuid.uuid4().hex}", "timestamp": "1795000000", **message}],
                },
            }],
        }],
    }


def text(body: str) -> dict:
    return {"type": "text", "text": {"body": body}}


def post(assistant, body: dict, secret: str = WHATSAPP["app_secret"], sign: bool = True) -> int:
    raw = json.dumps(body).encode()
    headers = {"Content-Type": "application/json"}
    if sign:
        headers["X-Hub-Signature-256"] = "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
    request = urllib.request.Request(f"{assistant.base_url}/webhooks/whatsapp/webhook", data=raw, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def new_resident() -> str:
    return "316" + str(uuid.uuid4().int)[:8]


def bodies(messages: list[dict]) -> str:
    out = []
    for m in messages:
        out.append(m.get("text", {}).get("body") or m.get("interactive", {}).get("body", {}).get("text", ""))
    return "\n".join(out)


def test_meta_verification_handshake(assistant):
    url = f"{assistant.base_url}/webhooks/whatsapp/webhook?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token="
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
    assert all(r["auth"] == f"Bearer {WHATSAPP['access_token']}" for r in graph.received if r["body"].get("to") == wa_id)
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
    reply = {"type": "interactive", "interactive": {"type": "button_reply", "button_reply": {"id": "/ask_more_options", "title": "Meer mogelijkheden"}}}
    post(assistant, payload(wa_id, reply))
    after = graph.wait_for(wa_id, before + 1)
    assert "Dit kan u ook helpen:" in bodies(after[before:]) or "Meer heb ik niet gevonden" in bodies(after[before:])


def test_a_voice_note_gets_a_polite_text_reply(assistant):
    graph, wa_id = assistant.graph, new_resident()
    voice = {"type": "audio", "audio": {"id": "ABCD", "mime_type": "audio/ogg; codecs=opus"}}
    assert post(assistant, payload(wa_id, voice)) == 200
    assert "Ik kan alleen tekst lezen" in bodies(graph.wait_for(wa_id, 1))


def test_status_callbacks_are_ignored(assistant):
    status = {"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{"field": "messages", "value": {
        "messaging_product": "whatsapp", "statuses": [{"id": "wamid.x", "status": "delivered", "recipient_id": "31600000000"}]}}]}]}
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
    graph, wa_id = assistant.graph, new_resident()
    seen = 0

    def say(message: dict, expect: str) -> str:
        nonlocal seen
        post(assistant, payload(wa_id, message))
        deadline_messages = graph.wait_for(wa_id, seen + 1)
        for _ in range(20):  # a reply may come as several messages
            if expect in bodies(deadline_messages[seen:]):
                break
            deadline_messages = graph.wait_for(wa_id, len(deadline_messages) + 1, timeout=1)
        reply = bodies(deadline_messages[seen:])
        seen = len(deadline_messages)
        assert expect in reply, reply
        return reply

    def button(payload_id: str, title: str) -> dict:
        return {"type": "interactive", "interactive": {"type": "button_reply", "button_reply": {"id": payload_id, "title": title}}}

    say(text("er staat een deurwaarder aan de deur en ik kan de huur niet betalen"), "Wilt u dat iemand van")
    say(button("/request_human", "Ja, neem contact op"), "Zal ik uw vraag doorsturen")
    say(button("/affirm", "Ja, graag"), "Hoe mag het team u noemen?")
    say(text("Fatma"), "Hoe wilt u dat het team contact met u opneemt?")
    say(button("telefoon", "Bellen"), "Op welk telefoonnummer")
    say(text("06 12345678"), "Wanneer komt het u het best uit?")
    say(button("maakt niet uit", "Maakt niet uit"), "Wat is uw postcode?")
    say(button("overslaan", "Overslaan"), "Klopt dit?")
    sent = say(button("/affirm", "Ja, versturen"), "Uw referentie is HW-")
    assert "binnen 4 weken" in sent
