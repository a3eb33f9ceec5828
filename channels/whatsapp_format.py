"""WhatsApp Cloud API message shapes: reading Meta's webhook payloads, and turning the
assistant's replies into messages WhatsApp accepts (limits from Meta's documentation:
text 4096 characters, interactive body 1024, at most 3 reply buttons with titles of at most
20 characters, at most 10 list rows with titles of at most 24)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

TEXT_LIMIT = 4096
BODY_LIMIT = 1024
MAX_BUTTONS = 3
BUTTON_TITLE_LIMIT = 20
MAX_ROWS = 10
ROW_TITLE_LIMIT = 24
ID_LIMIT = 256
#: WhatsApp's customer-service window: free-form messages only this long after the resident's last one
WINDOW = dt.timedelta(hours=24)
#: what residents hear when they send a photo, voice note, location or sticker
UNSUPPORTED_REPLY = (
    "Ik kan alleen tekst lezen. Wilt u uw vraag in een paar woorden typen? "
    "Stuur geen foto's van brieven met persoonlijke gegevens."
)


@dataclass(frozen=True)
class Incoming:
    message_id: str
    wa_id: str
    #: what the assistant reads: the typed text, or the id of the chosen button or row
    text: str | None
    kind: str  # text, button, list, unsupported
    #: when the resident sent it (Meta's ``timestamp``): WhatsApp's 24-hour window starts here
    sent_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))

    @property
    def window_closes_at(self) -> dt.datetime:
        """Until when replies to this message may be sent free-form."""
        return self.sent_at + WINDOW


def _sent_at(message: dict) -> dt.datetime:
    now = dt.datetime.now(dt.timezone.utc)
    try:
        sent = dt.datetime.fromtimestamp(int(message.get("timestamp")), dt.timezone.utc)
    except (TypeError, ValueError, OverflowError, OSError):
        return now
    if sent.year < 2000:  # not a moment WhatsApp could have sent it
        return now
    return min(sent, now)  # a clock ahead of ours must not stretch the window


def _dicts(value) -> list[dict]:
    """The mappings in a list Meta sent; anything else in their place is ignored."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None


def parse_webhook(body) -> list[Incoming]:
    """The residents' messages in a webhook body; status callbacks and anything else are
    left out. Every field is checked for its type: a body in the wrong shape (Meta's or a
    forger's with the secret) gives no message, never an error."""
    found = []
    for entry in _dicts(_dict(body).get("entry")):
        for change in _dicts(entry.get("changes")):
            value = _dict(change.get("value"))
            for message in _dicts(value.get("messages")):
                message_id, wa_id, kind = _text(message.get("id")), _text(message.get("from")), message.get("type")
                if not message_id or not wa_id or len(message_id) > 200 or len(wa_id) > 32:
                    continue
                sent_at = _sent_at(message)
                if kind == "text":
                    found.append(
                        Incoming(
                            message_id, wa_id, _text(_dict(message.get("text")).get("body")) or "", "text", sent_at
                        )
                    )
                elif kind == "interactive":
                    interactive = _dict(message.get("interactive"))
                    reply = _dict(interactive.get("button_reply") or interactive.get("list_reply"))
                    label = "button" if "button_reply" in interactive else "list"
                    found.append(
                        Incoming(message_id, wa_id, _text(reply.get("id")) or _text(reply.get("title")), label, sent_at)
                    )
                elif kind == "button":  # a quick-reply button of a template message
                    button = _dict(message.get("button"))
                    found.append(
                        Incoming(
                            message_id,
                            wa_id,
                            _text(button.get("payload")) or _text(button.get("text")),
                            "button",
                            sent_at,
                        )
                    )
                else:
                    found.append(Incoming(message_id, wa_id, None, "unsupported", sent_at))
    return found


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Chunks under ``limit``, cut at sentence ends (then line ends, then spaces)."""
    text = text.strip()
    chunks = []
    while len(text) > limit:
        window = text[:limit]
        cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "), window.rfind("\n"))
        cut = cut + 1 if cut > limit // 3 else window.rfind(" ")
        if cut <= 0:
            cut = limit
        chunks.append(text[:cut].strip())
        text = text[cut:].strip()
    if text:
        chunks.append(text)
    return chunks


def _short(title: str, limit: int) -> str:
    title = " ".join(title.split())
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def _envelope(to: str, kind: str, content: dict) -> dict:
    """A Cloud API message to one resident: ``kind`` is text, interactive or template."""
    return {"messaging_product": "whatsapp", "recipient_type": "individual", "to": to, "type": kind, kind: content}


def _text_message(to: str, body: str) -> dict:
    return _envelope(to, "text", {"preview_url": False, "body": body})


def outgoing(to: str, text: str, buttons: list[dict] | None = None) -> list[dict]:
    """Graph API message bodies for one reply of the assistant."""
    buttons = [b for b in buttons or [] if b.get("payload") and b.get("title")]
    if not buttons:
        return [_text_message(to, chunk) for chunk in split_text(text)]
    chunks = split_text(text or "Kies een van deze:", BODY_LIMIT)
    messages = [_text_message(to, chunk) for chunk in chunks[:-1]]
    body = chunks[-1]
    if len(buttons) <= MAX_BUTTONS:
        interactive = {
            "type": "button",
            "body": {"text": body},
            "action": {
                "buttons": [
                    {
                        "type": "reply",
                        "reply": {"id": b["payload"][:ID_LIMIT], "title": _short(b["title"], BUTTON_TITLE_LIMIT)},
                    }
                    for b in buttons
                ]
            },
        }
    else:
        rows = [
            {"id": b["payload"][:ID_LIMIT], "title": _short(b["title"], ROW_TITLE_LIMIT)} for b in buttons[:MAX_ROWS]
        ]
        interactive = {
            "type": "list",
            "body": {"text": body},
            "action": {"button": "Kies", "sections": [{"title": "Mogelijkheden", "rows": rows}]},
        }
        if len(buttons) > MAX_ROWS:
            rest = ", ".join(b["title"] for b in buttons[MAX_ROWS:])
            messages.append(_text_message(to, f"Nog meer keuzes (typ er een): {rest}"))
    messages.append(_envelope(to, "interactive", interactive))
    return messages


@dataclass(frozen=True)
class Template:
    """An approved message template (WhatsApp Manager), the only kind of message a business
    may send outside the 24-hour window. Hulpwijzer's follow-up template has three body
    parameters: {{1}} the reference, {{2}} the team, {{3}} the municipality's phone number
    (README, "Channels")."""

    name: str
    language: str = "nl"

    def message(self, to: str, parameters: list[str]) -> dict:
        return _envelope(
            to,
            "template",
            {
                "name": self.name,
                "language": {"code": self.language},
                "components": [{"type": "body", "parameters": [{"type": "text", "text": p} for p in parameters]}],
            },
        )
