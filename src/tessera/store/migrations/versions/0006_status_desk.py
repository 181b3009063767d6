"""The status-query desk (queries and their candidates) and enforcement requests.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PURPOSES = ("C", "F")
QUERY_STATES = ("answered", "awaiting_operator", "completed")
DETERMINATIONS = (
    "us_citizen",
    "lawful_permanent_resident",
    "protected_status",
    "lawful_status_shown",
    "no_lawful_status_shown",
    "not_determined",
    "no_record",
)
KINDS = ("detainer",)
CAUSES = ("final_order", "pending_proceedings", "biometric_match", "statements")
REQUEST_STATES = ("pending_approval", "approved", "refused")


def _one_of(column: str, values: Sequence[str]) -> str:
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def _queries() -> None:
    op.create_table(
        "status_queries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("asked_by", sa.String(length=128), nullable=False),
        sa.Column("ori", sa.String(length=9), nullable=False),
        sa.Column("purpose_code", sa.String(length=1), nullable=False),
        sa.Column("attention", sa.String(length=128), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("dob", sa.String(length=10), nullable=True),
        sa.Column("sex", sa.String(length=1), nullable=True),
        sa.Column("place_of_birth", sa.String(length=100), nullable=True),
        sa.Column("in_custody", sa.Boolean(), nullable=False),
        sa.Column("offence_code", sa.String(length=4), nullable=False),
        sa.Column("identifiers", sa.JSON(), nullable=False),
        sa.Column("citizenship_claimed", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(length=24), nullable=False),
        sa.Column("verification_reasons", sa.JSON(), nullable=False),
        sa.Column("automatic_answer", sa.JSON(), nullable=False),
        sa.Column("person_id", sa.String(length=16), nullable=True),
        sa.Column("determination", sa.String(length=32), nullable=True),
        sa.Column("response_text", sa.Text(), nullable=True),
        sa.Column("completed_by", sa.String(length=128), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            _one_of("purpose_code", PURPOSES), name=op.f("ck_status_queries_purpose_known")
        ),
        sa.CheckConstraint(
            _one_of("state", QUERY_STATES), name=op.f("ck_status_queries_state_known")
        ),
        sa.CheckConstraint(
            "determination IS NULL OR " + _one_of("determination", DETERMINATIONS),
            name=op.f("ck_status_queries_determination_known"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_queries")),
    )
    op.create_index(op.f("ix_status_queries_asked_by"), "status_queries", ["asked_by"])
    op.create_index(op.f("ix_status_queries_state"), "status_queries", ["state"])
    op.create_table(
        "status_query_candidates",
        sa.Column("query_id", sa.Integer(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.String(length=16), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["query_id"],
            ["status_queries.id"],
            name=op.f("fk_status_query_candidates_query_id_status_queries"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("query_id", "rank", name=op.f("pk_status_query_candidates")),
    )
    op.create_index(
        op.f("ix_status_query_candidates_person_id"), "status_query_candidates", ["person_id"]
    )


def _requests() -> None:
    op.create_table(
        "enforcement_requests",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("person_id", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("probable_cause", sa.String(length=32), nullable=False),
        sa.Column("facility", sa.String(length=200), nullable=False),
        sa.Column("justification", sa.Text(), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("requested_by", sa.String(length=128), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(length=24), nullable=False),
        sa.Column("approver_role", sa.String(length=32), nullable=True),
        sa.Column("decided_by", sa.String(length=128), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.CheckConstraint(_one_of("kind", KINDS), name=op.f("ck_enforcement_requests_kind_known")),
        sa.CheckConstraint(
            _one_of("probable_cause", CAUSES), name=op.f("ck_enforcement_requests_cause_known")
        ),
        sa.CheckConstraint(
            _one_of("state", REQUEST_STATES), name=op.f("ck_enforcement_requests_state_known")
        ),
        sa.CheckConstraint(
            "(state = 'pending_approval') = (decided_at IS NULL)",
            name=op.f("ck_enforcement_requests_decided_when_not_pending"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enforcement_requests")),
    )
    op.create_index(
        op.f("ix_enforcement_requests_person_id"), "enforcement_requests", ["person_id"]
    )
    op.create_index(
        op.f("ix_enforcement_requests_requested_by"), "enforcement_requests", ["requested_by"]
    )
    op.create_index(op.f("ix_enforcement_requests_state"), "enforcement_requests", ["state"])


def upgrade() -> None:
    _queries()
    _requests()


def downgrade() -> None:
    op.drop_table("enforcement_requests")
    op.drop_table("status_query_candidates")
    op.drop_table("status_queries")
