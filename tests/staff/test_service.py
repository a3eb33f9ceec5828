"""Retention, deletion on request, export and the command line."""

import datetime as dt
import json
import subprocess
import sys

from sqlalchemy import func, select, update

from core.db import make_engine
from handoff.models import Handoff
from staff import transcript
from staff.models import StaffUser
from tests.conftest import ROOT
from tests.staff.conftest import PASSWORD


def test_a_residents_request_deletes_the_handoff_and_the_conversation(world):
    service, refs = world
    assert service.delete_reference(refs["urgent"])
    with service.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Handoff).where(Handoff.reference == refs["urgent"])) == 0
    assert transcript.transcript(service.tracker_engine, "c-urgent") == []
    assert transcript.transcript(service.tracker_engine, "c-old")  # other conversations stay
    assert not service.delete_reference(refs["urgent"])


def test_purge_deletes_what_is_older_than_the_retention_period(world):
    service, refs = world
    with service.sessions() as session, session.begin():
        session.execute(
            update(Handoff)
            .where(Handoff.reference == refs["old"])
            .values(created_at=dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=400))
        )
    result = service.purge(365)
    assert result["handoffs"] == 1
    assert service.export() and refs["old"] not in [r["reference"] for r in service.export()]
    # conversation events older than the period go too (the fixture's are from 2026-11-18)
    assert service.purge(1)["conversation_events"] >= 2


def test_export_gives_every_handoff_with_its_summary(world):
    service, refs = world
    exported = {row["reference"]: row for row in service.export()}
    assert set(exported) == set(refs.values())
    assert exported[refs["urgent"]]["urgent"] is True
    assert exported[refs["urgent"]]["summary"]["contact"]["name"] == "Fatma"


def test_the_command_line_creates_users_and_lists_open_handoffs(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'app.db'}",
        "TRACKER_DATABASE_URL": f"sqlite:///{tmp_path / 'tracker.db'}",
    }

    def staff(*args, stdin=""):
        return subprocess.run(
            [sys.executable, "-m", "staff", *args],
            input=stdin,
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            timeout=120,
        )

    made = staff("create-user", "schuld", "--team", "almelo-kcc", stdin="een lang wachtwoord\n")
    assert made.returncode == 0, made.stderr
    assert "user schuld: teams almelo-kcc" in made.stdout
    assert staff("create-user", "kort", "--team", "x", stdin="kort\n").returncode == 2
    assert staff("list").stdout == ""
    assert staff("delete", "HW-0000-0000").returncode == 1
    # the CLI stored a real scrypt hash, not the password
    with make_engine(env["DATABASE_URL"]).connect() as connection:
        stored = connection.execute(select(StaffUser.password_hash)).scalar_one()
    assert stored.startswith("scrypt$15$8$1$") and "een lang wachtwoord" not in stored
    assert json.loads(staff("purge", "--days", "30").stdout) == {
        "handoffs": 0,
        "conversation_events": 0,
        "whatsapp_contacts": 0,
        "spool_files": 0,
        "whatsapp_outbox": 0,
        "review_items": 0,
    }


def test_deleting_one_handoff_keeps_a_conversation_another_handoff_still_needs(world, tmp_path):
    from handoff.service import HandoffStore
    from tests.staff.conftest import make_draft

    service, refs = world
    store = HandoffStore(service.engine, spool_dir=tmp_path / "spool2", backoff=0)
    second = store.submit(
        make_draft("c-urgent", "almelo-kcc", "KCC", ["werk"], "ik zoek ook werk", minutes=60)
    ).reference
    assert service.delete_reference(refs["urgent"])
    assert transcript.transcript(service.tracker_engine, "c-urgent")  # still there for the second handoff
    assert service.delete_reference(second)
    assert transcript.transcript(service.tracker_engine, "c-urgent") == []


def test_staff_see_only_the_consenting_session_without_a_cancelled_attempt(tmp_path):
    from sqlalchemy import insert

    engine = make_engine(f"sqlite:///{tmp_path / 't.db'}")
    transcript._metadata.create_all(engine)
    t0 = 1_795_000_000.0

    def ev(kind, ts, **data):
        return {"sender_id": "c", "type_name": kind, "timestamp": t0 + ts, "data": json.dumps(data)}

    with engine.begin() as connection:
        connection.execute(
            insert(transcript.events),
            [
                ev("session_started", 0),
                ev("user", 1, text="een oud gesprek"),
                ev("session_started", 100),
                ev("user", 101, text="ik heb schulden"),
                ev("action", 102, name="action_record_consent"),
                ev("user", 103, text="06 11111111"),
                ev("action", 104, name="action_cancel_handoff"),
                ev("user", 105, text="de deurwaarder komt morgen"),
                ev("action", 110, name="action_record_consent"),
                ev("user", 111, text="Fatma"),
                ev("user", 500, text="een latere vraag"),
            ],
        )
    consent = dt.datetime.fromtimestamp(t0 + 110, dt.timezone.utc)
    until = dt.datetime.fromtimestamp(t0 + 200, dt.timezone.utc)
    texts = [line.text for line in transcript.transcript(engine, "c", consent, until)]
    assert texts == ["ik heb schulden", "de deurwaarder komt morgen", "Fatma"]


# -- sessions and the audit log (issue 12, findings 6 and 8) --------------------------------


def test_a_password_or_team_change_ends_the_accounts_sessions(world):
    service, _ = world
    token = service.login("schuld", PASSWORD)
    other = service.login("wijk", PASSWORD)
    assert service.user_for(token) is not None
    service.create_user("schuld", "een nieuw wachtwoord!", ["almelo-kcc"])
    assert service.user_for(token) is None
    assert service.user_for(other) is not None  # a colleague stays logged in


def test_sessions_can_be_revoked_for_one_account_or_everyone(world):
    service, _ = world
    tokens = [service.login("schuld", PASSWORD), service.login("schuld", PASSWORD), service.login("wijk", PASSWORD)]
    assert service.revoke_sessions("schuld") == 2
    assert [service.user_for(t) is None for t in tokens] == [True, True, False]
    assert service.revoke_sessions() == 1 and service.user_for(tokens[2]) is None


def test_a_failed_login_never_stores_what_was_typed_as_the_name_unless_it_is_an_account(world):
    from staff.models import AuditEntry
    from staff.service import UNKNOWN_ACCOUNT

    service, _ = world
    service.login("Geheim!Wachtwoord123", "x")
    service.login("schuld", "fout")
    with service.sessions() as session:
        actors = [row.actor for row in session.scalars(select(AuditEntry).where(AuditEntry.action == "login_failed"))]
    assert actors == [UNKNOWN_ACCOUNT, "schuld"]
    with service.sessions() as session:
        assert not [e for e in session.scalars(select(AuditEntry)) if "Geheim" in (e.actor or "") + (e.detail or "")]


def test_staff_delete_and_purge_reach_the_spool_quarantine(world, tmp_path):
    from handoff.service import HandoffStore

    service, _ = world
    spool = HandoffStore(service.engine, spool_dir=tmp_path / "spool3", backoff=0)
    service.erasure.register(spool)
    folder = spool.spool_dir / "quarantine"
    folder.mkdir(parents=True)
    (folder / "x.json").write_text('{"reference": "HW-QQQQ-RRRR", "contact_phone": "+31612345678"', encoding="utf-8")
    assert service.delete_reference("HW-QQQQ-RRRR")  # before: "no handoff with that reference"
    assert spool.quarantined() == []
    (folder / "y.json").write_text("{}", encoding="utf-8")
    assert service.purge(0)["spool_files"] == 1


async def test_on_postgresql_the_purge_removes_old_events_from_rasas_table_and_keeps_recent_ones(postgres_url):
    """The production shape: Rasa's SQL tracker store writes to the project's PostgreSQL
    database (migrated, with the events index), and the retention purge reaches it."""
    from rasa.shared.core.events import ActionExecuted, SessionStarted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from core import schema
    from staff.service import StaffService
    from tests.migrations.test_migrations import rasa_tracker_store

    engine = make_engine(postgres_url)
    schema.upgrade(engine)
    store = rasa_tracker_store(postgres_url)
    now = dt.datetime.now(dt.timezone.utc).timestamp()
    for sender, age_days in (("old-conversation", 400), ("recent-conversation", 2)):
        at = now - age_days * 86400
        events = [
            SessionStarted(timestamp=at),
            ActionExecuted("action_listen", timestamp=at),
            UserUttered("hoi", timestamp=at + 1),
        ]
        await store.save(DialogueStateTracker.from_events(sender, events))
    service = StaffService(engine, engine)
    assert service.purge(365)["conversation_events"] == 3
    with engine.connect() as connection:
        left = dict(connection.execute(select(transcript.events.c.sender_id, func.count()).group_by("sender_id")).all())
    assert left == {"recent-conversation": 3}
    store.engine.dispose()
    engine.dispose()


def test_the_first_contact_with_a_resident_is_counted_for_the_dashboard_once(world):
    from insight.store import InsightStore

    service, refs = world
    user = service.user_for(service.login("schuld", PASSWORD))
    service.set_status(user, refs["urgent"], "contact gelegd")
    service.set_status(user, refs["urgent"], "afgerond")  # the same contact: not counted again
    cells = [c for c in InsightStore(service.engine).cells("almelo", dt.date(2000, 1, 1), dt.date(2100, 1, 1))]
    assert [(c.metric, c.key) for c in cells if c.metric.startswith("first_contact")][:1] == [
        ("first_contact_hours", "almelo-kcc")
    ]
    assert sum(c.count for c in cells if c.metric == "first_contact_hours") == 1
