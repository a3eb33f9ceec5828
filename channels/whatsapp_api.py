"""Sending through the WhatsApp Cloud API (Graph API), with timeouts, retries with backoff
on 429 and 5xx, and an outbox: a message that cannot be delivered is kept (readable by the
service user only) and retried before the next send, never dropped silently. Logs carry
neither message text nor phone numbers."""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from pathlib import Path

import aiohttp

from bot.private_files import write_private_json
from knowledge_base.db import PROJECT_DIR

log = logging.getLogger(__name__)

#: Meta's Graph API with a pinned version (override with WHATSAPP_API_BASE_URL)
DEFAULT_API_BASE_URL = "https://graph.facebook.com/v21.0"
DEFAULT_OUTBOX = PROJECT_DIR / "var" / "whatsapp-outbox"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
SENT, REFUSED, FAILED = "sent", "refused", "failed"


class GraphClient:
    def __init__(
        self,
        base_url: str,
        phone_number_id: str,
        access_token: str,
        outbox: Path = DEFAULT_OUTBOX,
        retries: int = 4,
        backoff: float = 0.5,
        timeout: float = 10.0,
    ):
        self.url = f"{base_url.rstrip('/')}/{phone_number_id}/messages"
        self.headers = {"Authorization": f"Bearer {access_token}", "Content-Type": "application/json"}
        self.outbox = outbox
        self.retries = retries
        self.backoff = backoff
        self.timeout = aiohttp.ClientTimeout(total=timeout)
        self._lock = asyncio.Lock()

    async def _post(self, session: aiohttp.ClientSession, body: dict) -> str:
        """``sent``, ``refused`` (4xx other than 429: retrying will not help) or ``failed``."""
        for attempt in range(self.retries):
            try:
                async with session.post(self.url, json=body, headers=self.headers) as response:
                    if response.status < 300:
                        return SENT
                    if response.status not in RETRY_STATUSES:
                        log.error("whatsapp.send_refused status=%d", response.status)
                        return REFUSED
                    wait = float(response.headers.get("Retry-After") or self.backoff * 2**attempt)
            except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
                wait = self.backoff * 2**attempt
                log.warning("whatsapp.send_error attempt=%d error=%s", attempt + 1, type(exc).__name__)
            await asyncio.sleep(min(wait, 30))
        return FAILED

    async def send(self, messages: list[dict]) -> bool:
        """Send in order; what cannot be delivered goes to the outbox. ``True`` if all went."""
        async with self._lock, aiohttp.ClientSession(timeout=self.timeout) as session:
            await self._retry_outbox(session)
            for index, body in enumerate(messages):
                result = await self._post(session, body)
                if result == REFUSED:
                    self._keep(body, self.outbox / "refused")
                elif result == FAILED:
                    # keep this one and the ones after it, in order
                    for rest in messages[index:]:
                        self._keep(rest)
                    return False
            return True

    def _keep(self, body: dict, folder: Path | None = None) -> None:
        """Kept for retry (``outbox``) or, when the API refused it, for a person to look at
        (``outbox/refused``); never dropped."""
        path = (folder or self.outbox) / f"{uuid.uuid1().hex}.json"  # uuid1: time-ordered
        write_private_json(path, body)
        log.error("whatsapp.kept_for_retry file=%s", path.name)

    def kept(self) -> list[Path]:
        return sorted(self.outbox.glob("*.json"), key=lambda p: uuid.UUID(p.stem).time) if self.outbox.exists() else []

    async def _retry_outbox(self, session: aiohttp.ClientSession) -> None:
        for path in self.kept():
            body = json.loads(path.read_text(encoding="utf-8"))
            result = await self._post(session, body)
            if result == FAILED:
                return  # still failing: keep the rest in order
            if result == REFUSED:
                self._keep(body, self.outbox / "refused")
            path.unlink()
            log.warning("whatsapp.delivered_from_outbox file=%s", path.name)

    async def retry_outbox(self) -> None:
        async with self._lock, aiohttp.ClientSession(timeout=self.timeout) as session:
            await self._retry_outbox(session)
