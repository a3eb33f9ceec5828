"""Sending through the WhatsApp Cloud API (Graph API), with timeouts, retries with backoff
on 429 and 5xx, and an outbox: a message that cannot be delivered is kept (readable by the
service user only) and retried before the next send, never dropped silently. Logs carry
neither message text nor phone numbers.

WhatsApp allows free-form messages only within 24 hours of the resident's last message. A
kept reply whose window has closed is not sent late: it moves to ``outbox/expired`` for a
person to see; a team reaches the resident with the approved template instead
(``Template``, sent from the staff app)."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import os
import time
import uuid
from pathlib import Path

import aiohttp

from core.db import PROJECT_DIR
from core.private_files import private_folder, remove_older_than, write_private_json

log = logging.getLogger(__name__)
#: a kept file being retried by one worker ends in ``.<pid>.claim``
CLAIM_SUFFIX = "claim"
#: a claim older than this was left by a worker that stopped: the file is retried again
CLAIM_SECONDS = 600.0


def unclaimed_name(name: str) -> str:
    """A kept file's own name, without a worker's claim: ``<id>.json.<pid>.claim`` -> ``<id>.json``."""
    return name.split(".json.", 1)[0] + ".json"


#: Meta's Graph API with a pinned version (override with WHATSAPP_API_BASE_URL)
DEFAULT_API_BASE_URL = "https://graph.facebook.com/v21.0"
DEFAULT_OUTBOX = PROJECT_DIR / "var" / "whatsapp-outbox"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
SENT, REFUSED, FAILED = "sent", "refused", "failed"
#: what was refused or expired is kept this long for a person to look at, then deleted
SET_ASIDE_DAYS = 30


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

    async def send(self, messages: list[dict], window_closes_at: dt.datetime | None = None) -> bool:
        """``True`` if all were delivered (``deliver`` says what happened otherwise)."""
        return await self.deliver(messages, window_closes_at) == SENT

    async def deliver(self, messages: list[dict], window_closes_at: dt.datetime | None = None) -> str:
        """Send in order. ``sent``; ``failed``: the rest is kept in the outbox for retry;
        ``refused``: the API refused one (kept in ``outbox/refused``), the others went.
        ``window_closes_at``: until when these free-form replies may still be delivered."""
        outcome = SENT
        async with self._lock, aiohttp.ClientSession(timeout=self.timeout) as session:
            await self._retry_outbox(session)
            for index, body in enumerate(messages):
                result = await self._post(session, body)
                if result == REFUSED:
                    self._keep(body, self.outbox / "refused")
                    outcome = REFUSED
                elif result == FAILED:
                    # keep this one and the ones after it, in order
                    for rest in messages[index:]:
                        self._keep(rest, window_closes_at=window_closes_at)
                    return FAILED
            return outcome

    def _keep(self, body: dict, folder: Path | None = None, window_closes_at: dt.datetime | None = None) -> None:
        """Kept for retry (``outbox``) or, when the API refused it or its window closed, for a
        person to look at (``outbox/refused``, ``outbox/expired``); never dropped."""
        path = (folder or self.outbox) / f"{uuid.uuid1().hex}.json"  # uuid1: time-ordered
        closes = window_closes_at.isoformat() if window_closes_at else None
        write_private_json(path, {"body": body, "window_closes_at": closes})
        log.error("whatsapp.kept_for_retry file=%s folder=%s", path.name, path.parent.name)

    def kept(self) -> list[Path]:
        return sorted(self.outbox.glob("*.json"), key=lambda p: uuid.UUID(p.stem).time) if self.outbox.exists() else []

    def _read_kept(self, path: Path) -> tuple[dict, str | None] | None:
        """A kept message and its window end; a damaged file is moved to ``refused/`` so it
        cannot block the others."""
        try:
            kept = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(kept, dict):
                raise ValueError("not an object")
        except (OSError, ValueError):
            name = unclaimed_name(path.name)
            path.rename(private_folder(self.outbox / "refused") / name)
            log.error("whatsapp.kept_file_damaged file=%s", name)
            return None
        if "body" in kept and "messaging_product" not in kept:
            return kept["body"], kept.get("window_closes_at")
        return kept, None  # kept before window ends were recorded

    def forget_set_aside(self, days: int) -> int:
        """Delete what was set aside for a person (refused, expired) longer than ``days``
        ago: those files hold a phone number and a message."""
        cutoff = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=days)
        set_aside = [*(self.outbox / "refused").glob("*.json"), *(self.outbox / "expired").glob("*.json")]
        removed = remove_older_than(set_aside, cutoff)
        if removed:
            log.warning("whatsapp.set_aside_deleted count=%d days=%d", removed, days)
        return removed

    async def _retry_outbox(self, session: aiohttp.ClientSession) -> None:
        now = dt.datetime.now(dt.timezone.utc)
        for path in self.kept():
            # claim the file first (an atomic rename): with several server workers, each retries
            # the outbox, and a reply must go out once
            claimed = path.with_name(f"{path.name}.{os.getpid()}.{CLAIM_SUFFIX}")
            try:
                os.rename(path, claimed)
            except FileNotFoundError:
                continue  # another worker has it
            read = self._read_kept(claimed)
            if read is None:
                continue
            body, closes = read
            if closes and body.get("type") != "template" and dt.datetime.fromisoformat(closes) <= now:
                self._keep(body, self.outbox / "expired")
                claimed.unlink()
                log.warning("whatsapp.window_closed file=%s", path.name)
                continue
            result = await self._post(session, body)
            if result == FAILED:
                os.rename(claimed, path)  # still failing: back in line, keep the rest in order
                return
            if result == REFUSED:
                self._keep(body, self.outbox / "refused")
            claimed.unlink()
            log.warning("whatsapp.delivered_from_outbox file=%s", path.name)

    def release_stale_claims(self, older_than_seconds: float = CLAIM_SECONDS) -> int:
        """Files claimed by a worker that stopped mid-retry go back in the outbox."""
        released = 0
        cutoff = time.time() - older_than_seconds
        for claimed in self.outbox.glob(f"*.json.*.{CLAIM_SUFFIX}") if self.outbox.exists() else []:
            try:
                if claimed.stat().st_mtime < cutoff:
                    os.rename(claimed, claimed.with_name(unclaimed_name(claimed.name)))
                    released += 1
            except OSError:
                continue
        return released

    async def upkeep(self) -> None:
        """What a running process does every round: retry what is kept, and delete what was
        set aside longer than ``SET_ASIDE_DAYS`` ago."""
        self.release_stale_claims()
        if self.kept():
            await self.retry_outbox()
        self.forget_set_aside(SET_ASIDE_DAYS)

    async def retry_outbox(self) -> None:
        async with self._lock, aiohttp.ClientSession(timeout=self.timeout) as session:
            await self._retry_outbox(session)
