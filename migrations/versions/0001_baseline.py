"""The tables as create_all made them before the migrations (the release before issue 11).

Revision ID: 0001
Revises:
Created: 2026-12-07 01:05:51.501131
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "kb_gemeenten",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("website", sa.String(length=200), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "kb_import_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("imported_at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "kb_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document", sa.String(length=200), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=True),
        sa.Column("lines", sa.String(length=40), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("quote", sa.Text(), nullable=True),
        sa.Column("organisation", sa.String(length=120), nullable=True),
        sa.Column("url", sa.String(length=300), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "kb_facilities",
        sa.Column("id", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("verify", sa.Boolean(), nullable=False),
        sa.Column("last_verified", sa.Date(), nullable=True),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("gemeente_id", sa.String(length=40), nullable=True),
        sa.Column("offers", sa.Text(), nullable=False),
        sa.Column("for_whom", sa.Text(), nullable=False),
        sa.Column("how_to_reach", sa.Text(), nullable=False),
        sa.Column("cost", sa.String(length=200), nullable=False),
        sa.Column("indication_needed", sa.String(length=10), nullable=False),
        sa.Column("neighbourhood", sa.String(length=120), nullable=True),
        sa.Column("crisis", sa.Boolean(), nullable=False),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["gemeente_id"], ["kb_gemeenten.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["kb_sources.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("kb_facilities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kb_facilities_gemeente_id"), ["gemeente_id"], unique=False)

    op.create_table(
        "kb_teams",
        sa.Column("id", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("verify", sa.Boolean(), nullable=False),
        sa.Column("last_verified", sa.Date(), nullable=True),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("gemeente_id", sa.String(length=40), nullable=False),
        sa.Column("reach", sa.Text(), nullable=False),
        sa.Column("multi_topic", sa.Boolean(), nullable=False),
        sa.Column("response_working_days", sa.Integer(), nullable=True),
        sa.Column("urgent_response_working_days", sa.Integer(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["gemeente_id"], ["kb_gemeenten.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["kb_sources.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("kb_teams", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kb_teams_gemeente_id"), ["gemeente_id"], unique=False)

    op.create_table(
        "kb_facility_topics",
        sa.Column("facility_id", sa.String(length=80), nullable=False),
        sa.Column("topic", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(["facility_id"], ["kb_facilities.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("facility_id", "topic"),
    )
    op.create_table(
        "kb_routes",
        sa.Column("gemeente_id", sa.String(length=40), nullable=False),
        sa.Column("topic", sa.String(length=20), nullable=False),
        sa.Column("team_id", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(["gemeente_id"], ["kb_gemeenten.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["team_id"], ["kb_teams.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("gemeente_id", "topic"),
    )
    op.create_table(
        "kb_team_topics",
        sa.Column("team_id", sa.String(length=80), nullable=False),
        sa.Column("topic", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["kb_teams.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("team_id", "topic"),
    )
    op.create_table(
        "ho_handoffs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("idempotency_key", sa.String(length=64), nullable=False),
        sa.Column("gemeente_id", sa.String(length=40), nullable=False),
        sa.Column("team_id", sa.String(length=80), nullable=False),
        sa.Column("team_name", sa.String(length=120), nullable=False),
        sa.Column("topics", sa.JSON(), nullable=False),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("urgency", sa.JSON(), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("contact_name", sa.String(length=80), nullable=False),
        sa.Column("contact_method", sa.String(length=20), nullable=False),
        sa.Column("contact_phone", sa.String(length=20), nullable=True),
        sa.Column("contact_email", sa.String(length=254), nullable=True),
        sa.Column("contact_moment", sa.String(length=100), nullable=True),
        sa.Column("contact_postcode", sa.String(length=7), nullable=True),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("conversation_id", sa.String(length=255), nullable=False),
        sa.Column("consent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("respond_by", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("claimed_by", sa.String(length=80), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("idempotency_key"),
        sa.UniqueConstraint("reference"),
    )
    with op.batch_alter_table("ho_handoffs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ho_handoffs_conversation_id"), ["conversation_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_ho_handoffs_gemeente_id"), ["gemeente_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_ho_handoffs_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_ho_handoffs_team_id"), ["team_id"], unique=False)

    op.create_table(
        "staff_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=True),
        sa.Column("detail", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("staff_audit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_audit_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_staff_audit_reference"), ["reference"], unique=False)

    op.create_table(
        "staff_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("author", sa.String(length=80), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("staff_notes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_notes_reference"), ["reference"], unique=False)

    op.create_table(
        "staff_users",
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("password_hash", sa.String(length=300), nullable=False),
        sa.Column("is_admin", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("username"),
    )
    op.create_table(
        "staff_sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["username"], ["staff_users.username"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    op.create_table(
        "staff_user_teams",
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("team_id", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(["username"], ["staff_users.username"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("username", "team_id"),
    )
    op.create_table(
        "wa_handoff_contacts",
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("wa_id", sa.String(length=32), nullable=False),
        sa.Column("sender", sa.String(length=64), nullable=False),
        sa.Column("consented_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_message_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("reference"),
    )
    with op.batch_alter_table("wa_handoff_contacts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_wa_handoff_contacts_sender"), ["sender"], unique=False)

    op.create_table(
        "wa_seen_messages",
        sa.Column("message_id", sa.String(length=128), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("message_id"),
    )


def downgrade() -> None:
    op.drop_table("wa_seen_messages")
    with op.batch_alter_table("wa_handoff_contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_wa_handoff_contacts_sender"))

    op.drop_table("wa_handoff_contacts")
    op.drop_table("staff_user_teams")
    op.drop_table("staff_sessions")
    op.drop_table("staff_users")
    with op.batch_alter_table("staff_notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_notes_reference"))

    op.drop_table("staff_notes")
    with op.batch_alter_table("staff_audit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_audit_reference"))
        batch_op.drop_index(batch_op.f("ix_staff_audit_at"))

    op.drop_table("staff_audit")
    with op.batch_alter_table("ho_handoffs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ho_handoffs_team_id"))
        batch_op.drop_index(batch_op.f("ix_ho_handoffs_status"))
        batch_op.drop_index(batch_op.f("ix_ho_handoffs_gemeente_id"))
        batch_op.drop_index(batch_op.f("ix_ho_handoffs_conversation_id"))

    op.drop_table("ho_handoffs")
    op.drop_table("kb_team_topics")
    op.drop_table("kb_routes")
    op.drop_table("kb_facility_topics")
    with op.batch_alter_table("kb_teams", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kb_teams_gemeente_id"))

    op.drop_table("kb_teams")
    with op.batch_alter_table("kb_facilities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kb_facilities_gemeente_id"))

    op.drop_table("kb_facilities")
    op.drop_table("kb_sources")
    op.drop_table("kb_import_state")
    op.drop_table("kb_gemeenten")
