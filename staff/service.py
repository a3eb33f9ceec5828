"""What staff can do, scoped to their teams, with every view and change in the audit log."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from dataclasses import dataclass
from typing import Iterable

from sqlalchemy import case, delete, select, update
from sqlalchemy.engine import Engine

from channels.whatsapp_contacts import Contact as WhatsAppContact
from channels.whatsapp_contacts import WhatsAppContacts
from core import schema
from core.db import as_utc, session_factory
from core.erasure import ErasableStore, Registry
from core.settings import DEFAULT_REVIEW_DAYS
from handoff.models import CONTACTED, DONE, FAILED, IN_PROGRESS, NEW, PENDING, STATUSES, Handoff, Registration
from insight import tallies
from insight.review import ReviewQueue
from insight.store import InsightStore
from staff import transcript as transcripts
from staff.models import AuditEntry, Note, StaffSession, StaffTeam, StaffUser
from staff.passwords import hash_password, verify_password

SESSION_HOURS = 8
#: a failed login takes as long as a real check, so timing tells nothing about usernames
_DUMMY_HASH = "scrypt$15$8$1$" + "00" * 16 + "$" + "00" * 32


#: the audit log's actor for a failed login with a name that is no account
UNKNOWN_ACCOUNT = "(onbekende naam)"


log = logging.getLogger(__name__)


class NotFound(LookupError):
    """No such handoff for this user (also when it exists for another team)."""


@dataclass(frozen=True)
class User:
    username: str
    is_admin: bool
    teams: tuple[str, ...]
    csrf_token: str = ""
    is_analyst: bool = False

    @property
    def sees_all_figures(self) -> bool:
        """The whole insight dashboard (a beheerder or an analist); a team member sees their
        teams' handoff figures only."""
        return self.is_admin or self.is_analyst


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class StaffService:
    def __init__(
        self,
        engine: Engine,
        tracker_engine: Engine,
        stores: Iterable[ErasableStore] = (),
        review_days: int = DEFAULT_REVIEW_DAYS,
    ):
        self.engine = engine
        #: how long the review queue keeps a (redacted) question (HULPWIJZER_REVIEW_DAYS)
        self.review_days = review_days
        self.tracker_engine = tracker_engine
        self.sessions = session_factory(engine)
        self.whatsapp = WhatsAppContacts(engine)
        #: every other store that keeps something of a handoff: a resident's deletion and the
        #: retention period reach them all (the WhatsApp numbers, the handoff spool, ...)
        self.erasure = Registry([self.whatsapp, *stores])

    def create_schema(self) -> None:
        schema.upgrade(self.engine)

    # -- accounts and sessions ------------------------------------------------------

    def create_user(
        self, username: str, password: str, teams: list[str], is_admin: bool = False, is_analyst: bool = False
    ) -> None:
        """Create an account, or change its password, teams or admin right: then every session
        of the account ends (a changed password or team must not stay usable elsewhere)."""
        with self.sessions() as session, session.begin():
            session.merge(
                StaffUser(
                    username=username,
                    password_hash=hash_password(password),
                    is_admin=is_admin,
                    is_analyst=is_analyst,
                    created_at=_now(),
                )
            )
            session.execute(delete(StaffTeam).where(StaffTeam.username == username))
            session.add_all(StaffTeam(username=username, team_id=t) for t in dict.fromkeys(teams))
            ended = session.execute(delete(StaffSession).where(StaffSession.username == username)).rowcount
            session.add(
                AuditEntry(at=_now(), actor="cli", action="create_user", detail=f"{username}, {ended} session(s) ended")
            )

    def revoke_sessions(self, username: str | None = None) -> int:
        """End every session of ``username`` (or of everyone): a lost laptop, a leaver."""
        with self.sessions() as session, session.begin():
            query = delete(StaffSession)
            if username is not None:
                query = query.where(StaffSession.username == username)
            ended = session.execute(query).rowcount
            session.add(
                AuditEntry(
                    at=_now(), actor="cli", action="revoke_sessions", detail=f"{username or 'everyone'}: {ended}"
                )
            )
            return ended

    def login(self, username: str, password: str) -> str | None:
        """A new session token, or ``None`` for a wrong username or password."""
        with self.sessions() as session, session.begin():
            user = session.get(StaffUser, username)
            ok = verify_password(password, user.password_hash if user else _DUMMY_HASH) and user is not None
            # what was typed as a name is stored only when it is an account's name: a password
            # typed in the wrong field must not end up in the audit log
            actor = username if user is not None else UNKNOWN_ACCOUNT
            session.add(AuditEntry(at=_now(), actor=actor[:80], action="login" if ok else "login_failed"))
            if not ok:
                return None
            token = secrets.token_urlsafe(32)
            session.add(
                StaffSession(
                    token_hash=hashlib.sha256(token.encode()).hexdigest(),
                    username=username,
                    csrf_token=secrets.token_urlsafe(32),
                    expires_at=_now() + dt.timedelta(hours=SESSION_HOURS),
                )
            )
            return token

    def user_for(self, token: str | None) -> User | None:
        if not token:
            return None
        with self.sessions() as session:
            row = session.get(StaffSession, hashlib.sha256(token.encode()).hexdigest())
            if row is None or as_utc(row.expires_at) < _now():
                return None
            user = session.get(StaffUser, row.username)
            teams = tuple(session.scalars(select(StaffTeam.team_id).where(StaffTeam.username == user.username)))
            return User(user.username, user.is_admin, teams, row.csrf_token, bool(user.is_analyst))

    def logout(self, token: str) -> None:
        with self.sessions() as session, session.begin():
            session.execute(
                delete(StaffSession).where(StaffSession.token_hash == hashlib.sha256(token.encode()).hexdigest())
            )

    # -- handoffs -------------------------------------------------------------------

    def _scoped(self, user: User):
        query = select(Handoff)
        if not user.is_admin:
            query = query.where(Handoff.team_id.in_(user.teams or ("",)))
        return query

    def queue(self, user: User, include_done: bool = False) -> list[Handoff]:
        """Urgent first, then oldest first."""
        query = self._scoped(user)
        if not include_done:
            query = query.where(Handoff.status != STATUSES[-1])
        query = query.order_by(case((Handoff.urgent, 0), else_=1), Handoff.created_at, Handoff.id)
        with self.sessions() as session:
            rows = list(session.scalars(query))
            session.add(AuditEntry(at=_now(), actor=user.username, action="view_queue", detail=f"{len(rows)} handoffs"))
            session.commit()
            return rows

    def handoff(self, user: User, reference: str) -> tuple[Handoff, list[Note], list[transcripts.Line]]:
        with self.sessions() as session:
            row = self._find(session, user, reference)
            if row is not None:
                notes = list(session.scalars(select(Note).where(Note.reference == reference).order_by(Note.id)))
                session.add(AuditEntry(at=_now(), actor=user.username, action="view_handoff", reference=reference))
                session.commit()
        if row is None:
            self._audit(user.username, "view_denied", reference)
            raise NotFound(reference)
        until = as_utc(row.created_at) + dt.timedelta(minutes=2)
        return (
            row,
            notes,
            transcripts.transcript(self.tracker_engine, row.conversation_id, as_utc(row.consent_at), until),
        )

    def whatsapp_contact(self, user: User, reference: str) -> tuple[Handoff, WhatsAppContact | None]:
        """A handoff of the user's team, and the WhatsApp number its resident chose for
        contact (``None`` when they chose another way)."""
        with self.sessions() as session:
            row = self._find(session, user, reference)
        if row is None:
            self._audit(user.username, "whatsapp_denied", reference)
            raise NotFound(reference)
        return row, self.whatsapp.get(reference)

    def record_whatsapp_follow_up(self, user: User, reference: str, outcome: str) -> None:
        self._audit(user.username, "whatsapp_template", reference, outcome)

    def registration(self, reference: str, backend: str = "open_klant") -> Registration | None:
        """The handoff's registration in another system (call after :meth:`handoff`, which
        checks the team)."""
        with self.sessions() as session:
            return session.scalar(
                select(Registration).where(Registration.reference == reference, Registration.backend == backend)
            )

    def retry_registration(self, user: User, reference: str, backend: str = "open_klant") -> bool:
        """A registration that was refused goes back in the outbox, due now; ``False`` when it
        was not refused (already waiting, busy or done: nothing to do)."""

        def apply(session, row) -> int:
            now = _now()
            return session.execute(
                update(Registration)
                .where(
                    Registration.reference == reference,
                    Registration.backend == backend,
                    Registration.status == FAILED,
                )
                .values(status=PENDING, next_attempt_at=now, attempts=0, updated_at=now)
                .execution_options(synchronize_session=False)
            ).rowcount

        return bool(self._change(user, reference, f"{backend}_retry", None, apply))

    def _find(self, session, user: User, reference: str) -> Handoff | None:
        """The handoff with this reference, if it belongs to one of the user's teams."""
        return session.scalar(self._scoped(user).where(Handoff.reference == reference))

    def audit(self, actor: str, action: str, detail: str | None = None) -> None:
        """Record a staff action that concerns no handoff (the review queue's export, ...)."""
        self._audit(actor, action, None, detail)

    def _audit(self, actor: str, action: str, reference: str | None = None, detail: str | None = None) -> None:
        with self.sessions() as session, session.begin():
            session.add(
                AuditEntry(
                    at=_now(), actor=actor[:80], action=action, reference=reference and reference[:16], detail=detail
                )
            )

    def _change(self, user: User, reference: str, action: str, detail: str | None, apply):
        """``apply(session, row)`` to the user's handoff, audited, in one transaction; what
        ``apply`` returns. Not the user's (or no such handoff): the denial is audited and
        NotFound raised."""
        with self.sessions() as session, session.begin():
            row = self._find(session, user, reference)
            if row is not None:
                result = apply(session, row)
                session.add(
                    AuditEntry(at=_now(), actor=user.username, action=action, reference=reference, detail=detail)
                )
        if row is None:
            # committed on its own: a denied attempt must stay in the audit log
            self._audit(user.username, f"{action}_denied", reference)
            raise NotFound(reference)
        return result

    def claim(self, user: User, reference: str) -> None:
        def apply(session, row):
            row.claimed_by = user.username
            if row.status == STATUSES[0]:
                row.status = STATUSES[1]

        self._change(user, reference, "claim", None, apply)

    def set_status(self, user: User, reference: str, status: str) -> None:
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}")

        def apply(session, row) -> tuple[str, str, list[tallies.Tally]] | None:
            first_contact = None
            if status in (CONTACTED, DONE) and row.status in (NEW, IN_PROGRESS):
                first_contact = (
                    row.gemeente_id,
                    row.channel,
                    tallies.first_contact(row.team_id, as_utc(row.consent_at), row.respond_by, _now()),
                )
            row.status = status
            return first_contact

        first_contact = self._change(user, reference, "status", status, apply)
        if first_contact:
            # the dashboard's time to first contact: counts only; a failure here is not the user's
            gemeente_id, channel, counted = first_contact
            try:
                InsightStore(self.engine).add(tallies.local_today(), gemeente_id, channel, counted)
            except Exception as error:  # noqa: BLE001 - logged; the status change stands
                log.warning("insight.not_counted error=%s", type(error).__name__)

    def add_note(self, user: User, reference: str, text: str) -> None:
        text = text.strip()[:2000]
        if not text:
            raise ValueError("empty note")

        def apply(session, row):
            session.add(Note(reference=reference, author=user.username, text=text, created_at=_now()))

        self._change(user, reference, "note", None, apply)

    # -- retention --------------------------------------------------------------------

    def _delete_handoff(self, session, row: Handoff) -> None:
        """The handoff, its notes, and its conversation unless another handoff needs it.
        A failure to delete the conversation fails the whole deletion (nothing half done)."""
        others = session.scalar(
            select(Handoff.id).where(Handoff.conversation_id == row.conversation_id, Handoff.id != row.id)
        )
        if others is None:
            transcripts.delete_conversation(self.tracker_engine, row.conversation_id)
        session.execute(delete(Note).where(Note.reference == row.reference))
        session.delete(row)

    def delete_reference(self, reference: str, actor: str = "cli") -> bool:
        """A resident's request for deletion: the handoff, its notes and the conversation,
        and what every registered store keeps of it (the WhatsApp number, a copy in the
        spool, a follow-up waiting in the outbox, the objects made in Open Klant)."""
        return self.erase(reference, actor)[0]

    def erase(self, reference: str, actor: str = "cli") -> tuple[bool, dict[str, list[str]]]:
        """:meth:`delete_reference`, and what was left in other systems on purpose (by
        configuration, e.g. ``OPEN_KLANT_ERASURE=leave``), which the audit log records."""
        with self.sessions() as session, session.begin():
            row = session.scalar(select(Handoff).where(Handoff.reference == reference))
            if row is not None:
                self._delete_handoff(session, row)
        elsewhere = self.erasure.erase(reference)
        left = self.erasure.left_behind(reference)
        found = row is not None or any(elsewhere.values()) or bool(left)
        if found:
            self._audit(actor, "delete", reference)
        for store, items in left.items():
            for item in items:
                self._audit(actor, "delete_left", reference, f"{store}: {item}"[:200])
        return found, left

    def purge(self, older_than_days: int, actor: str = "cli") -> dict[str, int]:
        """Delete handoffs, notes and conversations older than the retention period, and
        what every registered store keeps from before it."""
        cutoff = _now() - dt.timedelta(days=older_than_days)
        with self.sessions() as session, session.begin():
            old = list(session.scalars(select(Handoff).where(Handoff.created_at < cutoff)))
            for row in old:
                self._delete_handoff(session, row)
            session.execute(delete(StaffSession).where(StaffSession.expires_at < _now()))
            session.add(
                AuditEntry(
                    at=_now(), actor=actor, action="purge", detail=f"{len(old)} handoffs, {older_than_days} days"
                )
            )
        events = transcripts.delete_older_than(self.tracker_engine, cutoff)
        # the review queue has its own, shorter period (not tied to a handoff: no reference)
        reviewed = ReviewQueue(self.engine).purge_older_than(_now() - dt.timedelta(days=self.review_days))
        return {
            "handoffs": len(old),
            "conversation_events": events,
            **self.erasure.purge(cutoff),
            ReviewQueue.name: reviewed,
        }

    def export(self) -> list[dict]:
        with self.sessions() as session:
            rows = list(session.scalars(select(Handoff).order_by(Handoff.id)))
            session.add(AuditEntry(at=_now(), actor="cli", action="export", detail=f"{len(rows)} handoffs"))
            session.commit()
            return [
                {
                    "reference": r.reference,
                    "gemeente": r.gemeente_id,
                    "team": r.team_id,
                    "topics": r.topics,
                    "urgent": r.urgent,
                    "urgency": r.urgency,
                    "status": r.status,
                    "claimed_by": r.claimed_by,
                    "created_at": as_utc(r.created_at).isoformat(),
                    "respond_by": r.respond_by.isoformat() if r.respond_by else None,
                    "summary": r.summary,
                }
                for r in rows
            ]
