"""A resident on WhatsApp, as the end-to-end tests play one: Meta-shaped webhook payloads,
signed and posted to the Rasa server; replies read from the fake Graph API."""

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
import uuid

from tests.e2e.conftest import WHATSAPP


def payload(wa_id: str, message: dict) -> dict:
    return {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "102290129340398",
                "changes": [
                    {
                        "field": "messages",
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {"display_phone_number": "15550783881", "phone_number_id": "1234567890"},
                            "contacts": [{"profile": {"name": "Inwoner"}, "wa_id": wa_id}],
                            "messages": [
                                {
                                    "from": wa_id,
                                    "id": f"wamid.{uuid.uuid4().hex}",
                                    "timestamp": str(int(time.time())),
                                    **message,
                                }
                            ],
                        },
                    }
                ],
            }
        ],
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


class Conversation:
    """One resident on WhatsApp: send a message, wait for the reply that contains ``expect``."""

    def __init__(self, assistant):
        self.assistant, self.graph, self.wa_id, self.seen = assistant, assistant.graph, new_resident(), 0

    def say(self, message: dict, expect: str) -> str:
        post(self.assistant, payload(self.wa_id, message))
        messages = self.graph.wait_for(self.wa_id, self.seen + 1)
        for _ in range(20):  # a reply may come as several messages
            if expect in bodies(messages[self.seen :]):
                break
            messages = self.graph.wait_for(self.wa_id, len(messages) + 1, timeout=1)
        reply = bodies(messages[self.seen :])
        self.last = messages[self.seen :]
        self.seen = len(messages)
        assert expect in reply, reply
        return reply


def button(payload_id: str, title: str) -> dict:
    return {
        "type": "interactive",
        "interactive": {"type": "button_reply", "button_reply": {"id": payload_id, "title": title}},
    }
