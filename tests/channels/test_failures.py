"""A message Rasa could not handle is answered with an apology, never dropped, and its text
is never logged (REST, socket.io and WhatsApp hand messages to Rasa the same way)."""

import asyncio
import datetime as dt
import logging

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput as RasaRestInput
from sqlalchemy.exc import OperationalError

from channels.failures import NOT_HANDLED, handle_or_apologise
from channels.rest import RestInput
from channels.whatsapp import SeenMessages, WhatsAppInput
from channels.whatsapp_api import GraphClient
from channels.whatsapp_format import Incoming
from core.db import make_engine

SECRET = "mijn bsn is 123456782 en ik woon op Dorpsstraat 12"


async def database_gone(message: UserMessage) -> None:
    raise OperationalError("INSERT INTO events", {"data": message.text}, Exception("server closed the connection"))


async def test_a_failure_in_rasa_is_answered_with_an_apology_and_logged_without_the_text(caplog):
    collector = CollectingOutputChannel()
    with caplog.at_level(logging.DEBUG):
        handled = await handle_or_apologise(database_gone, UserMessage(SECRET, collector, "r-1"), "rest")
    assert handled is False
    assert [m["text"] for m in collector.messages] == [NOT_HANDLED]
    assert "rest.message_not_handled error=OperationalError" in caplog.text
    assert "123456782" not in caplog.text and "Dorpsstraat" not in caplog.text


async def test_a_handled_message_gets_no_apology():
    collector = CollectingOutputChannel()

    async def fine(message):
        await message.output_channel.send_text_message(message.sender_id, "Hallo")

    assert await handle_or_apologise(fine, UserMessage("hoi", collector, "r-2"), "rest")
    assert [m["text"] for m in collector.messages] == ["Hallo"]


async def test_a_given_up_request_is_not_answered_and_the_cancellation_goes_on():
    collector = CollectingOutputChannel()

    async def cancelled(message):
        raise asyncio.CancelledError

    with pytest.raises(asyncio.CancelledError):
        await handle_or_apologise(cancelled, UserMessage(SECRET, collector, "r-3"), "socketio")
    assert collector.messages == []


async def test_the_rest_channel_answers_a_failed_message_with_the_apology(monkeypatch, caplog):
    given = {}
    monkeypatch.setattr(RasaRestInput, "blueprint", lambda self, on_new_message: given.setdefault("f", on_new_message))
    RestInput().blueprint(database_gone)
    collector = CollectingOutputChannel()
    with caplog.at_level(logging.DEBUG):
        await given["f"](UserMessage(SECRET, collector, "r-4"))
    assert [m["text"] for m in collector.messages] == [NOT_HANDLED]
    assert "123456782" not in caplog.text


async def test_a_whatsapp_message_rasa_could_not_handle_gets_the_apology_on_whatsapp(graph, tmp_path, caplog):
    client = GraphClient(graph["base"], "123", "token", outbox=tmp_path / "outbox", retries=1, backoff=0.01)
    channel = WhatsAppInput(
        "verify", "secret", client, seen=SeenMessages(make_engine(f"sqlite:///{tmp_path / 's.db'}"))
    )
    sent_at = dt.datetime.now(dt.timezone.utc)
    with caplog.at_level(logging.DEBUG):
        await channel.handle(Incoming("wamid.failing", "31612345678", SECRET, "text", sent_at=sent_at), database_gone)
    assert [body["text"]["body"] for _, body in graph["received"]] == [NOT_HANDLED]
    assert "123456782" not in caplog.text and "31612345678" not in caplog.text
