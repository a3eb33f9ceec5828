"""staff_users.is_analyst: the analist role of the insight dashboard (issue 14)

Revision ID: 0006
Revises: 0005
Created: 2026-12-07 04:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("staff_users")}
    if "is_analyst" in columns:
        return  # made by create_all while this column was new
    with op.batch_alter_table("staff_users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("is_analyst", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("staff_users", schema=None) as batch_op:
        batch_op.drop_column("is_analyst")
