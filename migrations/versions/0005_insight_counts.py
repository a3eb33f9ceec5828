"""ins_counts: the aggregate store of the insight dashboard (issue 14)

Counts per day, municipality, channel and metric; no message text, no conversation id.

Revision ID: 0005
Revises: 0004
Created: 2026-12-07 03:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TABLE = "ins_counts"


def upgrade() -> None:
    if TABLE in sa.inspect(op.get_bind()).get_table_names():
        return  # made by create_all while this table was new
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("gemeente_id", sa.String(length=40), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("metric", sa.String(length=40), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("value", sa.String(length=40), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("day", "gemeente_id", "channel", "metric", "key", "value", name="uq_ins_counts_cell"),
    )
    op.create_index("ix_ins_counts_day", TABLE, ["day"])


def downgrade() -> None:
    op.drop_index("ix_ins_counts_day", table_name=TABLE)
    op.drop_table(TABLE)
