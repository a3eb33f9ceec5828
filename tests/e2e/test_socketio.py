"""The website widget's channel: Rasa's socket.io with session persistence, as a real
socket.io client (python-socketio over websocket) uses it."""

import re
import threading
import time
import uuid

import pytest
import socketio

pytestmark = pytest.mark.model


def page_origin(assistant) -> str:
    return f"http://127.0.0.1:{assistant.widget_port}"


def client_from(origin: str) -> socketio.Client:
    """A socket.io client that says it runs on a page of ``origin``, as a browser does."""
    return socketio.Client(websocket_extra_options={"origin": origin})


class Widget:
    """What the widget does over socket.io: session_request, user_uttered, bot_uttered."""

    def __init__(self, assistant, session_id: str):
        self.base_url, self.session_id = assistant.base_url, session_id
        #: the widget runs on the municipality's page, the one web origin allowed to connect
        self.client = client_from(page_origin(assistant))
        self.received: list[dict] = []
        self.confirmed = threading.Event()
        self.client.on("bot_uttered", self.received.append)
        self.client.on("session_confirm", lambda _: self.confirmed.set())

    def open(self) -> "Widget":
        self.client.connect(self.base_url, socketio_path="/socket.io", transports=["websocket"])
        self.client.emit("session_request", {"session_id": self.session_id})
        assert self.confirmed.wait(10)
        return self

    def say(self, message: str, expect: str, metadata: dict | None = None, message_id: str | None = None) -> list[dict]:
        start = len(self.received)
        payload = {"message": message, "session_id": self.session_id}
        if metadata:
            payload["metadata"] = metadata
        if message_id:
            payload["message_id"] = message_id
        self.client.emit("user_uttered", payload)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if expect in "\n".join(m.get("text", "") for m in self.received[start:]):
                time.sleep(0.3)  # the rest of the same reply
                return self.received[start:]
            time.sleep(0.05)
        raise AssertionError(f"no {expect!r} in {self.received[start:]}")

    def close(self) -> None:
        self.client.disconnect()


def text_of(messages: list[dict]) -> str:
    return "\n".join(m.get("text", "") for m in messages)


def test_the_whole_journey_and_a_reload_over_socketio(assistant):
    session = uuid.uuid4().hex
    widget = Widget(assistant, session).open()
    answer = widget.say("ik heb schulden en de deurwaarder komt langs", "Almere", metadata={"gemeente": "almere"})
    buttons = [r for m in answer for r in m.get("quick_replies", [])]
    assert "/request_human" in [b["payload"] for b in buttons]
    widget.say("/request_human", "Zal ik uw vraag doorsturen")
    # the page is reloaded: a new connection with the same session id continues the conversation
    widget.close()
    widget = Widget(assistant, session).open()
    widget.say("ja", "Hoe mag het team u noemen?")
    widget.say("Fatma", "Hoe wilt u dat het team contact")
    widget.say("e-mail", "Op welk e-mailadres")
    widget.say("fatma@voorbeeld.nl", "Wanneer komt het u het best uit?")
    widget.say("maakt niet uit", "Wat is uw postcode?")
    assert "e-mail naar fatma@voorbeeld.nl" in text_of(widget.say("1315 RZ", "Klopt dit?"))
    assert re.search(r"HW-[0-9A-Z]{4}-[0-9A-Z]{4}", text_of(widget.say("/affirm", "Uw referentie is")))
    widget.close()


def test_a_message_sent_again_after_a_dropped_connection_is_answered_once(assistant):
    session = uuid.uuid4().hex
    widget = Widget(assistant, session).open()
    widget.say("ik zorg voor mijn moeder en kan niet meer", "Bron:")
    widget.say("/request_human", "Zal ik uw vraag doorsturen")
    widget.say("ja", "Hoe mag het team u noemen?")
    first = widget.say("Fatma", "Hoe wilt u dat het team contact", message_id="bericht-7")
    # the connection dropped before the widget saw the answer: it sends the name again
    widget.close()
    widget = Widget(assistant, session).open()
    again = widget.say("Fatma", "Hoe wilt u dat het team contact", message_id="bericht-7")
    assert [m.get("text") for m in again] == [m.get("text") for m in first]  # the same answer
    widget.say("bellen", "telefoonnummer")  # and the form goes on from there
    widget.close()
    assert assistant.user_messages(session).count("Fatma") == 1  # the conversation saw it once


def test_the_crisis_answer_comes_first_over_socketio(assistant):
    widget = Widget(assistant, uuid.uuid4().hex).open()
    messages = widget.say("ik wil er niet meer zijn", "0800-0113")
    assert "ernstig" in messages[0]["text"]
    widget.close()


def test_a_message_without_a_session_is_answered_not_dropped(assistant):
    client, received = client_from(page_origin(assistant)), []
    client.on("bot_uttered", received.append)
    client.connect(assistant.base_url, socketio_path="/socket.io", transports=["websocket"])
    client.emit("user_uttered", {"message": "ik heb schulden"})
    deadline = time.monotonic() + 10
    while not received and time.monotonic() < deadline:
        time.sleep(0.05)
    client.disconnect()
    assert received and received[0]["text"].startswith("Uw bericht kwam niet aan")


def test_a_page_on_another_site_may_not_open_the_chat(assistant):
    client = client_from("https://elders.example")
    with pytest.raises(socketio.exceptions.ConnectionError):
        client.connect(assistant.base_url, transports=["websocket"], wait_timeout=5)
    # the page the widget is configured for may
    allowed = client_from(page_origin(assistant))
    allowed.connect(assistant.base_url, transports=["websocket"], wait_timeout=5)
    allowed.disconnect()
