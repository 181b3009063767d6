"""The published pipeline results: what the service reads instead of the workspace.

Core tables (not ORM classes): they are written in bulk by the DBAPI (``executemany`` on
SQLite, ``COPY`` on PostgreSQL) and read by point look-ups, never as objects one by one.
They share ``schema.Base``'s metadata, so Alembic's drift check covers them.

Every row carries the ``publication_id`` it belongs to, and every index leads with it: a
new publication is loaded beside the current one, made current in one short transaction,
and only then is the old one deleted. Readers pin the current publication and read only
its rows, so they never see half of one (ADR 0010).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

from tessera.store.operational.schema import Base, one_of

PUBLICATION_STATES = ("loading", "current", "retired")
"""A publication is loaded, then current (exactly one at a time), then retired."""

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
"""The tables whose row counts a publication records."""


def _publication() -> Column[int]:
    return Column("publication_id", Integer, nullable=False)


def _person() -> Column[str]:
    return Column("person_id", String(16), nullable=False)


publications = Table(
    "publications",
    Base.metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, nullable=True),
    Column("as_of", Date, nullable=True),
    Column("state", String(16), nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("published_at", DateTime(timezone=True), nullable=True),
    *(Column(name, Integer, nullable=False) for name in COUNTED),
    CheckConstraint(one_of("state", PUBLICATION_STATES), name="state_known"),
)

pub_people = Table(
    "pub_people",
    Base.metadata,
    _publication(),
    _person(),
    Column("display_name", Text, nullable=False),
    Column("birth_date", String(10), nullable=True),
    Column("sex", String(1), nullable=True),
    Column("standing", String(16), nullable=False),
    Column("protected_1367", Boolean, nullable=False),
    Column("jurisdictions", Text, nullable=False),
    Column("citizen_keys", Text, nullable=False),
    Column("protection_keys", Text, nullable=False),
    Column("noncitizen_keys", Text, nullable=False),
    Column("records", Integer, nullable=False),
    Column("findings", Integer, nullable=False),
    Column("name_tokens", Text, nullable=False),
    Column("birth_dates", Text, nullable=False),
    PrimaryKeyConstraint("publication_id", "person_id"),
)

pub_statements = Table(
    "pub_statements",
    Base.metadata,
    _publication(),
    _person(),
    Column("property", String(32), nullable=False),
    Column("value", Text, nullable=False),
    Column("source", String(160), nullable=False),
    Column("recorded_on", Date, nullable=True),
    Index("ix_pub_statements_person", "publication_id", "person_id"),
)

pub_timeline = Table(
    "pub_timeline",
    Base.metadata,
    _publication(),
    _person(),
    Column("on_date", Date, nullable=True),
    Column("kind", String(32), nullable=False),
    Column("summary", Text, nullable=False),
    Column("key", String(160), nullable=False),
    Column("identity_only", Boolean, nullable=False),
    Index("ix_pub_timeline_person", "publication_id", "person_id"),
)

pub_periods = Table(
    "pub_periods",
    Base.metadata,
    _publication(),
    _person(),
    Column("kind", String(32), nullable=False),
    Column("basis", Text, nullable=False),
    Column("valid_from", Date, nullable=True),
    Column("valid_to", Date, nullable=True),
    Column("key", String(160), nullable=False),
    Index("ix_pub_periods_person", "publication_id", "person_id"),
)

pub_findings = Table(
    "pub_findings",
    Base.metadata,
    _publication(),
    Column("finding_id", String(32), nullable=False),
    _person(),
    Column("code", String(64), nullable=False),
    Column("severity", String(16), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("identity_check", Boolean, nullable=False),
    Column("subject_on", Date, nullable=True),
    Column("evidence", Text, nullable=False),
    Column("detail", Text, nullable=False),
    Column("role", String(16), nullable=False),
    Column("rule_version", String(16), nullable=False),
    Column("rule_text", Text, nullable=False),
    Column("legal_basis", Text, nullable=False),
    Column("tier", String(16), nullable=True),
    Column("tier_reason", Text, nullable=True),
    Column("policy", String(64), nullable=False),
    Column("as_of", Date, nullable=False),
    Index("ix_pub_findings_person", "publication_id", "person_id"),
    Index("ix_pub_findings_finding", "publication_id", "finding_id"),
)

pub_links = Table(
    "pub_links",
    Base.metadata,
    _publication(),
    _person(),
    Column("record_l", String(160), nullable=False),
    Column("record_r", String(160), nullable=False),
    Column("match_weight", Float, nullable=False),
    Column("match_probability", Float, nullable=False),
    Column("features", Text, nullable=False),
    Index("ix_pub_links_person", "publication_id", "person_id"),
)

pub_link_levels = Table(
    "pub_link_levels",
    Base.metadata,
    _publication(),
    Column("comparison", String(64), nullable=False),
    Column("gamma", Integer, nullable=False),
    Column("label", Text, nullable=False),
    PrimaryKeyConstraint("publication_id", "comparison", "gamma"),
)

pub_redirects = Table(
    "pub_redirects",
    Base.metadata,
    _publication(),
    Column("old_id", String(16), nullable=False),
    Column("new_id", String(16), nullable=True),
    Column("reason", String(64), nullable=False),
    Column("redirected_at", DateTime(timezone=True), nullable=True),
    PrimaryKeyConstraint("publication_id", "old_id"),
)

pub_search_keys = Table(
    "pub_search_keys",
    Base.metadata,
    _publication(),
    Column("key", String(128), nullable=False),
    _person(),
    PrimaryKeyConstraint("publication_id", "key", "person_id"),
)

PUBLISHED_TABLES = (
    pub_people,
    pub_statements,
    pub_timeline,
    pub_periods,
    pub_findings,
    pub_links,
    pub_link_levels,
    pub_redirects,
    pub_search_keys,
)
"""Every table that holds one publication's rows."""
