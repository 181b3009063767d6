"""Leads: findings in queues by unit, assignments, notes and dispositions.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UNITS = ("compliance", "removal", "custody", "worksite", "fraud", "victims")
STATES = ("open", "assigned", "closed")
DISPOSITIONS = ("confirmed_referred", "closed_error", "closed_no_action", "closed_auto")
EVENT_KINDS = (
    "created",
    "assigned",
    "note",
    "disposition",
    "auto_closed",
    "finding_updated",
    "person_redirected",
)
OPEN_WHERE = "state <> 'closed'"


def _one_of(column: str, values: Sequence[str]) -> str:
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"


CLOSED_COMPLETE = (
    "(state = 'closed') = (disposition IS NOT NULL AND disposition_reason IS NOT NULL "
    "AND closed_at IS NOT NULL AND closed_by IS NOT NULL)"
)
REFERRAL_NAMED = (
    "disposition IS NULL OR disposition <> 'confirmed_referred' OR referred_to IS NOT NULL"
)
ASSIGNEE_NAMED = "state <> 'assigned' OR assignee IS NOT NULL"


def _checks() -> list[sa.CheckConstraint]:
    return [
        sa.CheckConstraint(_one_of("unit", UNITS), name=op.f("ck_leads_unit_known")),
        sa.CheckConstraint(_one_of("state", STATES), name=op.f("ck_leads_state_known")),
        sa.CheckConstraint(
            "disposition IS NULL OR " + _one_of("disposition", DISPOSITIONS),
            name=op.f("ck_leads_disposition_known"),
        ),
        sa.CheckConstraint(CLOSED_COMPLETE, name=op.f("ck_leads_closed_complete")),
        sa.CheckConstraint(REFERRAL_NAMED, name=op.f("ck_leads_referral_named")),
        sa.CheckConstraint(ASSIGNEE_NAMED, name=op.f("ck_leads_assignee_named")),
    ]


def _leads() -> None:
    op.create_table(
        "leads",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("unit", sa.String(length=16), nullable=False),
        sa.Column("finding_id", sa.String(length=64), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("tier", sa.String(length=8), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("identity_check", sa.Boolean(), nullable=False),
        sa.Column("subject_on", sa.Date(), nullable=True),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("legal_basis", sa.Text(), nullable=False),
        sa.Column("rule_version", sa.String(length=16), nullable=False),
        sa.Column("policy", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("assignee", sa.String(length=128), nullable=True),
        sa.Column("disposition", sa.String(length=32), nullable=True),
        sa.Column("disposition_reason", sa.Text(), nullable=True),
        sa.Column("referred_to", sa.Text(), nullable=True),
        sa.Column("previous_lead_id", sa.Integer(), nullable=True),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("opened_in_run", sa.Integer(), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by", sa.String(length=128), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        *_checks(),
        sa.ForeignKeyConstraint(
            ["previous_lead_id"], ["leads.id"], name=op.f("fk_leads_previous_lead_id_leads")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leads")),
    )
    op.create_index(op.f("ix_leads_person_id"), "leads", ["person_id"])
    op.create_index(op.f("ix_leads_assignee"), "leads", ["assignee"])
    op.create_index("ix_leads_unit_state", "leads", ["unit", "state"])
    # One open lead per person, code and role; closed leads are history and may repeat.
    op.create_index(
        "uq_leads_open_key",
        "leads",
        ["person_id", "code", "role"],
        unique=True,
        sqlite_where=sa.text(OPEN_WHERE),
        postgresql_where=sa.text(OPEN_WHERE),
    )


def _events() -> None:
    op.create_table(
        "lead_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("lead_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=128), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(_one_of("kind", EVENT_KINDS), name=op.f("ck_lead_events_kind_known")),
        sa.ForeignKeyConstraint(
            ["lead_id"], ["leads.id"], name=op.f("fk_lead_events_lead_id_leads")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lead_events")),
    )
    op.create_index(op.f("ix_lead_events_lead_id"), "lead_events", ["lead_id"])


def upgrade() -> None:
    _leads()
    _events()


def downgrade() -> None:
    op.drop_index(op.f("ix_lead_events_lead_id"), table_name="lead_events")
    op.drop_table("lead_events")
    op.drop_index("uq_leads_open_key", table_name="leads")
    op.drop_index("ix_leads_unit_state", table_name="leads")
    op.drop_index(op.f("ix_leads_assignee"), table_name="leads")
    op.drop_index(op.f("ix_leads_person_id"), table_name="leads")
    op.drop_table("leads")
