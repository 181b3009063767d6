"""User accounts and their API keys. Callers get frozen records, never ORM rows; accounts
are disabled, never deleted, and a username is taken for good."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tessera.store.operational.schema_access import ApiKeyRow, UserRow
from tessera.store.operational.timestamps import as_utc, maybe_utc

SEPARATOR = ";"


class UsernameTakenError(ValueError):
    """The username belongs to an account already (maybe a disabled one)."""


@dataclass(frozen=True)
class PartnerFields:
    ori: str
    agency: str
    jurisdictions: tuple[str, ...]
    certified_until: dt.date


@dataclass(frozen=True)
class NewUser:
    username: str
    full_name: str
    role: str
    password_hash: str | None
    partner: PartnerFields | None = None


@dataclass(frozen=True)
class UserRecord:
    id: int
    username: str
    full_name: str
    role: str
    password_hash: str | None
    active: bool
    created_at: dt.datetime
    disabled_at: dt.datetime | None
    sessions_valid_from: dt.datetime
    partner: PartnerFields | None


@dataclass(frozen=True)
class ApiKeyRecord:
    key_id: str
    user_id: int
    secret_hash: str
    label: str
    created_at: dt.datetime
    revoked_at: dt.datetime | None


def _partner(row: UserRow) -> PartnerFields | None:
    if row.partner_ori is None or row.partner_agency is None or row.certified_until is None:
        return None
    codes = tuple(c for c in (row.jurisdictions or "").split(SEPARATOR) if c)
    return PartnerFields(row.partner_ori, row.partner_agency, codes, row.certified_until)


def _user(row: UserRow) -> UserRecord:
    return UserRecord(
        id=row.id,
        username=row.username,
        full_name=row.full_name,
        role=row.role,
        password_hash=row.password_hash,
        active=row.active,
        created_at=as_utc(row.created_at),
        disabled_at=maybe_utc(row.disabled_at),
        sessions_valid_from=as_utc(row.sessions_valid_from),
        partner=_partner(row),
    )


def _key(row: ApiKeyRow) -> ApiKeyRecord:
    return ApiKeyRecord(
        row.key_id,
        row.user_id,
        row.secret_hash,
        row.label,
        as_utc(row.created_at),
        maybe_utc(row.revoked_at),
    )


def _new_row(user: NewUser, at: dt.datetime) -> UserRow:
    partner = user.partner
    return UserRow(
        username=user.username,
        full_name=user.full_name,
        role=user.role,
        password_hash=user.password_hash,
        active=True,
        created_at=at,
        sessions_valid_from=at,
        partner_ori=partner.ori if partner else None,
        partner_agency=partner.agency if partner else None,
        jurisdictions=SEPARATOR.join(partner.jurisdictions) if partner else None,
        certified_until=partner.certified_until if partner else None,
    )


class UserTable:
    """The accounts in one operational store."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add(self, user: NewUser, at: dt.datetime) -> UserRecord:
        """Create an active account; ``UsernameTakenError`` if the name is taken."""
        try:
            with Session(self._engine) as session, session.begin():
                row = _new_row(user, at)
                session.add(row)
                session.flush()
                return _user(row)
        except IntegrityError:
            if self.by_username(user.username) is not None:
                raise UsernameTakenError(f"username {user.username!r} is taken") from None
            raise

    def by_username(self, username: str) -> UserRecord | None:
        with Session(self._engine) as session:
            row = session.scalars(select(UserRow).where(UserRow.username == username)).first()
            return None if row is None else _user(row)

    def by_id(self, user_id: int) -> UserRecord | None:
        with Session(self._engine) as session:
            row = session.get(UserRow, user_id)
            return None if row is None else _user(row)

    def all(self) -> list[UserRecord]:
        with Session(self._engine) as session:
            return [_user(r) for r in session.scalars(select(UserRow).order_by(UserRow.username))]

    def disable(self, username: str, at: dt.datetime) -> UserRecord:
        """Disable an account and void its sessions; ``LookupError`` if there is none."""
        with Session(self._engine) as session, session.begin():
            row = session.scalars(select(UserRow).where(UserRow.username == username)).first()
            if row is None:
                raise LookupError(f"no user {username!r}")
            if row.active:
                row.active, row.disabled_at, row.sessions_valid_from = False, at, at
            return _user(row)

    def end_sessions(self, user_id: int, at: dt.datetime) -> None:
        """Void every session the user holds (issued before ``at``)."""
        with Session(self._engine) as session, session.begin():
            session.execute(
                update(UserRow).where(UserRow.id == user_id).values(sessions_valid_from=at)
            )

    def set_password_hash(self, user_id: int, password_hash: str) -> None:
        with Session(self._engine) as session, session.begin():
            session.execute(
                update(UserRow).where(UserRow.id == user_id).values(password_hash=password_hash)
            )

    def add_key(
        self, user_id: int, key_id: str, secret_hash: str, label: str, at: dt.datetime
    ) -> ApiKeyRecord:
        with Session(self._engine) as session, session.begin():
            row = ApiKeyRow(
                key_id=key_id, user_id=user_id, secret_hash=secret_hash, label=label, created_at=at
            )
            session.add(row)
            session.flush()
            return _key(row)

    def revoke_key(self, key_id: str, at: dt.datetime) -> ApiKeyRecord:
        """Revoke a key for good; ``LookupError`` if there is none."""
        with Session(self._engine) as session, session.begin():
            row = session.scalars(select(ApiKeyRow).where(ApiKeyRow.key_id == key_id)).first()
            if row is None:
                raise LookupError(f"no API key {key_id!r}")
            if row.revoked_at is None:
                row.revoked_at = at
            return _key(row)

    def key(self, key_id: str) -> ApiKeyRecord | None:
        with Session(self._engine) as session:
            row = session.scalars(select(ApiKeyRow).where(ApiKeyRow.key_id == key_id)).first()
            return None if row is None else _key(row)

    def keys_of(self, user_id: int) -> list[ApiKeyRecord]:
        with Session(self._engine) as session:
            rows = session.scalars(
                select(ApiKeyRow).where(ApiKeyRow.user_id == user_id).order_by(ApiKeyRow.id)
            )
            return [_key(r) for r in rows]
