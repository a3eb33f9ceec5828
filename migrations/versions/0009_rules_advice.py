"""kb_facilities.rules_advice: free advice on rules and rights (issue 15)

Revision ID: 0009
Revises: 0008
Created: 2026-12-07 19:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("kb_facilities")}
    if "rules_advice" in columns:
        return  # a database made by create_all while this column was new
    with op.batch_alter_table("kb_facilities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rules_advice", sa.Boolean(), nullable=False, server_default=sa.false()))
    # existing facilities get false; forgetting the last import's fingerprints (of the files
    # and of each facility) makes the next start fill every facility from the content files
    # again, which sets the flag (and 0008's, after a downgrade past it), even when the
    # files did not change
    op.execute("DELETE FROM kb_import_state")
    op.execute("UPDATE kb_facilities SET fingerprint = ''")


def downgrade() -> None:
    with op.batch_alter_table("kb_facilities", schema=None) as batch_op:
        batch_op.drop_column("rules_advice")
