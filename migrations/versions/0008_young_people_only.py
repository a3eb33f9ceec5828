"""kb_facilities.young_people_only: a service young people use themselves (issue 15)

Revision ID: 0008
Revises: 0007
Created: 2026-12-07 16:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("kb_facilities")}
    if "young_people_only" in columns:
        return  # a database made by create_all while this column was new
    with op.batch_alter_table("kb_facilities", schema=None) as batch_op:
        # existing facilities get false; the next content import sets the flag
        batch_op.add_column(sa.Column("young_people_only", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("kb_facilities", schema=None) as batch_op:
        batch_op.drop_column("young_people_only")
