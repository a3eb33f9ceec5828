"""The project's schema under Alembic (``migrations/``, ``core.schema``)."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from core import schema
from core.db import make_engine


def differences(engine) -> list:
    """What the models have that the migrated database has not (or the other way round)."""
    from migrations import tables

    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": tables.include_object}
        )
        return compare_metadata(context, tables.TARGET)


def test_a_new_database_is_created_at_the_newest_revision_and_matches_the_models(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'new.db'}")
    schema.upgrade(engine)
    assert schema.revision(engine) == schema.head()
    assert {"kb_routes", "ho_handoffs", "staff_users", "wa_handoff_contacts", "wa_seen_messages"} <= set(
        inspect(engine).get_table_names()
    )
    assert differences(engine) == []


def test_the_models_and_the_migrations_agree_on_postgresql(postgres_url):
    """A model changed without a migration fails here: `python -m migrations revision -m ...`."""
    engine = make_engine(postgres_url)
    schema.upgrade(engine)
    assert schema.revision(engine) == schema.head()
    assert differences(engine) == []
    engine.dispose()


def test_upgrading_twice_changes_nothing(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'twice.db'}")
    schema.upgrade(engine)
    schema._current.clear()  # as a new process would
    schema.upgrade(engine)
    assert schema.revision(engine) == schema.head()


def test_rasas_events_table_is_left_alone(tmp_path):
    from staff import transcript

    engine = make_engine(f"sqlite:///{tmp_path / 'rasa.db'}")
    transcript._metadata.create_all(engine)  # Rasa's tracker store, in the same database
    schema.upgrade(engine)
    assert "events" in inspect(engine).get_table_names() and differences(engine) == []


def test_a_database_made_by_create_all_with_the_newest_tables_is_taken_over_as_it_is(tmp_path):
    """Made by create_all while kb_routes.front_doors was new, before the migrations existed."""
    from migrations import tables

    engine = make_engine(f"sqlite:///{tmp_path / 'made.db'}")
    for metadata in tables.TARGET:
        metadata.create_all(engine)
    schema.upgrade(engine)
    assert schema.revision(engine) == schema.head() and differences(engine) == []


RASA_SESSION_QUERY_INDEX = "ix_events_sender_id_type_name_timestamp"


def rasa_events_table():
    from rasa.core.tracker_store import SQLTrackerStore

    return SQLTrackerStore.SQLEvent.__table__


def rasa_tracker_store(postgres_url):
    """Rasa's own SQL tracker store on the test's schema, as `rasa run` makes it."""
    from urllib.parse import parse_qsl, urlsplit

    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain

    url = urlsplit(postgres_url)
    return SQLTrackerStore(
        Domain.empty(),
        dialect="postgresql",
        host=url.hostname,
        port=url.port,
        db=url.path.lstrip("/"),
        username=url.username,
        query=dict(parse_qsl(url.query)),
    )


def test_on_postgresql_a_new_database_gets_rasas_events_table_with_the_per_conversation_index(postgres_url):
    engine = make_engine(postgres_url)
    schema.upgrade(engine)
    inspector = inspect(engine)
    columns = {c["name"]: (type(c["type"]).__name__, c["nullable"]) for c in inspector.get_columns("events")}
    rasas = {c.name: (type(c.type.dialect_impl(engine.dialect)).__name__, c.nullable) for c in rasa_events_table().c}
    assert columns.keys() == rasas.keys()
    for name, (_, nullable) in rasas.items():
        assert columns[name][1] == nullable, name
    indexes = {i["name"]: i["column_names"] for i in inspector.get_indexes("events")}
    assert indexes[RASA_SESSION_QUERY_INDEX] == ["sender_id", "type_name", "timestamp"]
    assert indexes["ix_events_sender_id"] == ["sender_id"]
    engine.dispose()


async def test_rasas_tracker_store_works_on_the_table_the_migration_made(postgres_url):
    from rasa.shared.core.events import ActionExecuted, SessionStarted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    engine = make_engine(postgres_url)
    schema.upgrade(engine)
    store = rasa_tracker_store(postgres_url)
    tracker = DialogueStateTracker.from_events(
        "resident-1",
        [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen"), UserUttered("hoi")],
    )
    await store.save(tracker)
    again = await store.retrieve_full_tracker("resident-1")
    assert [e.type_name for e in again.events] == [e.type_name for e in tracker.events]
    store.engine.dispose()
    engine.dispose()


def test_an_events_table_rasa_made_keeps_its_rows_and_gets_the_index(postgres_url):
    from sqlalchemy import text

    engine = make_engine(postgres_url)
    rasa_events_table().create(engine)
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO events (sender_id, type_name, timestamp, data) VALUES ('r', 'session_started', 1, '{}')")
        )
    schema.upgrade(engine)
    assert RASA_SESSION_QUERY_INDEX in {i["name"] for i in inspect(engine).get_indexes("events")}
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM events")).scalar() == 1
    engine.dispose()


def test_postgresql_answers_rasas_session_start_query_from_the_index(postgres_url):
    """The query Rasa runs for every message (SQLTrackerStore._event_query) on 50,000 events
    of 5,000 conversations: the plan reads the new index, not every event of the sender."""
    from sqlalchemy import text
    from sqlalchemy.orm import Session

    engine = make_engine(postgres_url)
    schema.upgrade(engine)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO events (sender_id, type_name, timestamp, data) "
                "SELECT 'resident-' || (n % 5000), "
                "CASE WHEN n % 10 = 0 THEN 'session_started' ELSE 'user' END, n, '{}' "
                "FROM generate_series(1, 50000) AS n"
            )
        )
        connection.execute(text("ANALYZE events"))
    store = rasa_tracker_store(postgres_url)
    with Session(engine) as session:
        query = store._event_query(session, "resident-42", fetch_events_from_all_sessions=False)
        compiled = query.statement.compile(engine, compile_kwargs={"literal_binds": True})
        plan = "\n".join(row[0] for row in session.execute(text(f"EXPLAIN {compiled}")))
    assert RASA_SESSION_QUERY_INDEX in plan, plan
    store.engine.dispose()
    engine.dispose()


def test_upgrading_keeps_every_staff_accounts_teams_and_sessions(tmp_path):
    """0006 adds a column to staff_users; on SQLite a copied table would cascade-delete the
    teams and sessions that point at it."""
    from alembic import command
    from sqlalchemy import text

    engine = make_engine(f"sqlite:///{tmp_path / 'staff.db'}")
    config = schema.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0005")
        connection.execute(text("INSERT INTO staff_users VALUES ('schuld', 'x', 0, '2026-12-01 10:00:00')"))
        connection.execute(text("INSERT INTO staff_user_teams VALUES ('schuld', 'almelo-kcc')"))
        connection.execute(text("INSERT INTO staff_sessions VALUES ('h', 'schuld', 'c', '2099-01-01 00:00:00')"))
    schema._current.clear()
    schema.upgrade(engine)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM staff_user_teams")).scalar() == 1
        assert connection.execute(text("SELECT count(*) FROM staff_sessions")).scalar() == 1
        assert connection.execute(text("SELECT is_analyst FROM staff_users")).scalar() == 0


@pytest.mark.parametrize("before", ["0007", "0009"])
def test_after_upgrading_to_a_new_content_flag_the_next_start_imports_the_flags(tmp_path, before):
    """0009 and 0010 add kb_facilities.rules_advice and only_when_named as false everywhere; the content files did not
    change, but the next start must still import them so that the flags are set."""
    from alembic import command
    from sqlalchemy import text

    from knowledge_base.service import ensure_imported

    engine = make_engine(f"sqlite:///{tmp_path / 'flags.db'}")
    schema.upgrade(engine)
    ensure_imported(engine)
    config = schema.alembic_config()
    for target, step in ((before, command.downgrade), ("head", command.upgrade)):
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            step(config, target)
    flags = "select sum(rules_advice), sum(young_people_only), sum(only_when_named) from kb_facilities"
    with engine.connect() as connection:
        # from 0009 on, the flags of 0008 and 0009 survive the round trip; 0010's does not
        assert connection.execute(text(flags)).one() == ((0, 0, 0) if before == "0007" else (2, 1, 0))
    assert ensure_imported(engine) is not None
    with engine.connect() as connection:
        assert connection.execute(text(flags)).one() == (2, 1, 4)
    engine.dispose()
