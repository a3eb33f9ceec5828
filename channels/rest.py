"""Rasa's REST channel, with typed text that starts with "/" kept as text.

Rasa reads any message that starts with "/" as an intent payload ("/ask_werk"). When the
rest is not a known intent it logs a warning that repeats the whole message, so a
resident typing "/mijn bsn is ..." would put personal data in the logs, and the message
would also skip the crisis rules. Real button payloads pass unchanged; other leading
slashes are dropped before Rasa sees the text. Webhook: ``/webhooks/rest/webhook``.
"""

from __future__ import annotations

from typing import Optional, Text

from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic.request import Request

from bot.triage.text import BUTTON_PAYLOAD


def typed_text(message: Optional[Text]) -> Optional[Text]:
    """``message`` unchanged when it is a button payload, else without leading slashes."""
    if not message or not message.startswith("/") or BUTTON_PAYLOAD.match(message):
        return message
    return message.lstrip("/").lstrip() or message


class RestInput(RasaRestInput):
    def _extract_message(self, req: Request) -> Optional[Text]:
        return typed_text(super()._extract_message(req))
