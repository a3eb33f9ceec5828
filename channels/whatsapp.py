"""WhatsApp (Meta WhatsApp Cloud API) as a Rasa channel: ``channels.whatsapp.WhatsAppInput``.

Webhook: ``/webhooks/whatsapp/webhook`` on the Rasa server.

* GET: Meta's verification handshake (``hub.mode``, ``hub.verify_token``, ``hub.challenge``).
* POST: the ``X-Hub-Signature-256`` HMAC of the raw body is checked, in constant time,
  before anything is parsed; unsigned or forged requests get 401/403 and no answer. Meta
  gets its 200 at once; each message is handled in the background. Status callbacks are
  ignored; a message id Meta delivers again is answered once (ids are kept in the
  database). Photos, voice notes, locations and stickers get a polite text reply.
* Rasa sees a pseudonymous sender id (a keyed hash of the phone number), never the number.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import hmac
import json
import logging
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sqlalchemy import Column, DateTime, MetaData, String, Table, insert
from sqlalchemy.exc import IntegrityError

from channels.whatsapp_api import DEFAULT_API_BASE_URL, GraphClient
from channels.whatsapp_format import UNSUPPORTED_REPLY, Incoming, outgoing, parse_webhook
from knowledge_base.db import make_engine

log = logging.getLogger(__name__)

_metadata = MetaData()
seen_messages = Table(
    "wa_seen_messages",
    _metadata,
    Column("message_id", String(128), primary_key=True),
    Column("seen_at", DateTime(timezone=True), nullable=False),
)


def signature_ok(app_secret: str, body: bytes, header: str | None) -> bool:
    if not header or not header.startswith("sha256="):
        return False
    expected = hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), header[len("sha256="):].strip().encode("utf-8", "replace"))


def pseudonym(app_secret: str, wa_id: str) -> str:
    """The sender id Rasa stores: a keyed hash, the same for the same number."""
    return "wa-" + hmac.new(app_secret.encode(), f"sender:{wa_id}".encode(), hashlib.sha256).hexdigest()[:32]


class SeenMessages:
    """Message ids already handled, so a redelivery is not answered twice."""

    def __init__(self, engine=None):
        self.engine = engine or make_engine()
        _metadata.create_all(self.engine)

    def first_time(self, message_id: str) -> bool:
        try:
            with self.engine.begin() as connection:
                connection.execute(insert(seen_messages).values(message_id=message_id, seen_at=dt.datetime.now(dt.timezone.utc)))
        except IntegrityError:
            return False
        return True


class WhatsAppOutput(OutputChannel):
    """Replies to one resident; ``recipient_id`` (the pseudonym) is not used for sending."""

    @classmethod
    def name(cls) -> Text:
        return "whatsapp"

    def __init__(self, client: GraphClient, wa_id: str):
        self.client = client
        self.wa_id = wa_id

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await self.client.send(outgoing(self.wa_id, text))

    async def send_text_with_buttons(self, recipient_id: Text, text: Text, buttons: list, **kwargs: Any) -> None:
        await self.client.send(outgoing(self.wa_id, text, buttons))


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

    def __init__(self, verify_token: str, app_secret: str, client: GraphClient, seen: SeenMessages | None = None):
        self.verify_token = verify_token
        self.app_secret = app_secret
        self.client = client
        self._seen = seen
        self._tasks: set[asyncio.Task] = set()

    @property
    def seen(self) -> SeenMessages:
        if self._seen is None:
            self._seen = SeenMessages()
        return self._seen

    async def handle(self, message: Incoming, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        if not self.seen.first_time(message.message_id):
            log.info("whatsapp.redelivery_ignored")
            return
        if message.kind == "unsupported" or not (message.text or "").strip():
            await self.client.send(outgoing(message.wa_id, UNSUPPORTED_REPLY))
            return
        output = WhatsAppOutput(self.client, message.wa_id)
        await on_new_message(UserMessage(
            message.text, output, pseudonym(self.app_secret, message.wa_id),
            input_channel=self.name(), message_id=message.message_id,
        ))

    def _spawn(self, coroutine) -> None:
        task = asyncio.create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("whatsapp.handling_failed error=%s", type(task.exception()).__name__)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = Blueprint("whatsapp_webhook", __name__)

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
            for message in parse_webhook(body if isinstance(body, dict) else {}):
                self._spawn(self.handle(message, on_new_message))
            return response.text("ok")

        return hook
