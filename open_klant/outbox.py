"""The outbox rows (``handoff.models.Registration``) as the worker and the erasure use them:
claiming by compare-and-set, so that two processes never work on one row at once (an
``UPDATE … WHERE`` that re-checks the row's state: atomic on SQLite and on PostgreSQL,
where the second updater waits for the first and then finds the row no longer due).

Every write after a claim is again conditional on the claim: a worker whose lease ran out
and whose row was taken over stops (:class:`LostClaim`) instead of writing over the other."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field

from sqlalchemy import and_, delete, exists, or_, select, update
from sqlalchemy.engine import Engine

from core.db import session_factory
from handoff.models import FAILED, PENDING, REGISTERED, WORKING, Handoff, Registration

BACKEND = "open_klant"
#: how long a claim holds without a write; a worker that died is taken over after this
LEASE = dt.timedelta(minutes=5)


class LostClaim(RuntimeError):
    """Another process took the row over (this worker's lease ran out)."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@dataclass
class Claimed:
    id: int
    token: str
    reference: str
    status_before: str
    attempts: int
    in_flight: str | None
    objects: dict = field(default_factory=dict)


class Outbox:
    def __init__(self, engine: Engine, backend: str = BACKEND, lease: dt.timedelta = LEASE):
        self.engine = engine
        self.sessions = session_factory(engine)
        self.backend = backend
        self.lease = lease

    def _mine(self):
        return Registration.backend == self.backend

    # -- claiming ---------------------------------------------------------------------

    def _due(self, now: dt.datetime):
        return or_(
            and_(Registration.status == PENDING, Registration.next_attempt_at <= now),
            and_(Registration.status == WORKING, Registration.lease_until < now),
        )

    def _free(self, now: dt.datetime):
        """Not held by a live worker: anything but ``working`` with a lease still running."""
        return or_(Registration.status != WORKING, Registration.lease_until < now)

    def due(self, limit: int = 20) -> list[int]:
        now = _now()
        with self.sessions() as session:
            query = select(Registration.id).where(self._mine(), self._due(now))
            return list(session.scalars(query.order_by(Registration.next_attempt_at, Registration.id).limit(limit)))

    def _claim(self, where) -> Claimed | None:
        now, token = _now(), secrets.token_hex(16)
        with self.sessions() as session, session.begin():
            row = session.scalar(select(Registration).where(self._mine(), where))
            if row is None:
                return None
            before = row.status
            taken = session.execute(
                update(Registration)
                .where(Registration.id == row.id, self._mine(), where)
                .values(status=WORKING, claim=token, lease_until=now + self.lease, updated_at=now)
                .execution_options(synchronize_session=False)
            ).rowcount
            if taken != 1:
                return None
            return Claimed(row.id, token, row.reference, before, row.attempts, row.in_flight, dict(row.objects or {}))

    def claim(self, row_id: int) -> Claimed | None:
        """The row, if it is still due and no other process claimed it first."""
        return self._claim(and_(Registration.id == row_id, self._due(_now())))

    def claim_reference(self, reference: str) -> Claimed | None:
        """The row of ``reference`` for erasure, whatever its state, unless a live worker holds
        it; raises :class:`LostClaim` then (try again in a minute)."""
        with self.sessions() as session:
            if session.scalar(select(Registration.id).where(self._mine(), Registration.reference == reference)) is None:
                return None
        claimed = self._claim(and_(Registration.reference == reference, self._free(_now())))
        if claimed is None:
            raise LostClaim(reference)
        return claimed

    # -- writes under a claim -----------------------------------------------------------

    def _write(self, claimed: Claimed, **values) -> None:
        now = _now()
        values.setdefault("updated_at", now)
        with self.sessions() as session, session.begin():
            done = session.execute(
                update(Registration)
                .where(
                    Registration.id == claimed.id, Registration.claim == claimed.token, Registration.status == WORKING
                )
                .values(**values)
                .execution_options(synchronize_session=False)
            ).rowcount
        if done != 1:
            raise LostClaim(claimed.reference)

    def save(self, claimed: Claimed) -> None:
        """The objects made so far and the step in flight, before the next call; renews the lease."""
        self._write(
            claimed, objects=dict(claimed.objects), in_flight=claimed.in_flight, lease_until=_now() + self.lease
        )

    def registered(self, claimed: Claimed) -> None:
        now = _now()
        self._write(
            claimed,
            status=REGISTERED,
            claim=None,
            lease_until=None,
            in_flight=None,
            objects=dict(claimed.objects),
            error=None,
            attempts=0,
            registered_at=now,
        )

    def postpone(self, claimed: Claimed, delay: float, error: dict) -> None:
        self._write(
            claimed,
            status=PENDING,
            claim=None,
            lease_until=None,
            attempts=claimed.attempts + 1,
            next_attempt_at=_now() + dt.timedelta(seconds=delay),
            objects=dict(claimed.objects),
            in_flight=claimed.in_flight,
            error=error,
        )

    def fail(self, claimed: Claimed, error: dict) -> None:
        self._write(
            claimed,
            status=FAILED,
            claim=None,
            lease_until=None,
            objects=dict(claimed.objects),
            in_flight=claimed.in_flight,
            error=error,
        )

    def remove(self, claimed: Claimed) -> None:
        with self.sessions() as session, session.begin():
            done = session.execute(
                delete(Registration).where(Registration.id == claimed.id, Registration.claim == claimed.token)
            ).rowcount
        if done != 1:
            raise LostClaim(claimed.reference)

    # -- reading, and staff's retry --------------------------------------------------------

    def get(self, reference: str) -> Registration | None:
        with self.sessions() as session:
            return session.scalar(select(Registration).where(self._mine(), Registration.reference == reference))

    def to_erase(self, cutoff: dt.datetime) -> list[str]:
        """References whose registration is older than ``cutoff``, or whose handoff is gone (an
        erasure that failed half-way is finished by the next purge)."""
        orphan = ~exists(select(Handoff.id).where(Handoff.reference == Registration.reference))
        with self.sessions() as session:
            query = select(Registration.reference).where(self._mine(), or_(Registration.created_at < cutoff, orphan))
            return list(session.scalars(query.order_by(Registration.id)))
