"""Analysts' identity judgements (merge, split, not the same) and the records they concern.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "judgements",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("analyst", sa.String(length=128), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_by", sa.String(length=128), nullable=True),
        sa.Column("revoke_reason", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('merge', 'split', 'not_same')", name=op.f("ck_judgements_kind_known")
        ),
        sa.CheckConstraint("length(trim(analyst)) > 0", name=op.f("ck_judgements_analyst_named")),
        sa.CheckConstraint("length(trim(reason)) > 0", name=op.f("ck_judgements_reason_given")),
        sa.CheckConstraint(
            "(revoked_at IS NULL AND revoked_by IS NULL AND revoke_reason IS NULL) OR "
            "(revoked_at IS NOT NULL AND revoked_by IS NOT NULL AND revoke_reason IS NOT NULL "
            "AND length(trim(revoked_by)) > 0 AND length(trim(revoke_reason)) > 0)",
            name=op.f("ck_judgements_revocation_complete"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_judgements")),
    )
    op.create_table(
        "judgement_records",
        sa.Column("judgement_id", sa.Integer(), nullable=False),
        sa.Column("record_key", sa.String(length=256), nullable=False),
        sa.Column("side", sa.String(length=1), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.CheckConstraint("side IN ('a', 'b')", name=op.f("ck_judgement_records_side_known")),
        sa.ForeignKeyConstraint(
            ["judgement_id"],
            ["judgements.id"],
            name=op.f("fk_judgement_records_judgement_id_judgements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("judgement_id", "record_key", name=op.f("pk_judgement_records")),
    )
    op.create_index(op.f("ix_judgement_records_record_key"), "judgement_records", ["record_key"])


def downgrade() -> None:
    op.drop_index(op.f("ix_judgement_records_record_key"), table_name="judgement_records")
    op.drop_table("judgement_records")
    op.drop_table("judgements")
