"""WhatsApp (Meta WhatsApp Cloud API) as a Rasa channel: ``channels.whatsapp.WhatsAppInput``.

Webhook: ``/webhooks/whatsapp/webhook`` on the Rasa server.

* GET: Meta's verification handshake (``hub.mode``, ``hub.verify_token``, ``hub.challenge``).
* POST: the ``X-Hub-Signature-256`` HMAC of the raw body is checked, in constant time,
  before anything is parsed; unsigned or forged requests get 401/403 and no answer. Meta
  gets its 200 at once; each message is handled in the background. Status callbacks are
  ignored; a message id Meta delivers again is answered once (ids are kept in the
  database). Photos, voice notes, locations and stickers get a polite text reply.
* Rasa sees a pseudonymous sender id (a keyed hash of the phone number), never the number.
  The number is kept only with a handoff whose resident chose contact via WhatsApp and
  confirmed it (``channels.whatsapp_contacts``).
* Replies are free-form, so they may only go out within 24 hours of the resident's message;
  one kept for retry past that is set aside, not sent late (``channels.whatsapp_api``).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import hmac
import itertools
import json
import logging
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sqlalchemy import delete, insert
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from channels.failures import handle_or_apologise
from channels.rest import typed_text
from channels.tables import seen_messages
from channels.whatsapp_api import DEFAULT_API_BASE_URL, GraphClient
from channels.whatsapp_contacts import WhatsAppContacts
from channels.whatsapp_format import UNSUPPORTED_REPLY, Incoming, outgoing, parse_webhook
from core import schema
from core.background import every, spawn
from core.db import make_engine

log = logging.getLogger(__name__)

#: how often kept replies are retried when no new message triggers it
OUTBOX_RETRY_SECONDS = 60.0
#: message ids are remembered this long: Meta redelivers for up to a few days
SEEN_DAYS = 30


def signature_ok(app_secret: str, body: bytes, header: str | None) -> bool:
    if not header or not header.startswith("sha256="):
        return False
    expected = hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), header[len("sha256=") :].strip().encode("utf-8", "replace"))


def pseudonym(app_secret: str, wa_id: str) -> str:
    """The sender id Rasa stores: a keyed hash, the same for the same number."""
    return "wa-" + hmac.new(app_secret.encode(), f"sender:{wa_id}".encode(), hashlib.sha256).hexdigest()[:32]


class SeenMessages:
    """Message ids already handled, so a redelivery is not answered twice."""

    def __init__(self, engine=None):
        self.engine = engine or make_engine()
        schema.upgrade(self.engine)

    def first_time(self, message_id: str) -> bool:
        try:
            with self.engine.begin() as connection:
                connection.execute(
                    insert(seen_messages).values(message_id=message_id, seen_at=dt.datetime.now(dt.timezone.utc))
                )
        except IntegrityError:
            return False
        return True

    def forget_older_than(self, days: int) -> int:
        cutoff = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=days)
        with self.engine.begin() as connection:
            return connection.execute(delete(seen_messages).where(seen_messages.c.seen_at < cutoff)).rowcount


class WhatsAppOutput(OutputChannel):
    """Replies to one resident's message; ``recipient_id`` (the pseudonym) is not used for
    sending."""

    @classmethod
    def name(cls) -> Text:
        return "whatsapp"

    def __init__(self, client: GraphClient, message: Incoming, contacts: "WhatsAppContacts | None" = None):
        self.client = client
        self.wa_id = message.wa_id
        self.message = message
        self.contacts = contacts

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await self.client.send(outgoing(self.wa_id, text), self.message.window_closes_at)

    async def send_text_with_buttons(self, recipient_id: Text, text: Text, buttons: list, **kwargs: Any) -> None:
        await self.client.send(outgoing(self.wa_id, text, buttons), self.message.window_closes_at)

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any) -> None:
        """``{"whatsapp_contact": {"reference": …}}`` from a confirmed handoff with contact via
        WhatsApp: keep this resident's number with it. Nothing is sent."""
        reference = (json_message.get("whatsapp_contact") or {}).get("reference")
        if isinstance(reference, str) and self.contacts is not None:
            try:
                await asyncio.to_thread(
                    self.contacts.remember, reference, self.wa_id, recipient_id, self.message.sent_at
                )
                log.info("whatsapp.contact_kept_with_handoff")
            except SQLAlchemyError as error:
                # the confirmation that follows must still reach the resident; the team has
                # the handoff and can use the other contact routes
                log.error("whatsapp.contact_not_kept error=%s", type(error).__name__)
        else:
            log.warning("whatsapp.custom_message_ignored keys=%s", ",".join(sorted(map(str, json_message))[:5]))


class WhatsAppInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "whatsapp"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "WhatsAppInput":
        if not credentials:
            cls.raise_missing_credentials_exception()
        return cls(
            verify_token=credentials["verify_token"],
            app_secret=credentials["app_secret"],
            client=GraphClient(
                credentials.get("api_base_url") or DEFAULT_API_BASE_URL,
                credentials["phone_number_id"],
                credentials["access_token"],
            ),
        )

    def __init__(
        self,
        verify_token: str,
        app_secret: str,
        client: GraphClient,
        seen: SeenMessages | None = None,
        contacts: WhatsAppContacts | None = None,
    ):
        self.verify_token = verify_token
        self.app_secret = app_secret
        self.client = client
        self._seen = seen
        self._contacts = contacts
        self._tasks: set[asyncio.Task] = set()

    @property
    def seen(self) -> SeenMessages:
        if self._seen is None:
            self._seen = SeenMessages()
        return self._seen

    @property
    def contacts(self) -> WhatsAppContacts:
        if self._contacts is None:
            self._contacts = WhatsAppContacts(self.seen.engine)
            self._contacts.create_schema()
        return self._contacts

    async def accept(self, messages: list[Incoming], on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> bool:
        """Starts answering each message not seen before. ``False`` when the redelivery check
        could not be made for some (the database is down): the webhook then answers 503, so
        that Meta delivers it again later; the messages that were checked are answered now
        and ignored on that redelivery (0 lost, 0 answered twice)."""
        all_checked = True
        for message in messages:
            try:
                fresh = await asyncio.to_thread(self.seen.first_time, message.message_id)
            except SQLAlchemyError as error:
                log.error("whatsapp.redelivery_check_failed error=%s", type(error).__name__)
                all_checked = False
                continue
            if fresh:
                self._spawn(self.handle(message, on_new_message, checked=True))
            else:
                log.info("whatsapp.redelivery_ignored")
        return all_checked

    async def handle(
        self, message: Incoming, on_new_message: Callable[[UserMessage], Awaitable[Any]], checked: bool = False
    ) -> None:
        if not checked and not self.seen.first_time(message.message_id):
            log.info("whatsapp.redelivery_ignored")
            return
        if message.kind == "unsupported" or not (message.text or "").strip():
            await self.client.send(outgoing(message.wa_id, UNSUPPORTED_REPLY), message.window_closes_at)
            return
        sender = pseudonym(self.app_secret, message.wa_id)
        # a resident with a handoff via WhatsApp wrote again: the team's 24-hour window reopens
        try:
            await asyncio.to_thread(self.contacts.heard_from, sender, message.sent_at)
        except SQLAlchemyError as error:  # the message is answered all the same
            log.error("whatsapp.window_not_updated error=%s", type(error).__name__)
        output = WhatsAppOutput(self.client, message, self.contacts)
        # text starting with "/" stays text unless it is one of the assistant's button payloads,
        # as in the REST and socket.io channels: Rasa would read it as an intent and log the
        # whole text ("/@ mijn bsn is ..."). A reply button's or list row's id is the button's
        # payload; one the assistant never sent is text as well.
        text = typed_text(message.text)
        user_message = UserMessage(text, output, sender, input_channel=self.name(), message_id=message.message_id)
        await handle_or_apologise(on_new_message, user_message, "whatsapp")

    async def maintain(self, interval: float = OUTBOX_RETRY_SECONDS) -> None:
        """Runs with the server: the outbox's upkeep (kept replies retried even when the
        resident writes nothing new), and old message ids forgotten once a day."""
        rounds_per_day = max(1, int(24 * 3600 / interval))
        rounds = itertools.count()

        async def one_round() -> None:
            first_of_the_day = next(rounds) % rounds_per_day == 0
            await self.client.upkeep()
            if first_of_the_day:
                await asyncio.to_thread(self.seen.forget_older_than, SEEN_DAYS)

        await every(interval, one_round, log, "whatsapp.maintenance_failed")

    def _spawn(self, coroutine) -> None:
        spawn(coroutine, self._tasks, log, "whatsapp.handling_failed")

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = Blueprint("whatsapp_webhook", __name__)

        @hook.listener("after_server_start")
        async def start_maintenance(app, loop):
            self._spawn(self.maintain())

        @hook.route("/", methods=["GET"])
        async def health(request: Request):
            return response.json({"status": "ok"})

        @hook.route("/webhook", methods=["GET"])
        async def verify(request: Request):
            if request.args.get("hub.mode") == "subscribe" and hmac.compare_digest(
                (request.args.get("hub.verify_token") or "").encode(), self.verify_token.encode()
            ):
                return response.text(request.args.get("hub.challenge") or "")
            return response.text("verification failed", status=403)

        @hook.route("/webhook", methods=["POST"])
        async def receive(request: Request):
            header = request.headers.get("X-Hub-Signature-256")
            if not header:
                return response.text("missing signature", status=401)
            if not signature_ok(self.app_secret, request.body or b"", header):
                log.warning("whatsapp.bad_signature")
                return response.text("invalid signature", status=403)
            try:
                body = json.loads(request.body)
            except ValueError:
                return response.text("invalid JSON", status=400)
            if not await self.accept(parse_webhook(body), on_new_message):
                return response.text("database unavailable, deliver again later", status=503)
            return response.text("ok")

        return hook
