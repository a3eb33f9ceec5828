"""Creating handoffs: exactly once, and never lost (SQLite and PostgreSQL)."""

import datetime as dt
import json
import threading

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.exc import OperationalError

from core.db import make_engine
from handoff.models import Handoff
from handoff.service import Draft, HandoffStore, add_working_days, reference_for
from handoff.summary import Contact, Summary

CONSENT = dt.datetime(2026, 11, 23, 10, 30, tzinfo=dt.timezone.utc)


def draft(conversation="conv-1", consent=CONSENT, name="Fatma"):
    summary = Summary(
        gemeente="Almelo",
        team="Stadsbank",
        topics=["schulden"],
        question="de deurwaarder staat aan de deur",
        urgency=["beslag of deurwaarder"],
        contact=Contact(name, "telefoon", phone="+31612345678"),
    )
    return Draft("almelo", "almelo-kcc", "Klantcontactcentrum", summary, conversation, consent, dt.date(2026, 11, 26))


def count(store):
    with store.sessions() as session:
        return session.scalar(select(func.count()).select_from(Handoff))


def test_a_confirmed_handoff_is_stored_with_its_reference(store):
    submitted = store.submit(draft())
    assert submitted.created and not submitted.pending
    assert submitted.reference.startswith("HW-") and len(submitted.reference) == 12
    row = store.get(submitted.reference)
    assert (row.team_id, row.urgent, row.contact_phone, row.status) == ("almelo-kcc", True, "+31612345678", "nieuw")
    assert row.summary["question"] == "de deurwaarder staat aan de deur"


def test_confirming_twice_creates_one_handoff_with_the_same_reference(store):
    first, second = store.submit(draft()), store.submit(draft())
    assert first.reference == second.reference
    assert (first.created, second.created) == (True, False)
    assert count(store) == 1


def test_a_new_consent_in_the_same_conversation_is_a_new_handoff(store):
    store.submit(draft())
    store.submit(draft(consent=CONSENT + dt.timedelta(minutes=5)))
    assert count(store) == 2


def test_simultaneous_confirmations_create_one_handoff(store):
    results = []
    threads = [threading.Thread(target=lambda: results.append(store.submit(draft()))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert count(store) == 1
    assert len({r.reference for r in results}) == 1 and sum(r.created for r in results) == 1


def failing(store, times):
    """Make the next ``times`` inserts fail as if the database were down."""
    state = {"left": times}

    def before(conn, cursor, statement, *args):
        if state["left"] and statement.lstrip().upper().startswith("INSERT"):
            state["left"] -= 1
            raise OperationalError(statement, {}, Exception("database is down"))

    event.listen(store.engine, "before_cursor_execute", before)
    return state


def test_a_short_database_failure_is_retried_without_loss(store):
    failing(store, 2)
    submitted = store.submit(draft())
    assert submitted.created and not submitted.pending
    assert count(store) == 1


def test_a_long_database_failure_spools_the_handoff_and_a_later_write_recovers_it(store):
    failing(store, 3)
    submitted = store.submit(draft())
    assert submitted.pending
    spooled = store.pending()
    assert len(spooled) == 1 and oct(spooled[0].stat().st_mode)[-3:] == "600"
    assert json.loads(spooled[0].read_text())["reference"] == submitted.reference
    # confirming again while it waits gives the same reference, not a second spool file
    failing(store, 3)
    assert store.submit(draft()).reference == submitted.reference and len(store.pending()) == 1
    # the database is back: the next handoff brings the spooled one in first
    other = store.submit(draft(conversation="conv-2", name="Jan"))
    assert other.created and not other.pending
    assert store.pending() == [] and count(store) == 2
    assert store.get(submitted.reference).contact_name == "Fatma"


def test_references_are_stable_and_readable():
    assert reference_for("0" * 64) == "HW-0000-0000"
    assert set(reference_for("f" * 64)[3:].replace("-", "")) <= set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")


def test_working_days_skip_the_weekend():
    friday = dt.date(2026, 11, 27)
    assert add_working_days(friday, 1) == dt.date(2026, 11, 30)
    assert add_working_days(friday, 3) == dt.date(2026, 12, 2)


def test_handoffs_are_stored_exactly_once_on_postgresql(postgres_url, tmp_path):
    store = HandoffStore(make_engine(postgres_url), spool_dir=tmp_path / "spool", backoff=0)
    store.create_schema()
    assert store.engine.dialect.name == "postgresql"
    first, second = store.submit(draft()), store.submit(draft())
    assert first.reference == second.reference and count(store) == 1
    assert store.get(first.reference).consent_at == CONSENT
    store.engine.dispose()


def test_a_damaged_spool_file_is_put_aside_and_does_not_block_new_handoffs(store):
    store.spool_dir.mkdir(parents=True)
    (store.spool_dir / "kapot.json").write_text("{niet af", encoding="utf-8")
    submitted = store.submit(draft())
    assert submitted.created and not submitted.pending
    assert store.pending() == [] and (store.spool_dir / "quarantine" / "kapot.json").exists()


def test_when_neither_database_nor_spool_can_take_it_the_caller_is_told(store, tmp_path):
    from handoff.service import HandoffNotSaved

    failing(store, 3)
    (tmp_path / "blocked").write_text("a file where the spool folder should be")
    store.spool_dir = tmp_path / "blocked"
    with pytest.raises(HandoffNotSaved):
        store.submit(draft())


def test_a_spooled_handoff_keeps_the_time_the_resident_confirmed(store):
    failing(store, 3)
    submitted = store.submit(draft())
    confirmed = json.loads(store.pending()[0].read_text())["created_at"]
    store.drain_spool()
    stored = store.get(submitted.reference).created_at
    assert stored.replace(tzinfo=dt.timezone.utc).isoformat() == confirmed


def test_deleting_by_reference_also_removes_a_quarantined_copy(store):
    """Issue 12, finding 4: a quarantined file (name, phone, question) stayed on disk while
    deletion said "no handoff with that reference"."""
    folder = store.spool_dir / "quarantine"
    folder.mkdir(parents=True)
    (folder / "a.json").write_text('{"reference": "HW-AAAA-BBBB", "contact_name": "Fatma", "kapot', encoding="utf-8")
    (folder / "b.json").write_text('{"reference": "HW-CCCC-DDDD"}', encoding="utf-8")
    assert store.discard_spooled("HW-AAAA-BBBB")
    assert [p.name for p in store.quarantined()] == ["b.json"]
    assert not store.discard_spooled("HW-AAAA-BBBB")


def test_the_retention_period_reaches_spooled_and_quarantined_files(store):
    import os

    folder = store.spool_dir / "quarantine"
    folder.mkdir(parents=True)
    old, new, waiting = folder / "old.json", folder / "new.json", store.spool_dir / "waiting.json"
    for path in (old, new, waiting):
        path.write_text("{}", encoding="utf-8")
    year_ago = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=400)).timestamp()
    os.utime(old, (year_ago, year_ago))
    os.utime(waiting, (year_ago, year_ago))
    assert store.purge_spool(dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=365)) == 2
    assert [p.name for p in store.quarantined()] == ["new.json"] and store.pending() == []
