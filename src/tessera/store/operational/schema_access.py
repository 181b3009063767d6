"""ORM models of access control and audit: users, their API keys, the audit log and its head.

They share ``schema.Base`` (and so its naming convention and Alembic's drift check); the
package imports this module, so the metadata is whole wherever the store is used.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from tessera.model.access import Outcome, Role
from tessera.store.operational.schema import Base, one_of

PARTNER_FIELDS = (
    "(role = 'partner_officer' AND partner_ori IS NOT NULL AND partner_agency IS NOT NULL"
    " AND jurisdictions IS NOT NULL AND certified_until IS NOT NULL)"
    " OR (role <> 'partner_officer' AND partner_ori IS NULL AND partner_agency IS NULL"
    " AND jurisdictions IS NULL AND certified_until IS NULL)"
)
"""A partner officer has an agency, an ORI, a jurisdiction and a certification; no one
else has any of them."""


class UserRow(Base):
    """An account: one person, one role. Never deleted, only disabled, so that the audit
    log's actors always name an account that existed."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(one_of("role", Role), name="role_known"),
        CheckConstraint(PARTNER_FIELDS, name="partner_fields"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(32))
    password_hash: Mapped[str | None] = mapped_column(Text)
    """Argon2id; ``None`` for an account that signs in only with API keys."""
    active: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    disabled_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    sessions_valid_from: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    """Sessions issued before this are void: signing out ends every session of the user."""
    partner_ori: Mapped[str | None] = mapped_column(String(9))
    partner_agency: Mapped[str | None] = mapped_column(String(200))
    jurisdictions: Mapped[str | None] = mapped_column(Text)
    """Jurisdiction codes separated by ``;`` (``TX;OK/TULSA``)."""
    certified_until: Mapped[dt.date | None] = mapped_column(Date)


class ApiKeyRow(Base):
    """A partner system's key: its public id and the SHA-256 of its secret, never the key."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key_id: Mapped[str] = mapped_column(String(12), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    secret_hash: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class AuditEntryRow(Base):
    """One access, hash-chained to the one before (``tessera.security.audit_chain``)."""

    __tablename__ = "audit_log"
    __table_args__ = (CheckConstraint(one_of("outcome", Outcome), name="outcome_known"),)

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    actor: Mapped[str] = mapped_column(String(128), index=True)
    actor_role: Mapped[str | None] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    person_id: Mapped[str | None] = mapped_column(String(64), index=True)
    target: Mapped[str | None] = mapped_column(Text)
    purpose_kind: Mapped[str | None] = mapped_column(String(32))
    purpose_ref: Mapped[str | None] = mapped_column(String(64))
    purpose_text: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64))


class AuditHeadRow(Base):
    """The single row naming the newest entry. Every append updates it first, which
    serialises appends (a row lock on PostgreSQL, the write lock on SQLite)."""

    __tablename__ = "audit_head"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(BigInteger)
    entry_hash: Mapped[str] = mapped_column(String(64))
