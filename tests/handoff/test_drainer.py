"""The spool drainer: a handoff spooled while the database was down reaches it when the
database is back, without waiting for another handoff."""

import time

from core.db import make_engine
from handoff.drainer import SpoolDrainer
from handoff.service import HandoffStore
from tests.handoff.test_service import count, draft, failing


def test_a_spooled_handoff_is_imported_by_the_drainer_once_the_database_answers(store):
    failing(store, 3)
    submitted = store.submit(draft())
    assert submitted.pending and count(store) == 0
    drainer = SpoolDrainer(store, interval=0.05).start()
    try:
        deadline = time.monotonic() + 5
        while store.pending() and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        drainer.stop()
    assert store.pending() == [] and count(store) == 1
    assert store.get(submitted.reference).contact_name == "Fatma"


def test_while_the_database_is_still_down_the_files_wait_for_the_next_round(store):
    failing(store, 3)
    store.submit(draft())
    drainer = SpoolDrainer(store)
    failing(store, 1)
    assert drainer.drain_once() == 0 and len(store.pending()) == 1
    assert drainer.drain_once() == 1 and store.pending() == [] and count(store) == 1


def test_with_nothing_spooled_a_round_does_not_touch_the_database(tmp_path):
    store = HandoffStore(make_engine(f"sqlite:///{tmp_path / 'missing' / 'h.db'}"), spool_dir=tmp_path / "spool")
    assert SpoolDrainer(store).drain_once() == 0  # the database file's folder does not even exist
