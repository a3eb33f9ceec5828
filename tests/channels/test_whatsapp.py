"""The WhatsApp input channel: its upkeep while the server runs (kept replies are retried
without waiting for the resident's next message, old message ids are forgotten), and what
reaches Rasa."""

import asyncio
import datetime as dt

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import OperationalError

from channels.whatsapp import SeenMessages, WhatsAppInput, seen_messages
from channels.whatsapp_api import GraphClient
from core.db import make_engine
from tests.conftest import eventually


async def test_kept_replies_go_out_in_the_background_and_old_message_ids_are_forgotten(graph, tmp_path):
    graph["fail"], graph["status"] = 10**6, 503  # Meta is down
    client = GraphClient(graph["base"], "123", "token", outbox=tmp_path / "outbox", retries=1, backoff=0.01)
    seen = SeenMessages(make_engine(f"sqlite:///{tmp_path / 'seen.db'}"))
    with seen.engine.begin() as connection:
        connection.execute(
            insert(seen_messages).values(
                message_id="wamid.old", seen_at=dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=40)
            )
        )
    assert seen.first_time("wamid.new")
    channel = WhatsAppInput("verify", "secret", client, seen=seen)

    window = dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=1)
    assert not await client.send([{"to": "316", "type": "text", "text": {"body": "antwoord"}}], window)
    graph["fail"] = 0  # Meta is back; the resident writes nothing new
    upkeep = asyncio.create_task(channel.maintain(interval=0.05))
    await eventually(lambda: graph["received"])
    upkeep.cancel()
    assert [body for _, body in graph["received"]] == [{"to": "316", "type": "text", "text": {"body": "antwoord"}}]
    assert client.kept() == []
    with seen.engine.connect() as connection:
        assert [r.message_id for r in connection.execute(select(seen_messages))] == ["wamid.new"]


class BrokenContacts:
    def heard_from(self, *args):
        from sqlalchemy.exc import OperationalError

        raise OperationalError("UPDATE", {}, Exception("database is locked"))

    remember = heard_from


async def test_a_database_hiccup_around_the_number_never_costs_the_resident_an_answer(tmp_path):
    from channels.whatsapp_format import Incoming

    seen = SeenMessages(make_engine(f"sqlite:///{tmp_path / 'seen.db'}"))
    channel = WhatsAppInput(
        "verify", "secret", GraphClient("http://127.0.0.1:9/v21.0", "1", "t"), seen=seen, contacts=BrokenContacts()
    )
    handled = []

    async def on_new_message(message):
        handled.append(message.text)
        # the handoff confirmation asks the channel to keep the number; that fails quietly
        await message.output_channel.send_custom_json(
            message.sender_id, {"whatsapp_contact": {"reference": "HW-AAAA-BBBB"}}
        )

    await channel.handle(Incoming("wamid.1", "31612345678", "ja", "text"), on_new_message)
    assert handled == ["ja"]


@pytest.mark.parametrize(
    "text,kind,reaches_rasa",
    [
        ("/@ mijn bsn is 123456782", "text", "@ mijn bsn is 123456782"),
        ("//help ik heb schulden", "text", "help ik heb schulden"),
        ("/affirm", "text", "/affirm"),  # a payload typed as it is: as in the REST channel
        ("/ask_schulden", "button", "/ask_schulden"),
        ("/ask_werk", "list", "/ask_werk"),
        ('/inform{"x": "zqx"}', "list", 'inform{"x": "zqx"}'),  # no payload of the assistant
    ],
)
async def test_typed_text_starting_with_a_slash_stays_text_and_buttons_pass_unchanged(
    tmp_path, text, kind, reaches_rasa
):
    """Issue 12, finding 3: Rasa reads "/..." as an intent and logs the whole text."""
    from channels.whatsapp_format import Incoming

    seen = SeenMessages(make_engine(f"sqlite:///{tmp_path / 'seen.db'}"))
    channel = WhatsAppInput(
        "verify", "secret", GraphClient("http://127.0.0.1:9/v21.0", "1", "t"), seen=seen, contacts=BrokenContacts()
    )
    handled = []

    async def on_new_message(message):
        handled.append(message.text)

    await channel.handle(Incoming("wamid.slash", "31612345678", text, kind), on_new_message)
    assert handled == [reaches_rasa]


class DownThenUp(SeenMessages):
    """The redelivery check's database: down for the first ``down`` calls."""

    def __init__(self, engine, down: int):
        super().__init__(engine)
        self.down = down

    def first_time(self, message_id):
        if self.down:
            self.down -= 1
            raise OperationalError("INSERT", {}, Exception("could not connect to server"))
        return super().first_time(message_id)


async def test_with_the_redelivery_check_down_meta_is_asked_to_deliver_again_and_nothing_is_lost_or_doubled(
    tmp_path, caplog
):
    """Issue 12: the check failed inside a background task after the webhook said 200: the
    message was neither answered nor delivered again."""
    from channels.whatsapp_format import Incoming

    seen = DownThenUp(make_engine(f"sqlite:///{tmp_path / 'seen.db'}"), down=1)
    channel = WhatsAppInput(
        "verify", "secret", GraphClient("http://127.0.0.1:9/v21.0", "1", "t"), seen=seen, contacts=BrokenContacts()
    )
    handled = []

    async def on_new_message(message):
        handled.append(message.text)

    batch = [Incoming("wamid.a", "31612345678", "eerste", "text"), Incoming("wamid.b", "31612345678", "tweede", "text")]
    assert await channel.accept(batch, on_new_message) is False  # the webhook answers 503
    await eventually(lambda: handled == ["tweede"])
    assert handled == ["tweede"]
    # Meta delivers the same webhook again, with the database back
    assert await channel.accept(batch, on_new_message) is True
    await eventually(lambda: sorted(handled) == ["eerste", "tweede"])
    assert sorted(handled) == ["eerste", "tweede"]
    assert await channel.accept(batch, on_new_message) is True
    await asyncio.sleep(0.1)
    assert sorted(handled) == ["eerste", "tweede"]  # 0 lost, 0 answered twice
    assert "eerste" not in caplog.text and "31612345678" not in caplog.text
