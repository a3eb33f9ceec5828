"""ho_registrations: the outbox of handoffs to register in Open Klant (issue 13)

One row per handoff and backend, written in the handoff's own transaction; the staff app's
worker registers it and records every object it made (``open_klant/``).

Idempotent like 0002: a database that ``create_all`` made with this table already is left
as it is.

Revision ID: 0004
Revises: 0003
Created: 2026-12-07 03:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TABLE = "ho_registrations"


def upgrade() -> None:
    if TABLE in sa.inspect(op.get_bind()).get_table_names():
        return
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("backend", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claim", sa.String(length=32), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("in_flight", sa.String(length=30), nullable=True),
        sa.Column("objects", sa.JSON(), nullable=False),
        sa.Column("error", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("reference", "backend", name="uq_ho_registrations_reference_backend"),
    )
    op.create_index("ix_ho_registrations_due", TABLE, ["status", "next_attempt_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_ho_registrations_due", table_name=TABLE)
    op.drop_table(TABLE)
