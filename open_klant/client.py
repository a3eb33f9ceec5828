"""A small client of the Klantinteracties API (Open Klant 2.18): the calls the registration
and the erasure make, with timeouts, and two kinds of failure:

* :class:`Unavailable`: try again later (no connection, a timeout, 5xx, 429, and 401/403,
  which are the deployment's token, not the handoff; see docs/open-klant.md);
* :class:`Refused`: Open Klant refused this request (another 4xx); its error body
  (``invalidParams``) is kept for staff, and nothing is retried by itself.

Nothing of a request or response body is logged here.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
from typing import Any

import aiohttp

#: connecting may take 5 s, a whole call 20 s
TIMEOUT = aiohttp.ClientTimeout(total=20, connect=5)
#: statuses that say "later", not "never"
RETRYABLE = {401, 403, 408, 425, 429}


class Unavailable(Exception):
    def __init__(self, reason: str, status: int | None = None, retry_after: float | None = None):
        super().__init__(reason)
        self.reason, self.status, self.retry_after = reason, status, retry_after


class Refused(Exception):
    def __init__(self, status: int, problem: dict[str, Any]):
        super().__init__(f"HTTP {status}")
        self.status, self.problem = status, problem

    def invalid_params(self) -> list[dict[str, str]]:
        params = self.problem.get("invalidParams") if isinstance(self.problem, dict) else None
        return [
            {k: str(p.get(k, ""))[:300] for k in ("name", "code", "reason")}
            for p in (params if isinstance(params, list) else [])
            if isinstance(p, dict)
        ][:20]


def _retry_after(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Retry-After in seconds: given as seconds or as an HTTP date (RFC 9110 allows both; a
    proxy in front of Open Klant may send a date); ``None`` when absent or unreadable."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return max(0.0, (moment - (now or dt.datetime.now(dt.timezone.utc))).total_seconds())


class OpenKlantClient:
    """Use as ``async with OpenKlantClient(url, token) as client``."""

    def __init__(self, base_url: str, token: str, timeout: aiohttp.ClientTimeout = TIMEOUT):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout
        self.session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> "OpenKlantClient":
        self.session = aiohttp.ClientSession(
            timeout=self.timeout,
            headers={"Authorization": f"Token {self.token}", "Accept": "application/json"},
        )
        return self

    async def __aexit__(self, *_exc) -> None:
        if self.session is not None:
            await self.session.close()
            self.session = None

    async def _call(self, method: str, path: str, body: dict | None = None, params: dict | None = None) -> Any:
        assert self.session is not None, "use the client as an async context manager"
        try:
            async with self.session.request(method, self.base_url + path, json=body, params=params) as response:
                status = response.status
                if status in RETRYABLE or status >= 500:
                    raise Unavailable(f"HTTP {status}", status, _retry_after(response.headers.get("Retry-After")))
                if status == 204:
                    return None
                try:
                    data = await response.json(content_type=None)
                except ValueError:
                    data = None
                if status >= 400:
                    raise Refused(status, data if isinstance(data, dict) else {})
                if not isinstance(data, dict):
                    # the object may have been made: the outbox looks it up on the next attempt
                    raise Unavailable("unreadable answer", status)
                return data
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            raise Unavailable(type(error).__name__) from None

    async def maak_klantcontact(self, body: dict) -> dict:
        return await self._call("POST", "/maak-klantcontact", body)

    async def create(self, resource: str, body: dict) -> dict:
        """``POST /{resource}`` (``digitaleadressen``, ``actorklantcontacten``, ``internetaken``)."""
        return await self._call("POST", f"/{resource}", body)

    async def find(self, resource: str, **filters: str) -> list[dict]:
        """The first page of ``GET /{resource}?filters`` (the look-ups find one object)."""
        data = await self._call("GET", f"/{resource}", params=filters)
        results = data.get("results")
        return [r for r in results if isinstance(r, dict)] if isinstance(results, list) else []

    async def delete(self, resource: str, uuid: str) -> bool:
        """``DELETE /{resource}/{uuid}``: ``False`` when it was gone already (404)."""
        try:
            await self._call("DELETE", f"/{resource}/{uuid}")
        except Refused as refused:
            if refused.status in (404, 410):
                return False
            raise
        return True
