"""Erasure and retention reach Open Klant (a store of ``core.erasure``'s registry).

With ``OPEN_KLANT_ERASURE=delete`` (the default) a resident's deletion, and the retention
purge, delete every object the registration made there, children first: the interne taak,
the assistant's actorklantcontact, the digitaal adres, the betrokkene, the onderwerpobject,
then the klantcontact. Each deletion is recorded before the next, so a deletion that fails
half-way resumes where it stopped, and it fails as a whole (never reported as done).

With ``leave`` the municipality keeps them in Open Klant (its own register, under its own
retention): our row goes, and the objects left there are reported (``left_behind``: the
``staff delete`` output and the audit log)."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

from sqlalchemy.engine import Engine

from open_klant.client import OpenKlantClient
from open_klant.config import OpenKlantConfig
from open_klant.outbox import Claimed, Outbox
from open_klant.worker import look_up

log = logging.getLogger(__name__)

#: (key in the outbox row's objects, resource), in an order Open Klant accepts: children first
DELETE_ORDER = (
    ("internetaak", "internetaken"),
    ("actorklantcontact", "actorklantcontacten"),
    ("digitaal_adres", "digitaleadressen"),
    ("betrokkene", "betrokkenen"),
    ("onderwerpobject", "onderwerpobjecten"),
    ("klantcontact", "klantcontacten"),
)
NAMES = {
    "internetaak": "interne taak",
    "actorklantcontact": "actorklantcontact",
    "digitaal_adres": "digitaal adres",
    "betrokkene": "betrokkene",
    "onderwerpobject": "onderwerpobject",
    "klantcontact": "klantcontact",
}


def describe(objects: dict) -> list[str]:
    """``klantcontact 0000123 (uuid)``, one line per object made in Open Klant."""
    lines = []
    for key, _resource in reversed(DELETE_ORDER):
        uuid = objects.get(key)
        if uuid:
            number = objects.get("klantcontact_nummer") if key == "klantcontact" else None
            lines.append(f"{NAMES[key]} {number + ' ' if number else ''}({uuid})")
    return lines


class OpenKlantErasure:
    name = "open_klant"

    def __init__(self, engine: Engine, config: OpenKlantConfig, outbox: Outbox | None = None, client=None):
        self.config = config
        self.outbox = outbox or Outbox(engine)
        self.client = client or (lambda: OpenKlantClient(config.url, config.token))
        #: reference -> what was left in Open Klant (leave mode), until reported
        self.left: dict[str, list[str]] = {}

    def erase_reference(self, reference: str) -> int:
        """The objects made for ``reference``: deleted (how many), or left and reported."""
        claimed = self.outbox.claim_reference(reference)  # LostClaim while a worker registers it
        if claimed is None:
            return 0
        try:
            return asyncio.run(self._erase(claimed))
        except BaseException:
            self.outbox.fail(claimed, {"kind": "erasure", "detail": "Verwijderen in Open Klant is niet gelukt."})
            raise

    def left_behind(self, reference: str) -> list[str]:
        return self.left.pop(reference, [])

    def purge_older_than(self, cutoff: dt.datetime) -> int:
        """Registrations older than ``cutoff``, and erasures that stopped half-way."""
        removed, failure = 0, None
        for reference in self.outbox.to_erase(cutoff):
            try:
                removed += self.erase_reference(reference)
            except Exception as error:  # noqa: BLE001 - re-raised after the others
                failure = failure or error
            self.left.pop(reference, None)
        if failure is not None:
            raise failure
        return removed

    async def _erase(self, claimed: Claimed) -> int:
        if self.config.erasure == "leave":
            if claimed.in_flight:
                async with self.client() as client:
                    await look_up(client, claimed.in_flight, claimed, self.config)
            self.left[claimed.reference] = describe(claimed.objects)
            await asyncio.to_thread(self.outbox.remove, claimed)
            log.warning("open_klant.left reference=%s objects=%d", claimed.reference, len(self.left[claimed.reference]))
            return 0
        deleted = 0
        async with self.client() as client:
            if claimed.in_flight:  # a request whose answer was lost may have made an object
                await look_up(client, claimed.in_flight, claimed, self.config)
                claimed.in_flight = None
            for key, resource in DELETE_ORDER:
                uuid = claimed.objects.get(key)
                if not uuid:
                    continue
                deleted += int(await client.delete(resource, uuid))
                claimed.objects[key] = None
                await asyncio.to_thread(self.outbox.save, claimed)
        await asyncio.to_thread(self.outbox.remove, claimed)
        log.warning("open_klant.erased reference=%s objects=%d", claimed.reference, deleted)
        return deleted
