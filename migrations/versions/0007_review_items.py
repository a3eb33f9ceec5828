"""ins_review_items: the review queue of questions the assistant did not understand (issue 14)

The text is stored only after personal data was removed; no conversation id.

Revision ID: 0007
Revises: 0006
Created: 2026-12-07 04:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TABLE = "ins_review_items"


def upgrade() -> None:
    if TABLE in sa.inspect(op.get_bind()).get_table_names():
        return  # made by create_all while this table was new
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("gemeente_id", sa.String(length=40), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("label", sa.String(length=40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("removed", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_ins_review_items_created_at", TABLE, ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_ins_review_items_created_at", table_name=TABLE)
    op.drop_table(TABLE)
