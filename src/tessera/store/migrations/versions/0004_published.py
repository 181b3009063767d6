"""Published pipeline results: people, statements, timelines, findings, links.

Every row carries its publication; every index leads with it (ADR 0010).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATES = ("loading", "current", "retired")
COUNTED = (
    "people",
    "statements",
    "timeline",
    "periods",
    "findings",
    "links",
    "redirects",
    "search_keys",
)
INDEXES = {
    "pub_statements": ("ix_pub_statements_person", ["publication_id", "person_id"]),
    "pub_timeline": ("ix_pub_timeline_person", ["publication_id", "person_id"]),
    "pub_periods": ("ix_pub_periods_person", ["publication_id", "person_id"]),
    "pub_links": ("ix_pub_links_person", ["publication_id", "person_id"]),
}
FINDING_INDEXES = (
    ("ix_pub_findings_person", ["publication_id", "person_id"]),
    ("ix_pub_findings_finding", ["publication_id", "finding_id"]),
)
TABLES = (
    "pub_people",
    "pub_statements",
    "pub_timeline",
    "pub_periods",
    "pub_findings",
    "pub_links",
    "pub_link_levels",
    "pub_redirects",
    "pub_search_keys",
)


def _publication() -> sa.Column[int]:
    return sa.Column("publication_id", sa.Integer(), nullable=False)


def _person() -> sa.Column[str]:
    return sa.Column("person_id", sa.String(length=16), nullable=False)


def _source() -> sa.Column[str]:
    return sa.Column("source", sa.String(length=160), nullable=False)


def _publications() -> None:
    op.create_table(
        "publications",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("as_of", sa.Date(), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in COUNTED),
        sa.CheckConstraint(
            "state IN (" + ", ".join(f"'{s}'" for s in STATES) + ")",
            name=op.f("ck_publications_state_known"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publications")),
    )


def _people() -> None:
    op.create_table(
        "pub_people",
        _publication(),
        _person(),
        sa.Column("display_name", sa.Text(), nullable=False),
        sa.Column("birth_date", sa.String(length=10), nullable=True),
        sa.Column("sex", sa.String(length=1), nullable=True),
        sa.Column("standing", sa.String(length=16), nullable=False),
        sa.Column("protected_1367", sa.Boolean(), nullable=False),
        sa.Column("jurisdictions", sa.Text(), nullable=False),
        sa.Column("citizen_keys", sa.Text(), nullable=False),
        sa.Column("protection_keys", sa.Text(), nullable=False),
        sa.Column("noncitizen_keys", sa.Text(), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("findings", sa.Integer(), nullable=False),
        sa.Column("name_tokens", sa.Text(), nullable=False),
        sa.Column("birth_dates", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("publication_id", "person_id", name=op.f("pk_pub_people")),
    )


def _records_of_people() -> None:
    op.create_table(
        "pub_statements",
        _publication(),
        _person(),
        sa.Column("property", sa.String(length=32), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        _source(),
        sa.Column("recorded_on", sa.Date(), nullable=True),
    )
    op.create_table(
        "pub_timeline",
        _publication(),
        _person(),
        sa.Column("on_date", sa.Date(), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("key", sa.String(length=160), nullable=False),
        sa.Column("identity_only", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "pub_periods",
        _publication(),
        _person(),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("basis", sa.Text(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("key", sa.String(length=160), nullable=False),
    )
    op.create_table(
        "pub_links",
        _publication(),
        _person(),
        sa.Column("record_l", sa.String(length=160), nullable=False),
        sa.Column("record_r", sa.String(length=160), nullable=False),
        sa.Column("match_weight", sa.Float(), nullable=False),
        sa.Column("match_probability", sa.Float(), nullable=False),
        sa.Column("features", sa.Text(), nullable=False),
    )
    for table, (name, columns) in INDEXES.items():
        op.create_index(name, table, columns)


def _findings() -> None:
    op.create_table(
        "pub_findings",
        _publication(),
        sa.Column("finding_id", sa.String(length=32), nullable=False),
        _person(),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("identity_check", sa.Boolean(), nullable=False),
        sa.Column("subject_on", sa.Date(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("rule_version", sa.String(length=16), nullable=False),
        sa.Column("rule_text", sa.Text(), nullable=False),
        sa.Column("legal_basis", sa.Text(), nullable=False),
        sa.Column("tier", sa.String(length=16), nullable=True),
        sa.Column("tier_reason", sa.Text(), nullable=True),
        sa.Column("policy", sa.String(length=64), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
    )
    for name, columns in FINDING_INDEXES:
        op.create_index(name, "pub_findings", columns)


def _lookups() -> None:
    op.create_table(
        "pub_link_levels",
        _publication(),
        sa.Column("comparison", sa.String(length=64), nullable=False),
        sa.Column("gamma", sa.Integer(), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint(
            "publication_id", "comparison", "gamma", name=op.f("pk_pub_link_levels")
        ),
    )
    op.create_table(
        "pub_redirects",
        _publication(),
        sa.Column("old_id", sa.String(length=16), nullable=False),
        sa.Column("new_id", sa.String(length=16), nullable=True),
        sa.Column("reason", sa.String(length=64), nullable=False),
        sa.Column("redirected_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("publication_id", "old_id", name=op.f("pk_pub_redirects")),
    )
    op.create_table(
        "pub_search_keys",
        _publication(),
        sa.Column("key", sa.String(length=128), nullable=False),
        _person(),
        sa.PrimaryKeyConstraint(
            "publication_id", "key", "person_id", name=op.f("pk_pub_search_keys")
        ),
    )


def upgrade() -> None:
    _publications()
    _people()
    _records_of_people()
    _findings()
    _lookups()


def downgrade() -> None:
    for name, _columns in FINDING_INDEXES:
        op.drop_index(name, table_name="pub_findings")
    for table, (name, _columns) in INDEXES.items():
        op.drop_index(name, table_name=table)
    for table in (*reversed(TABLES), "publications"):
        op.drop_table(table)
