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
    # a plain ADD COLUMN, also on SQLite: a batch operation would copy the table, and dropping the
    # old staff_users would cascade to every account's teams and sessions (ON DELETE CASCADE)
    op.add_column("staff_users", sa.Column("is_analyst", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return  # dropping a column would copy staff_users (see above); an unused column does no harm
    op.drop_column("staff_users", "is_analyst")
