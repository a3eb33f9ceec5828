"""Claiming outbox rows: two processes never register the same row (SQLite and PostgreSQL)."""

import datetime as dt
import threading

import pytest
from sqlalchemy import update

from core.db import make_engine
from handoff.models import Registration
from handoff.service import HandoffStore
from open_klant.outbox import LostClaim, Outbox
from tests.open_klant.conftest import make_draft


def claim_race(engine, row_id, workers=8):
    """``workers`` processes (each its own Outbox and connection) claim one row at once."""
    barrier, won = threading.Barrier(workers), []

    def claim():
        outbox = Outbox(engine)
        barrier.wait()
        won.append(outbox.claim(row_id))

    threads = [threading.Thread(target=claim) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [claimed for claimed in won if claimed is not None]


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'claim.db'}")
    else:
        engine = make_engine(request.getfixturevalue("postgres_url"))
    store = HandoffStore(engine, spool_dir=tmp_path / "spool", backoff=0, register_with=("open_klant",))
    store.create_schema()
    reference = store.submit(make_draft()).reference
    yield engine, reference
    engine.dispose()


def test_only_one_of_several_processes_claims_a_row(database):
    engine, reference = database
    outbox = Outbox(engine)
    (row_id,) = outbox.due()
    for _ in range(3):
        winners = claim_race(engine, row_id)
        assert len(winners) == 1
        # the claim expires (a worker died): again exactly one takes it over
        with engine.begin() as connection:
            connection.execute(
                update(Registration).values(lease_until=dt.datetime.now(dt.timezone.utc) - dt.timedelta(seconds=1))
            )


def test_a_worker_whose_row_was_taken_over_cannot_write_it(database):
    engine, reference = database
    outbox = Outbox(engine, lease=dt.timedelta(0))
    (row_id,) = outbox.due()
    first = outbox.claim(row_id)
    second = outbox.claim(row_id)  # the first one's lease ran out
    assert first and second and first.token != second.token
    with pytest.raises(LostClaim):
        outbox.save(first)
    outbox.save(second)


def test_an_erasure_waits_for_a_live_worker(database):
    engine, reference = database
    outbox = Outbox(engine)
    (row_id,) = outbox.due()
    assert outbox.claim(row_id) is not None
    with pytest.raises(LostClaim):
        Outbox(engine).claim_reference(reference)
