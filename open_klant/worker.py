"""The background registration: takes due outbox rows and registers each handoff in Open
Klant in four calls, recording every object before the next call:

1. ``POST /maak-klantcontact``: klantcontact + betrokkene (the resident) + onderwerpobject
   (our reference);
2. ``POST /digitaleadressen``: the phone number or e-mail address for contact (if any);
3. ``POST /actorklantcontacten``: the assistant (geautomatiseerde actor) took part;
4. ``POST /internetaken``: the team's task, last, so a team never gets a half-made one.

Exactly once: a step whose request was sent but whose answer was never recorded (the
process died, the connection dropped) is marked ``in_flight``; on resume it is looked up in
Open Klant (by our reference or the recorded uuids) before anything is created again.

Runs in the staff app (``python -m staff serve``); database calls run in worker threads."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import random
from dataclasses import dataclass
from typing import Awaitable, Callable

from sqlalchemy.engine import Engine

from core.background import every
from handoff.models import Handoff
from handoff.service import HandoffStore
from open_klant import mapping
from open_klant.client import OpenKlantClient, Refused, Unavailable
from open_klant.config import OpenKlantConfig
from open_klant.outbox import Claimed, LostClaim, Outbox

log = logging.getLogger(__name__)

#: the steps, in order, and the keys they record in the outbox row's ``objects``
STEPS = ("klantcontact", "digitaal_adres", "actorklantcontact", "internetaak")
#: how often the staff app looks for due rows
POLL_SECONDS = 10.0


class NotRegistrable(Exception):
    """A problem no retry by itself can solve (the team has no actor, the handoff is gone)."""

    def __init__(self, kind: str, detail: str):
        super().__init__(kind)
        self.kind, self.detail = kind, detail


@dataclass(frozen=True)
class Backoff:
    """``base`` seconds after the first failure, doubling, with ±20% jitter so that many
    postponed rows do not all come back at once, and never more than ``cap``."""

    base: float = 30.0
    cap: float = 3600.0

    def delay(self, attempts: int, retry_after: float | None = None) -> float:
        delay = min(self.cap, self.base * 2 ** max(0, attempts - 1) * random.uniform(0.8, 1.2))
        return max(delay, min(retry_after or 0.0, self.cap))


def _uuid(data: dict | None) -> str | None:
    return (data or {}).get("uuid") if isinstance(data, dict) else None


def record_klantcontact(claimed: Claimed, klantcontact: dict, betrokkene: str | None, onderwerpobject: str | None):
    claimed.objects["klantcontact"] = _uuid(klantcontact)
    claimed.objects["klantcontact_nummer"] = klantcontact.get("referentienummer") or klantcontact.get("nummer")
    claimed.objects["betrokkene"] = betrokkene
    claimed.objects["onderwerpobject"] = onderwerpobject


async def look_up(client: OpenKlantClient, step: str, claimed: Claimed, config: OpenKlantConfig) -> bool:
    """Whether the object of ``step`` exists in Open Klant already (a request whose answer was
    lost); if so, it is recorded in ``claimed.objects``."""
    objects = claimed.objects
    if step == "klantcontact":
        found = await client.find(
            "klantcontacten",
            onderwerpobject__onderwerpobjectidentificatorCodeRegister=mapping.REGISTER,
            onderwerpobject__onderwerpobjectidentificatorObjectId=claimed.reference,
        )
        # only ours: a server that ignored a filter must not give us another resident's contact
        ours = f"Hulpwijzer-overdracht {claimed.reference}"
        found = [c for c in found if str(c.get("inhoud") or "").startswith(ours)]
        if found:
            contact = found[0]
            betrokkenen = contact.get("hadBetrokkenen") or [{}]
            onderwerpen = contact.get("gingOverOnderwerpobjecten") or [{}]
            record_klantcontact(claimed, contact, _uuid(betrokkenen[0]), _uuid(onderwerpen[0]))
            return True
        return False
    if step == "digitaal_adres" and objects.get("betrokkene"):
        found = await client.find(
            "digitaleadressen", verstrektDoorBetrokkene__uuid=objects["betrokkene"], referentie=claimed.reference
        )
    elif step == "actorklantcontact" and objects.get("klantcontact"):
        found = await client.find(
            "actorklantcontacten", klantcontact__uuid=objects["klantcontact"], actor__uuid=config.assistant_actor
        )
    elif step == "internetaak" and objects.get("klantcontact"):
        found = await client.find("internetaken", aanleidinggevendKlantcontact__uuid=objects["klantcontact"])
    else:
        return False
    found = [item for item in found if _is_ours(step, item, claimed, config)]
    if found and _uuid(found[0]):
        objects[step] = _uuid(found[0])
        return True
    return False


def _is_ours(step: str, item: dict, claimed: Claimed, config: OpenKlantConfig) -> bool:
    """Whether a looked-up object is the one this handoff made (the filters asked for it; a
    server that ignored one must not make us adopt, and later delete, someone else's)."""
    klantcontact = claimed.objects.get("klantcontact")
    if step == "digitaal_adres":
        return item.get("referentie") == claimed.reference
    if step == "actorklantcontact":
        return _uuid(item.get("klantcontact")) == klantcontact and _uuid(item.get("actor")) == config.assistant_actor
    return _uuid(item.get("aanleidinggevendKlantcontact")) == klantcontact


class Registrar:
    def __init__(
        self,
        engine: Engine,
        config: OpenKlantConfig,
        backoff: Backoff = Backoff(),
        client: Callable[[], OpenKlantClient] | None = None,
        outbox: Outbox | None = None,
        poll: float = POLL_SECONDS,
    ):
        self.config = config
        self.poll = poll
        self.outbox = outbox or Outbox(engine)
        self.handoffs = HandoffStore(engine)
        self.backoff = backoff
        self.client = client or (lambda: OpenKlantClient(config.url, config.token))

    async def run(self) -> None:
        """With the staff app: every ``poll`` seconds, the rows that are due."""
        await every(self.poll, self.run_once, log, "open_klant.round_failed")

    async def run_once(self) -> int:
        """Register the rows that are due now; how many were claimed."""
        due = await asyncio.to_thread(self.outbox.due)
        if not due:
            return 0
        claimed_count = 0
        async with self.client() as client:
            for row_id in due:
                claimed = await asyncio.to_thread(self.outbox.claim, row_id)
                if claimed is None:
                    continue  # another process was first
                claimed_count += 1
                await self.register(client, claimed)
        return claimed_count

    async def register(self, client: OpenKlantClient, claimed: Claimed) -> None:
        step = "klantcontact"
        try:
            handoff = await asyncio.to_thread(self.handoffs.get, claimed.reference)
            if handoff is None:
                raise NotRegistrable("missing", "De overdracht bestaat niet meer.")
            team_actor = self.config.actors.get(handoff.team_id)
            if team_actor is None:
                raise NotRegistrable(
                    "config", f"Geen Open Klant-actor voor team {handoff.team_id} (OPEN_KLANT_ACTORS)."
                )
            for step in STEPS:
                if step not in claimed.objects:
                    await self._step(client, claimed, handoff, team_actor, step)
        except LostClaim:
            log.warning("open_klant.claim_lost reference=%s", claimed.reference)
            return
        except Unavailable as problem:
            delay = self.backoff.delay(claimed.attempts + 1, problem.retry_after)
            log.warning(
                "open_klant.unavailable reference=%s step=%s reason=%s attempt=%d retry_in=%.0fs",
                claimed.reference,
                step,
                problem.reason,
                claimed.attempts + 1,
                delay,
            )
            error = {"kind": "unavailable", "step": step, "status": problem.status, "detail": problem.reason}
            await self._finish(self.outbox.postpone, claimed, delay, _stamped(error))
            return
        except Refused as refused:
            params = refused.invalid_params()
            log.error(
                "open_klant.refused reference=%s step=%s status=%d params=%s",
                claimed.reference,
                step,
                refused.status,
                ",".join(f"{p['name']}:{p['code']}" for p in params) or "-",
            )
            problem = refused.problem if isinstance(refused.problem, dict) else {}
            claimed.in_flight = None  # refused: nothing was made
            error = {
                "kind": "refused",
                "step": step,
                "status": refused.status,
                "title": str(problem.get("title") or "")[:200],
                "invalidParams": params,
            }
            await self._finish(self.outbox.fail, claimed, _stamped(error))
            return
        except NotRegistrable as problem:
            log.error("open_klant.not_registrable reference=%s kind=%s", claimed.reference, problem.kind)
            await self._finish(
                self.outbox.fail, claimed, _stamped({"kind": problem.kind, "step": step, "detail": problem.detail})
            )
            return
        await self._finish(self.outbox.registered, claimed)
        log.info(
            "open_klant.registered reference=%s klantcontact=%s internetaak=%s",
            claimed.reference,
            claimed.objects.get("klantcontact"),
            claimed.objects.get("internetaak"),
        )

    async def _finish(self, write: Callable, claimed: Claimed, *args) -> None:
        try:
            await asyncio.to_thread(write, claimed, *args)
        except LostClaim:
            log.warning("open_klant.claim_lost reference=%s", claimed.reference)

    async def _step(self, client: OpenKlantClient, claimed: Claimed, handoff: Handoff, team_actor: str, step: str):
        if claimed.in_flight == step and await look_up(client, step, claimed, self.config):
            claimed.in_flight = None
            await asyncio.to_thread(self.outbox.save, claimed)
            log.warning("open_klant.found_after_lost_answer reference=%s step=%s", claimed.reference, step)
            return
        call = self._call(client, claimed, handoff, team_actor, step)
        if call is None:
            claimed.objects[step] = None  # nothing to send for this handoff
            await asyncio.to_thread(self.outbox.save, claimed)
            return
        claimed.in_flight = step
        await asyncio.to_thread(self.outbox.save, claimed)  # before the request: it may reach Open Klant
        answer = await call()
        if step == "klantcontact":
            record_klantcontact(
                claimed,
                answer.get("klantcontact") or {},
                _uuid(answer.get("betrokkene")),
                _uuid(answer.get("onderwerpobject")),
            )
            if not claimed.objects["klantcontact"]:
                raise Unavailable("answer without uuid", 201)
        else:
            claimed.objects[step] = _uuid(answer)
        claimed.in_flight = None
        await asyncio.to_thread(self.outbox.save, claimed)  # before the next call

    def _call(self, client, claimed, handoff, team_actor, step) -> Callable[[], Awaitable[dict]] | None:
        objects = claimed.objects
        if step == "klantcontact":
            return lambda: client.maak_klantcontact(mapping.maak_klantcontact(handoff))
        if step == "digitaal_adres":
            body = mapping.digitaal_adres(handoff, objects["betrokkene"]) if objects.get("betrokkene") else None
            return (lambda: client.create("digitaleadressen", body)) if body else None
        if step == "actorklantcontact":
            body = mapping.actorklantcontact(self.config.assistant_actor, objects["klantcontact"])
            return lambda: client.create("actorklantcontacten", body)
        body = mapping.interne_taak(handoff, objects["klantcontact"], team_actor)
        return lambda: client.create("internetaken", body)


def _stamped(error: dict) -> dict:
    return {**error, "at": dt.datetime.now(dt.timezone.utc).isoformat()}
