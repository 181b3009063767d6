"""Authentication: who is calling. A person signs in with a password and holds a signed
session; a partner system presents an API key. Sign-ins, sign-outs and refused
credentials are written to the audit log; what an authenticated caller then does is
written by the use case it calls.

The caller is told only "not authenticated": the log, not the answer, says whether the
user was unknown, disabled or the password wrong.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NoReturn

from tessera.model.access import Outcome
from tessera.model.audit import AuditEvent
from tessera.security import Principal
from tessera.security.api_keys import parse_api_key, secret_matches
from tessera.security.passwords import hash_password, verify_password
from tessera.security.secret_key import checked, load_or_create_secret
from tessera.service.access import allowed, event_for, record, utc_now
from tessera.service.users import principal_of
from tessera.settings import Settings
from tessera.store.operational import OperationalStore, UserRecord

SIGN_IN = "auth:sign-in"
SIGN_OUT = "auth:sign-out"
API_KEY = "auth:api-key"
MAX_CLAIMED_NAME = 64
"""A refused sign-in records the name it claimed, cut short: people type passwords there."""


class NotAuthenticatedError(Exception):
    """No valid credentials; the message is safe to show the caller."""

    def __init__(self) -> None:
        super().__init__("not authenticated: sign in, or present a valid API key")


@dataclass(frozen=True)
class SignedIn:
    principal: Principal
    issued_at: dt.datetime
    """When the session began; sessions issued before a sign-out or a disable are void."""


def _refuse(
    store: OperationalStore, actor: str, role: str | None, action: str, why: str
) -> NoReturn:
    event = AuditEvent(
        at=utc_now(),
        actor=actor[:MAX_CLAIMED_NAME] or "(none)",
        actor_role=role,
        action=action,
        outcome=Outcome.denied.value,
        reason=why,
    )
    record(store, event)
    raise NotAuthenticatedError


def _password_refusal(user: UserRecord | None, ok: bool) -> str | None:
    if user is None:
        return "unknown user"
    if not user.active:
        return "account disabled"
    if user.password_hash is None:
        return "account has no password (API keys only)"
    return None if ok else "wrong password"


def sign_in(store: OperationalStore, username: str, password: str) -> SignedIn:
    """Check a password; ``NotAuthenticatedError`` (and a log entry saying why) if it fails."""
    name = username.strip().lower()
    user = store.users.by_username(name)
    # Verified even for an unknown user (against a dummy hash): the answer's timing
    # must not tell which accounts exist.
    check = verify_password(user.password_hash if user else None, password)
    why = _password_refusal(user, check.ok)
    if user is None or why is not None:
        _refuse(store, name, user.role if user else None, SIGN_IN, why or "unknown user")
    if check.needs_rehash:
        store.users.set_password_hash(user.id, hash_password(password))
    principal = principal_of(user)
    record(store, event_for(principal, SIGN_IN, allowed("password accepted")))
    return SignedIn(principal, utc_now())


def sign_out(store: OperationalStore, principal: Principal) -> None:
    """End every session the user holds, on every device."""
    if principal.user_id is not None:
        store.users.end_sessions(principal.user_id, utc_now())
    record(store, event_for(principal, SIGN_OUT, allowed("signed out; sessions ended")))


def principal_for_session(
    store: OperationalStore, user_id: int, issued_at: dt.datetime
) -> Principal | None:
    """The caller a session names, if the account is active and the session not void."""
    user = store.users.by_id(user_id)
    if user is None or not user.active or issued_at < user.sessions_valid_from:
        return None
    return principal_of(user)


def principal_for_key(store: OperationalStore, presented: str) -> Principal:
    """The caller an API key stands for; ``NotAuthenticatedError`` (logged) if it is not valid."""
    key = parse_api_key(presented)
    if key is None:
        _refuse(store, "(api key)", None, API_KEY, "malformed API key")
    stored = store.users.key(key.key_id)
    user = store.users.by_id(stored.user_id) if stored else None
    if stored is None or user is None:
        _refuse(store, "(api key)", None, API_KEY, f"unknown API key {key.key_id}")
    if not secret_matches(key.secret, stored.secret_hash):
        _refuse(store, user.username, user.role, API_KEY, f"wrong secret for key {key.key_id}")
    if stored.revoked_at is not None:
        _refuse(store, user.username, user.role, API_KEY, f"key {key.key_id} is revoked")
    if not user.active:
        _refuse(store, user.username, user.role, API_KEY, "account disabled")
    return principal_of(user)


def session_secret(settings: Settings) -> str:
    """The key that signs session cookies: ``TESSERA_SECRET_KEY``, else the data
    directory's own (made on first use)."""
    if settings.secret_key is not None:
        return checked(settings.secret_key.get_secret_value(), "TESSERA_SECRET_KEY")
    return load_or_create_secret(settings.data_dir)
