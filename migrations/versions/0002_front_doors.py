"""kb_routes.front_doors: a topic's front door per municipality (issue 15)

Revision ID: 0002
Revises: 0001
Created: 2026-12-07 01:05:56.544248
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("kb_routes")}
    if "front_doors" in columns:
        return  # a database made by create_all while this column was new, before the migrations
    with op.batch_alter_table("kb_routes", schema=None) as batch_op:
        # existing routes get none; the next content import fills them
        batch_op.add_column(sa.Column("front_doors", sa.JSON(), nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("kb_routes", schema=None) as batch_op:
        batch_op.drop_column("front_doors")
