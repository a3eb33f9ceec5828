"""The tracker store's database errors name the statement, never what the resident wrote."""

import pytest
from rasa.core.tracker_store import SQLTrackerStore, create_tracker_store
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from bot.endpoints import tracker_store
from bot.tracker_store import PrivateSQLTrackerStore

SECRET = "mijn bsn is 123456782"


def refusing_writes(store) -> None:
    """The database refuses every new event, as a full disk or a restart would."""
    with store.engine.begin() as connection:
        connection.execute(
            text("CREATE TRIGGER refuse BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'disk full'); END")
        )


async def failed_save(store) -> str:
    tracker = DialogueStateTracker("resident-1", [])
    tracker.update(UserUttered(SECRET))
    with pytest.raises(SQLAlchemyError) as failure:
        await store.save(tracker)
    return str(failure.value)


async def test_a_failed_write_does_not_repeat_the_message_in_the_error(tmp_path):
    store = PrivateSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "tracker.db"))
    refusing_writes(store)
    error = await failed_save(store)
    assert "INSERT INTO events" in error and "disk full" in error
    assert "123456782" not in error and "bsn" not in error


async def test_rasas_own_store_would_have_put_the_message_in_the_error(tmp_path):
    """Why the store exists: without it the same failure carries the resident's words."""
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "tracker.db"))
    refusing_writes(store)
    assert "123456782" in await failed_save(store)


def test_rasa_builds_this_store_from_the_endpoints_the_project_writes(tmp_path):
    config = tracker_store(None)
    config["db"] = str(tmp_path / "tracker.db")
    store = create_tracker_store(EndpointConfig(**config), Domain.empty())
    assert type(store) is PrivateSQLTrackerStore and store.engine.hide_parameters


async def test_a_slow_database_does_not_hold_up_the_workers_event_loop(tmp_path):
    """Rasa's own store would block the loop for the whole query."""
    import time

    from sqlalchemy import event

    from tests.conftest import largest_loop_gap

    store = PrivateSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "tracker.db"))

    @event.listens_for(store.engine, "before_cursor_execute")
    def slow(*args):
        time.sleep(0.05)  # every statement: a busy database server far away

    tracker = DialogueStateTracker("resident-1", [])
    tracker.update(UserUttered("hallo"))
    _, gap = await largest_loop_gap(store.save(tracker))
    assert gap < 0.1, f"the loop waited {gap:.2f} s"
    found, gap = await largest_loop_gap(store.retrieve_full_tracker("resident-1"))
    assert [e.text for e in found.events if isinstance(e, UserUttered)] == ["hallo"] and gap < 0.1
    assert list(await store.keys()) == ["resident-1"]
