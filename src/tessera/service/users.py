"""Accounts: add, list, disable, and API keys for partner systems. Every call is an
administrative action: it passes the policy and is written to the audit log.

There is no default password: an account gets the password its owner types, one
generated and shown once, or none at all (a partner system that only uses keys).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tessera.model.access import Role
from tessera.security import Action, Partner, Principal, Purpose
from tessera.security.api_keys import new_api_key
from tessera.security.jurisdiction import JurisdictionError, normalise_jurisdiction, us_states
from tessera.security.passwords import WeakPasswordError, hash_password
from tessera.service.access import authorize, utc_now
from tessera.store.operational import (
    NewUser,
    OperationalStore,
    PartnerFields,
    UsernameTakenError,
    UserRecord,
)

_USERNAME = re.compile(r"^[a-z][a-z0-9._-]{1,63}$")
_ORI = re.compile(r"^(?P<state>[A-Z]{2})[A-Z0-9]{7}$")


class AccountError(ValueError):
    """An account request Tessera cannot carry out; the message says why."""


PartnerRequest = PartnerFields
"""A partner officer's agency, jurisdictions and certification, as an account asks for them."""


@dataclass(frozen=True)
class AccountRequest:
    username: str
    full_name: str
    role: Role
    password: str | None
    partner: PartnerRequest | None = None


@dataclass(frozen=True)
class Account:
    """An account as faces show it: never its password hash."""

    username: str
    full_name: str
    role: Role
    active: bool
    has_password: bool
    created_at: dt.datetime
    disabled_at: dt.datetime | None
    partner: Partner | None


@dataclass(frozen=True)
class IssuedKey:
    username: str
    key_id: str
    key: str
    """The whole key: shown once, never stored."""


def partner_of(record: UserRecord) -> Partner | None:
    p = record.partner
    if p is None:
        return None
    return Partner(p.ori, p.agency, frozenset(p.jurisdictions), p.certified_until)


def principal_of(record: UserRecord) -> Principal:
    """The caller an authenticated account acts as."""
    return Principal(
        record.id,
        record.username,
        Role(record.role),
        record.active,
        partner_of(record),
        record.full_name,
    )


def account_of(record: UserRecord) -> Account:
    return Account(
        record.username,
        record.full_name,
        Role(record.role),
        record.active,
        record.password_hash is not None,
        record.created_at,
        record.disabled_at,
        partner_of(record),
    )


def _partner_fields(role: Role, partner: PartnerRequest | None) -> PartnerFields | None:
    if (role is Role.partner_officer) != (partner is not None):
        raise AccountError(
            "a partner officer needs an agency, ORI, jurisdiction and certification date; "
            "no other role has them"
        )
    if partner is None:
        return None
    ori = partner.ori.strip().upper()
    match = _ORI.match(ori)
    if match is None or match["state"] not in us_states():
        raise AccountError(f"ORI {partner.ori!r} is not a state code and 7 letters or digits")
    if not partner.jurisdictions:
        raise AccountError("a partner officer needs at least one jurisdiction")
    try:
        codes = tuple(sorted({normalise_jurisdiction(j) for j in partner.jurisdictions}))
    except JurisdictionError as exc:
        raise AccountError(str(exc)) from None
    return PartnerFields(ori, partner.agency.strip(), codes, partner.certified_until)


def _new_user(request: AccountRequest) -> NewUser:
    username = request.username.strip().lower()
    if not _USERNAME.match(username):
        raise AccountError(
            f"username {request.username!r} must start with a letter and have 2-64 "
            "lower-case letters, digits or ._-"
        )
    if not request.full_name.strip():
        raise AccountError("an account needs the full name of the person who holds it")
    partner = _partner_fields(request.role, request.partner)
    try:
        password_hash = None if request.password is None else hash_password(request.password)
    except WeakPasswordError as exc:
        raise AccountError(str(exc)) from None
    return NewUser(username, request.full_name.strip(), request.role.value, password_hash, partner)


def add_account(
    store: OperationalStore, actor: Principal, purpose: Purpose, request: AccountRequest
) -> Account:
    """Create an account; ``AccountError`` if the request is invalid or the name taken."""
    new = _new_user(request)
    authorize(
        store, actor, Action.users_manage, purpose, target=f"add user:{new.username} ({new.role})"
    )
    try:
        return account_of(store.users.add(new, utc_now()))
    except UsernameTakenError as exc:
        raise AccountError(str(exc)) from None


def list_accounts(store: OperationalStore, actor: Principal, purpose: Purpose) -> list[Account]:
    authorize(store, actor, Action.users_manage, purpose, target="list users")
    return [account_of(r) for r in store.users.all()]


def disable_account(
    store: OperationalStore, actor: Principal, purpose: Purpose, username: str
) -> Account:
    """Disable an account at once: its sessions and keys stop working on the next request."""
    authorize(store, actor, Action.users_manage, purpose, target=f"disable user:{username}")
    try:
        return account_of(store.users.disable(username, utc_now()))
    except LookupError as exc:
        raise AccountError(str(exc.args[0])) from None


def issue_api_key(
    store: OperationalStore, actor: Principal, purpose: Purpose, username: str, label: str
) -> IssuedKey:
    """A new key for a partner officer's account (the partner agency's system acts as
    that officer). The key is in the answer and nowhere else."""
    record = store.users.by_username(username)
    if record is None or not record.active:
        raise AccountError(f"no active user {username!r}")
    if record.role != Role.partner_officer:
        raise AccountError("API keys are for partner systems: only partner officers hold them")
    if not label.strip():
        raise AccountError("a key needs a label saying which system holds it")
    authorize(store, actor, Action.users_manage, purpose, target=f"issue key for user:{username}")
    key = new_api_key()
    store.users.add_key(record.id, key.key_id, key.secret_hash, label.strip(), utc_now())
    return IssuedKey(username, key.key_id, key.plaintext)


def revoke_api_key(
    store: OperationalStore, actor: Principal, purpose: Purpose, key_id: str
) -> None:
    """Revoke a key: the partner system holding it is refused from its next request."""
    authorize(store, actor, Action.users_manage, purpose, target=f"revoke key {key_id}")
    try:
        store.users.revoke_key(key_id, utc_now())
    except LookupError as exc:
        raise AccountError(str(exc.args[0])) from None
