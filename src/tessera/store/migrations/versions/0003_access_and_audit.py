"""Users, their API keys, and the hash-chained audit log with its head row.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROLES = (
    "analyst",
    "investigator",
    "removal_officer",
    "document_examiner",
    "status_desk_operator",
    "partner_officer",
    "supervisor",
    "auditor",
    "admin",
)
OUTCOMES = ("allowed", "denied", "needs_approval")
GENESIS = "0" * 64


def _one_of(column: str, values: Sequence[str]) -> str:
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"


PARTNER_FIELDS = (
    "(role = 'partner_officer' AND partner_ori IS NOT NULL AND partner_agency IS NOT NULL"
    " AND jurisdictions IS NOT NULL AND certified_until IS NOT NULL)"
    " OR (role <> 'partner_officer' AND partner_ori IS NULL AND partner_agency IS NULL"
    " AND jurisdictions IS NULL AND certified_until IS NULL)"
)


def _users() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("disabled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sessions_valid_from", sa.DateTime(timezone=True), nullable=False),
        sa.Column("partner_ori", sa.String(length=9), nullable=True),
        sa.Column("partner_agency", sa.String(length=200), nullable=True),
        sa.Column("jurisdictions", sa.Text(), nullable=True),
        sa.Column("certified_until", sa.Date(), nullable=True),
        sa.CheckConstraint(_one_of("role", ROLES), name=op.f("ck_users_role_known")),
        sa.CheckConstraint(PARTNER_FIELDS, name=op.f("ck_users_partner_fields")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("key_id", sa.String(length=12), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_api_keys_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_keys")),
        sa.UniqueConstraint("key_id", name=op.f("uq_api_keys_key_id")),
    )
    op.create_index(op.f("ix_api_keys_user_id"), "api_keys", ["user_id"])


def _audit() -> None:
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=128), nullable=False),
        sa.Column("actor_role", sa.String(length=32), nullable=True),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("person_id", sa.String(length=64), nullable=True),
        sa.Column("target", sa.Text(), nullable=True),
        sa.Column("purpose_kind", sa.String(length=32), nullable=True),
        sa.Column("purpose_ref", sa.String(length=64), nullable=True),
        sa.Column("purpose_text", sa.Text(), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("entry_hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint(_one_of("outcome", OUTCOMES), name=op.f("ck_audit_log_outcome_known")),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_log")),
    )
    op.create_index(op.f("ix_audit_log_at"), "audit_log", ["at"])
    op.create_index(op.f("ix_audit_log_actor"), "audit_log", ["actor"])
    op.create_index(op.f("ix_audit_log_person_id"), "audit_log", ["person_id"])
    head = op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("entry_hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_audit_head_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    # The empty log's head: no entry yet, so the first one follows the genesis hash.
    op.bulk_insert(head, [{"id": 1, "seq": 0, "entry_hash": GENESIS}])


def upgrade() -> None:
    _users()
    _audit()


def downgrade() -> None:
    op.drop_table("audit_head")
    op.drop_index(op.f("ix_audit_log_person_id"), table_name="audit_log")
    op.drop_index(op.f("ix_audit_log_actor"), table_name="audit_log")
    op.drop_index(op.f("ix_audit_log_at"), table_name="audit_log")
    op.drop_table("audit_log")
    op.drop_index(op.f("ix_api_keys_user_id"), table_name="api_keys")
    op.drop_table("api_keys")
    op.drop_table("users")
