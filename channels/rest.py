"""Rasa's REST channel, with typed text that starts with "/" kept as text.

Rasa reads any message that starts with "/" as an intent payload ("/ask_werk"). When the
rest is not a known intent it logs a warning that repeats the whole message, so a
resident typing "/mijn bsn is ..." would put personal data in the logs, and the message
would also skip the crisis rules. The assistant's own button payloads ("/affirm") pass
unchanged; other leading slashes are dropped before Rasa sees the text. Webhook: ``/webhooks/rest/webhook``.

A page can say which municipality the chat is for: ``{"metadata": {"gemeente": "almere"}}``
in the request body. Only that key is passed on (to ``action_session_start``); other
metadata is not stored in the tracker.
"""

from __future__ import annotations

import asyncio
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Optional, Text

import yaml
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic import Blueprint
from sanic.exceptions import InvalidUsage as BadRequest
from sanic.request import Request

from channels.failures import handle_or_apologise

DOMAIN_DIR = Path(__file__).resolve().parent.parent / "bot" / "domain"


@lru_cache(maxsize=1)
def button_payloads() -> frozenset[str]:
    """ "/<intent>" for every intent of the domain: what the assistant's buttons send."""
    intents = set()
    for path in sorted(DOMAIN_DIR.glob("*.yml")):
        for intent in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("intents") or []:
            intents.add(intent if isinstance(intent, str) else next(iter(intent)))
    return frozenset(f"/{intent}" for intent in intents)


def typed_text(message: Optional[Text]) -> Optional[Text]:
    """``message`` unchanged when it is a button payload of the assistant ("/affirm"), else
    without leading slashes: Rasa would read "/anything" as an intent and log the whole
    text as an unknown one."""
    if not message or not message.startswith("/") or message in button_payloads():
        return message
    return message.lstrip("/").lstrip() or message


#: a municipality id as in knowledge_base/content/<id>.yml
_GEMEENTE_ID = re.compile(r"^[a-z][a-z0-9-]{1,39}$")


def allowed_metadata(body: Any) -> Optional[Dict[Text, Any]]:
    """The part of a request's ``metadata`` the assistant uses: the municipality id."""
    metadata = body.get("metadata") if isinstance(body, dict) else None
    gemeente = metadata.get("gemeente") if isinstance(metadata, dict) else None
    if isinstance(gemeente, str) and _GEMEENTE_ID.match(gemeente.strip().lower()):
        return {"gemeente": gemeente.strip().lower()}
    return None


#: the longest conversation id the tracker store takes (``events.sender_id``)
MAX_SENDER = 255
#: the longest message the assistant reads; longer ones are refused, not cut silently
MAX_MESSAGE = 5000


def checked_body(body: Any) -> Dict[Text, Any]:
    """The request body, when it is what the channel needs: a JSON object with ``sender``
    (text, at most 255 characters) and ``message`` (text). Anything else is the page's
    mistake: a 400 that says what is wrong, never an error deep inside Rasa that would log
    the message."""
    if not isinstance(body, dict):
        raise BadRequest("Send a JSON object with 'sender' and 'message'.")
    sender, message = body.get("sender"), body.get("message")
    if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER:
        raise BadRequest(f"'sender' must be text of 1 to {MAX_SENDER} characters.")
    if not isinstance(message, str) or len(message) > MAX_MESSAGE:
        raise BadRequest(f"'message' must be text of at most {MAX_MESSAGE} characters.")
    return body


class RestInput(RasaRestInput):
    async def _extract_sender(self, req: Request) -> Optional[Text]:
        try:
            body = req.json
        except Exception:  # noqa: BLE001 - sanic's own error for a body that is no JSON
            raise BadRequest("The body is no valid JSON.") from None
        return checked_body(body)["sender"]

    def _extract_message(self, req: Request) -> Optional[Text]:
        return typed_text(super()._extract_message(req))

    def _extract_input_channel(self, req: Request) -> Text:
        # a page cannot pass itself off as another channel (WhatsApp, socket.io)
        return self.name()

    def get_metadata(self, request: Request) -> Optional[Dict[Text, Any]]:
        return allowed_metadata(request.json)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        async def handled(message: UserMessage) -> None:
            try:
                await handle_or_apologise(on_new_message, message, "rest")
            except asyncio.CancelledError:
                # Rasa's handler would log the text of a given-up request; it is logged above
                return

        return super().blueprint(handled)
