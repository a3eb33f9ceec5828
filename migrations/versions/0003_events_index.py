"""events: an index for Rasa's per-conversation query (issue 11)

Rasa's SQL tracker store asks, for every message, for the start of the conversation's latest
session: ``max(timestamp) WHERE sender_id = ? AND type_name = 'session_started'``, then for the
events since then. Its own index covers ``sender_id`` only, so that query reads every event of
the conversation; the index on (sender_id, type_name, timestamp) answers it from the index.
Measured (docs/performance.md): no difference at 100,000 conversations of ~30 events, where
Rasa's own index already narrows each query to a few rows; it pays off for long conversations.

The table stays Rasa's: where Rasa made it, only the index is added. On a new database the
migration runs before Rasa first starts, so it creates the table as Rasa 3.6 defines it
(``rasa.core.tracker_store.SQLTrackerStore.SQLEvent``; tests/migrations compare the two), and
Rasa finds it there. With SQLite as the project's database the conversations live in a file
of their own (``bot.endpoints``), so there is nothing to do here.

Revision ID: 0003
Revises: 0002
Created: 2026-12-07 02:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

INDEX = "ix_events_sender_id_type_name_timestamp"


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        return
    inspector = sa.inspect(bind)
    if "events" not in inspector.get_table_names():
        op.create_table(
            "events",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("sender_id", sa.String(255), nullable=False),
            sa.Column("type_name", sa.String(255), nullable=False),
            sa.Column("timestamp", sa.Float()),
            sa.Column("intent_name", sa.String(255)),
            sa.Column("action_name", sa.String(255)),
            sa.Column("data", sa.Text()),
        )
        op.create_index("ix_events_sender_id", "events", ["sender_id"])
    elif INDEX in {index["name"] for index in inspector.get_indexes("events")}:
        return
    op.create_index(INDEX, "events", ["sender_id", "type_name", "timestamp"])


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite" and INDEX in {i["name"] for i in sa.inspect(bind).get_indexes("events")}:
        op.drop_index(INDEX, table_name="events")
