"""kb_facilities.only_when_named: a service shown only when the question names it (issue 15)

Revision ID: 0010
Revises: 0009
Created: 2026-12-08 01:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("kb_facilities")}
    if "only_when_named" in columns:
        return  # a database made by create_all while this column was new
    with op.batch_alter_table("kb_facilities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("only_when_named", sa.Boolean(), nullable=False, server_default=sa.false()))
    # as in 0009: forget the last import's fingerprints, so that the next start sets the flag
    # from the content files even when they did not change
    op.execute("DELETE FROM kb_import_state")
    op.execute("UPDATE kb_facilities SET fingerprint = ''")


def downgrade() -> None:
    with op.batch_alter_table("kb_facilities", schema=None) as batch_op:
        batch_op.drop_column("only_when_named")
