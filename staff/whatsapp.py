"""A team's follow-up over WhatsApp: the approved template, sent to the number a resident
chose for contact via WhatsApp (``channels.whatsapp_contacts``).

A template is the one kind of message WhatsApp lets a business send outside the 24-hour
customer-service window, so it works however long ago the resident wrote. Its three body
parameters are the reference, the team and the municipality's phone number; registering
it is described in the README ("Channels").

Environment: WHATSAPP_ACCESS_TOKEN, WHATSAPP_PHONE_NUMBER_ID, WHATSAPP_TEMPLATE_NAME and
optionally WHATSAPP_TEMPLATE_LANGUAGE (default nl) and WHATSAPP_API_BASE_URL.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from channels.whatsapp_api import DEFAULT_API_BASE_URL, GraphClient
from channels.whatsapp_contacts import Contact
from channels.whatsapp_format import Template
from core.background import every
from core.db import PROJECT_DIR
from core.private_files import remove_older_than

log = logging.getLogger(__name__)

#: the staff app's own outbox: the channel (another process) retries its own folder, and two
#: processes sharing one folder could send a kept message twice
OUTBOX = PROJECT_DIR / "var" / "whatsapp-outbox-staff"
RETRY_SECONDS = 60.0


@dataclass
class WhatsAppFollowUp:
    client: GraphClient
    template: Template

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> "WhatsAppFollowUp | None":
        """``None`` unless the access token, phone number id and template name are all set."""
        token, number, name = (
            environ.get(k, "").strip()
            for k in ("WHATSAPP_ACCESS_TOKEN", "WHATSAPP_PHONE_NUMBER_ID", "WHATSAPP_TEMPLATE_NAME")
        )
        if not (token and number and name):
            return None
        base_url = environ.get("WHATSAPP_API_BASE_URL", "").strip() or DEFAULT_API_BASE_URL
        language = environ.get("WHATSAPP_TEMPLATE_LANGUAGE", "").strip() or "nl"
        return cls(GraphClient(base_url, number, token, outbox=OUTBOX), Template(name, language))

    async def send(self, contact: Contact, team: str, telefoon: str) -> str:
        """``sent``; ``failed``: kept in the outbox and retried; ``refused``: WhatsApp refused it
        (e.g. the template is not approved), kept in ``refused/`` for a person."""
        return await self.client.deliver([self.template.message(contact.wa_id, [contact.reference, team, telefoon])])

    async def retry_kept(self, interval: float = RETRY_SECONDS) -> None:
        """Runs with the staff app: a template that could not be delivered goes out later."""
        await every(interval, self.client.upkeep, log, "staff.whatsapp_retry_failed")


class KeptFollowUps:
    """The follow-up templates waiting in the outbox, as a store of the erasure registry
    (core.erasure)."""

    name = "whatsapp_outbox"

    def __init__(self, outbox: Path = OUTBOX):
        self.outbox = outbox

    def erase_reference(self, reference: str) -> int:
        return discard_kept(reference, self.outbox)

    def purge_older_than(self, cutoff: dt.datetime) -> int:
        """Templates still waiting after the retention period are not sent any more."""
        return remove_older_than([*self.outbox.glob("*.json"), *self.outbox.glob("*/*.json")], cutoff)


def discard_kept(reference: str, outbox: Path = OUTBOX) -> int:
    """A resident's deletion: templates for ``reference`` still waiting or set aside go too."""
    removed = 0
    for path in [*outbox.glob("*.json"), *outbox.glob("*/*.json")]:
        try:
            kept = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if reference in json.dumps(kept):
            path.unlink()
            removed += 1
    return removed
