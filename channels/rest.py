"""Rasa's REST channel, with typed text that starts with "/" kept as text.

Rasa reads any message that starts with "/" as an intent payload ("/ask_werk"). When the
rest is not a known intent it logs a warning that repeats the whole message, so a
resident typing "/mijn bsn is ..." would put personal data in the logs, and the message
would also skip the crisis rules. Real button payloads pass unchanged; other leading
slashes are dropped before Rasa sees the text. Webhook: ``/webhooks/rest/webhook``.

A page can say which municipality the chat is for: ``{"metadata": {"gemeente": "almere"}}``
in the request body. Only that key is passed on (to ``action_session_start``); other
metadata is not stored in the tracker.
"""

from __future__ import annotations

import re
from typing import Any, Dict, Optional, Text

from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic.request import Request

from bot.triage.text import BUTTON_PAYLOAD


def typed_text(message: Optional[Text]) -> Optional[Text]:
    """``message`` unchanged when it is a button payload, else without leading slashes."""
    if not message or not message.startswith("/") or BUTTON_PAYLOAD.match(message):
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


class RestInput(RasaRestInput):
    def _extract_message(self, req: Request) -> Optional[Text]:
        return typed_text(super()._extract_message(req))

    def get_metadata(self, request: Request) -> Optional[Dict[Text, Any]]:
        return allowed_metadata(request.json)
