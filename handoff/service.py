"""Creating a handoff exactly once, and never losing one.

* One consent in one conversation is one handoff: the idempotency key is derived from the
  conversation and the moment of consent, so a repeated confirmation returns the same
  reference instead of a second handoff.
* The reference is derived from that key, so it is known before the database answers.
* Where the municipality registers handoffs in another system too (Open Klant), the
  store writes the outbox row (:class:`~handoff.models.Registration`) in the handoff's own
  transaction, also for a spooled handoff when it is imported: no handoff is stored without it.
* When the database fails, the write is retried; if it still fails, the handoff is written
  to a spool folder (one file each, readable by the service user only) and imported by the
  next successful write or by ``python -m staff drain``. The resident hears honestly that
  the request is saved but not yet with the team.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from core import schema
from core.db import PROJECT_DIR, session_factory
from core.private_files import private_folder, remove_older_than, write_private_json
from core.settings import Settings
from handoff.models import PENDING, Handoff, Registration
from handoff.summary import Summary

log = logging.getLogger(__name__)

DEFAULT_SPOOL = PROJECT_DIR / "var" / "handoff-spool"


def spool_dir(settings: Settings) -> Path:
    """The spool folder of this deployment: HULPWIJZER_SPOOL_DIR, else var/handoff-spool."""
    return Path(settings.spool_dir) if settings.spool_dir else DEFAULT_SPOOL


_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def idempotency_key(conversation_id: str, consent_at: dt.datetime) -> str:
    return hashlib.sha256(f"{conversation_id}\n{consent_at.isoformat()}".encode()).hexdigest()


def reference_for(key: str) -> str:
    """``HW-7K3P-9QXA``: 40 bits of the key in Crockford base32 (no I, L, O, U)."""
    number = int(key[:10], 16)
    chars = "".join(_CROCKFORD[(number >> shift) & 31] for shift in range(35, -1, -5))
    return f"HW-{chars[:4]}-{chars[4:]}"


def add_working_days(start: dt.date, days: int) -> dt.date:
    """``days`` working days after ``start`` (Monday-Friday; public holidays not counted)."""
    current = start
    while days > 0:
        current += dt.timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


@dataclass
class Draft:
    """A handoff the resident has confirmed, before it is stored."""

    gemeente_id: str
    team_id: str
    team_name: str
    summary: Summary
    conversation_id: str
    consent_at: dt.datetime
    respond_by: dt.date | None = None

    def row(self) -> dict:
        contact = self.summary.contact
        key = idempotency_key(self.conversation_id, self.consent_at)
        return {
            "reference": reference_for(key),
            "idempotency_key": key,
            "gemeente_id": self.gemeente_id,
            "team_id": self.team_id,
            "team_name": self.team_name,
            "topics": list(self.summary.topics),
            "urgent": bool(self.summary.urgency),
            "urgency": list(self.summary.urgency),
            "question": self.summary.question,
            "summary": self.summary.as_dict(),
            "contact_name": contact.name if contact else "",
            "contact_method": contact.method if contact else "chat",
            "contact_phone": contact.phone if contact else None,
            "contact_email": contact.email if contact else None,
            "contact_moment": contact.moment if contact else None,
            "contact_postcode": contact.postcode if contact else None,
            "channel": self.summary.channel,
            "conversation_id": self.conversation_id,
            "consent_at": self.consent_at.isoformat(),
            "created_at": dt.datetime.now(dt.timezone.utc).isoformat(),
            "respond_by": self.respond_by.isoformat() if self.respond_by else None,
        }


class HandoffNotSaved(RuntimeError):
    """Neither the database nor the spool could take the handoff: nothing was sent."""


@dataclass(frozen=True)
class Submitted:
    reference: str
    #: ``False`` when this consent had already been submitted (a repeated confirmation)
    created: bool
    #: ``True`` when the database was unavailable and the handoff waits in the spool
    pending: bool = False


def _to_model(row: dict) -> Handoff:
    values = dict(row)
    values["consent_at"] = dt.datetime.fromisoformat(values["consent_at"])
    values["respond_by"] = dt.date.fromisoformat(values["respond_by"]) if values.get("respond_by") else None
    # when the resident confirmed, also for a handoff that waited in the spool
    values["created_at"] = (
        dt.datetime.fromisoformat(values["created_at"])
        if values.get("created_at")
        else dt.datetime.now(dt.timezone.utc)
    )
    return Handoff(**values)


def registration_backends(settings: Settings) -> tuple[str, ...]:
    """The other systems a handoff is registered in, by this deployment's settings."""
    return ("open_klant",) if settings.open_klant_url else ()


class HandoffStore:
    def __init__(
        self,
        engine: Engine,
        spool_dir: Path = DEFAULT_SPOOL,
        retries: int = 3,
        backoff: float = 0.2,
        register_with: Iterable[str] = (),
    ):
        self.engine = engine
        self.sessions = session_factory(engine)
        self.spool_dir = spool_dir
        self.retries = retries
        self.backoff = backoff
        #: the outbox rows written with each new handoff (:func:`registration_backends`)
        self.register_with = tuple(register_with)

    def create_schema(self) -> None:
        schema.upgrade(self.engine)

    def _store(self, row: dict) -> bool:
        """Store one handoff row; ``False`` when it was there already."""
        with self.sessions() as session, session.begin():
            existing = session.scalar(select(Handoff.id).where(Handoff.idempotency_key == row["idempotency_key"]))
            if existing is not None:
                return False
            session.add(_to_model(row))
            now = dt.datetime.now(dt.timezone.utc)
            for backend in self.register_with:
                # the outbox row commits with the handoff, or neither does
                session.add(
                    Registration(
                        reference=row["reference"],
                        backend=backend,
                        status=PENDING,
                        attempts=0,
                        next_attempt_at=now,
                        objects={},
                        created_at=now,
                        updated_at=now,
                    )
                )
        return True

    def submit(self, draft: Draft) -> Submitted:
        """Store the handoff (exactly once); with the database down, spool it.

        Raises :class:`HandoffNotSaved` only when neither worked (then nothing was sent,
        and the resident must hear that)."""
        row = draft.row()
        for attempt in range(self.retries):
            try:
                created = self._store(row)
            except IntegrityError:
                # the same confirmation arrived twice at the same moment: the other one won
                continue
            except SQLAlchemyError as exc:
                log.warning("handoff.store_failed attempt=%d error=%s", attempt + 1, type(exc).__name__)
                time.sleep(self.backoff * (attempt + 1))
                continue
            self.drain_quietly()
            return Submitted(row["reference"], created)
        if self._spooled(row["idempotency_key"]):
            return Submitted(row["reference"], created=False, pending=True)
        try:
            self._spool(row)
        except OSError as exc:
            log.error("handoff.not_saved reference=%s error=%s", row["reference"], type(exc).__name__)
            raise HandoffNotSaved(row["reference"]) from None
        return Submitted(row["reference"], created=True, pending=True)

    def drain_quietly(self) -> int:
        """Bring spooled handoffs in (after a successful write, and from the drainer); how
        many. With the database down it logs that and returns 0: a problem here never
        affects the handoff just stored."""
        try:
            return self.drain_spool()
        except SQLAlchemyError as exc:
            log.warning("handoff.drain_failed error=%s", type(exc).__name__)
            return 0

    # -- spool -------------------------------------------------------------------------

    def _spool_path(self, key: str) -> Path:
        return self.spool_dir / f"{key}.json"

    def _spooled(self, key: str) -> bool:
        return self._spool_path(key).exists()

    def _spool(self, row: dict) -> None:
        write_private_json(self._spool_path(row["idempotency_key"]), row)
        log.error("handoff.spooled reference=%s", row["reference"])

    def pending(self) -> list[Path]:
        return sorted(self.spool_dir.glob("*.json")) if self.spool_dir.exists() else []

    def drain_spool(self) -> int:
        """Import spooled handoffs; each file is removed only after its row is committed.

        A file the database refuses for good (unreadable, or a constraint it breaks) is
        moved to ``quarantine/`` and logged by file name, so one bad file cannot block the
        others; with the database down, draining stops and the files wait."""
        imported = 0
        for path in self.pending():
            try:
                row = json.loads(path.read_text(encoding="utf-8"))
                self._store(row)
            except (ValueError, KeyError, TypeError, IntegrityError) as exc:
                os.replace(path, private_folder(self.spool_dir / "quarantine") / path.name)
                log.error("handoff.quarantined file=%s error=%s", path.name, type(exc).__name__)
                continue
            path.unlink()
            imported += 1
        if imported:
            log.warning("handoff.spool_drained count=%d", imported)
        return imported

    #: registered with the erasure registry (core.erasure): the spool's files
    name = "spool_files"

    def erase_reference(self, reference: str) -> int:
        return int(self.discard_spooled(reference))

    def purge_older_than(self, cutoff: dt.datetime) -> int:
        return self.purge_spool(cutoff)

    def quarantined(self) -> list[Path]:
        folder = self.spool_dir / "quarantine"
        return sorted(folder.glob("*.json")) if folder.exists() else []

    def discard_spooled(self, reference: str) -> bool:
        """Remove every spooled copy of a handoff, quarantined ones included (a resident's
        request for deletion). A quarantined file may not be valid JSON any more: it is
        matched on the reference code in its text."""
        found = False
        for path in self.pending() + self.quarantined():
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            if reference in text:
                path.unlink(missing_ok=True)
                found = True
        return found

    def purge_spool(self, cutoff: dt.datetime) -> int:
        """Remove spooled and quarantined files last written before ``cutoff`` (the retention
        period reaches the spool too)."""
        removed = remove_older_than(self.pending() + self.quarantined(), cutoff)
        if removed:
            log.warning("handoff.spool_purged count=%d", removed)
        return removed

    def get(self, reference: str) -> Handoff | None:
        with self.sessions() as session:
            return session.scalar(select(Handoff).where(Handoff.reference == reference))
