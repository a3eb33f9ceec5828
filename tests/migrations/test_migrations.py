"""The project's schema under Alembic (``migrations/``, ``core.schema``)."""

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
