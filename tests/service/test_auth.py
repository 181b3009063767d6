"""Authentication: passwords, sessions, API keys; every refusal in the log, none explained
to the caller."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST
from pydantic import SecretStr

from tessera.model.access import Role
from tessera.security.secret_key import SecretKeyError
from tessera.service.access import local_operator, utc_now
from tessera.service.auth import (
    NotAuthenticatedError,
    principal_for_key,
    principal_for_session,
    session_secret,
    sign_in,
    sign_out,
)
from tessera.service.users import disable_account, issue_api_key, revoke_api_key
from tessera.settings import Settings
from tessera.store.operational import OperationalStore
from tests.accounts import ADMINISTRATION, PASSWORD, make_account

ADMIN = local_operator(Role.admin)


def last_entry(store: OperationalStore) -> tuple[str, str, str, str]:
    head = store.audit.head()
    assert head is not None
    *_, entry = store.audit.walk(head.seq)
    return entry.event.actor, entry.event.action, entry.event.outcome, entry.event.reason


def test_the_right_password_signs_in_and_is_logged(access_store: OperationalStore) -> None:
    make_account(access_store, "alice", Role.analyst)
    signed = sign_in(access_store, "ALICE ", PASSWORD)
    assert (signed.principal.username, signed.principal.role) == ("alice", Role.analyst)
    assert signed.principal.full_name == "Alice Example"
    assert last_entry(access_store) == ("alice", "auth:sign-in", "allowed", "password accepted")


@pytest.mark.parametrize(
    ("username", "password", "why"),
    [
        ("alice", "not the password", "wrong password"),
        ("nobody", PASSWORD, "unknown user"),
        ("disabled", PASSWORD, "account disabled"),
        ("keysonly", PASSWORD, "account has no password (API keys only)"),
    ],
)
def test_a_refused_sign_in_is_logged_with_why_and_the_caller_learns_nothing(
    access_store: OperationalStore, username: str, password: str, why: str
) -> None:
    make_account(access_store, "alice", Role.analyst)
    make_account(access_store, "disabled", Role.analyst)
    make_account(access_store, "keysonly", Role.partner_officer, password=None)
    disable_account(access_store, ADMIN, ADMINISTRATION, "disabled")
    with pytest.raises(NotAuthenticatedError) as refused:
        sign_in(access_store, username, password)
    assert str(refused.value) == "not authenticated: sign in, or present a valid API key"
    assert last_entry(access_store) == (username, "auth:sign-in", "denied", why)


def test_a_hash_made_with_old_parameters_is_upgraded_at_sign_in(
    access_store: OperationalStore,
) -> None:
    make_account(access_store, "alice", Role.analyst)
    user = access_store.users.by_username("alice")
    assert user is not None
    access_store.users.set_password_hash(
        user.id, PasswordHasher.from_parameters(CHEAPEST).hash(PASSWORD)
    )
    sign_in(access_store, "alice", PASSWORD)
    upgraded = access_store.users.by_username("alice")
    assert upgraded is not None and upgraded.password_hash is not None
    assert upgraded.password_hash.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert sign_in(access_store, "alice", PASSWORD).principal.username == "alice"


def test_a_session_lasts_until_sign_out_or_disable(access_store: OperationalStore) -> None:
    make_account(access_store, "alice", Role.analyst)
    signed = sign_in(access_store, "alice", PASSWORD)
    uid = signed.principal.user_id
    assert uid is not None
    assert principal_for_session(access_store, uid, signed.issued_at) == signed.principal
    before_account = signed.issued_at - dt.timedelta(days=1)
    assert principal_for_session(access_store, uid, before_account) is None
    sign_out(access_store, signed.principal)
    assert principal_for_session(access_store, uid, signed.issued_at) is None
    assert last_entry(access_store)[1:3] == ("auth:sign-out", "allowed")
    again = sign_in(access_store, "alice", PASSWORD)
    assert principal_for_session(access_store, uid, again.issued_at) is not None
    disable_account(access_store, ADMIN, ADMINISTRATION, "alice")
    assert principal_for_session(access_store, uid, utc_now()) is None
    assert principal_for_session(access_store, 9999, utc_now()) is None


def test_an_api_key_stands_for_its_partner_officer(access_store: OperationalStore) -> None:
    make_account(access_store, "deputy", Role.partner_officer, password=None)
    key = issue_api_key(access_store, ADMIN, ADMINISTRATION, "deputy", "county RMS").key
    principal = principal_for_key(access_store, key)
    assert (principal.username, principal.role) == ("deputy", Role.partner_officer)
    assert principal.partner is not None and principal.partner.ori == "TX1234567"


def test_bad_keys_are_refused_and_logged(access_store: OperationalStore) -> None:
    make_account(access_store, "deputy", Role.partner_officer, password=None)
    issued = issue_api_key(access_store, ADMIN, ADMINISTRATION, "deputy", "county RMS")
    other = issue_api_key(access_store, ADMIN, ADMINISTRATION, "deputy", "spare")
    wrong_secret = issued.key[: -len(other.key.split("_", 2)[2])] + other.key.split("_", 2)[2]
    cases = [
        ("garbage", "(api key)", "malformed API key"),
        ("tsk_000000000000_" + "a" * 43, "(api key)", "unknown API key 000000000000"),
        (wrong_secret, "deputy", f"wrong secret for key {issued.key_id}"),
    ]
    for presented, actor, why in cases:
        with pytest.raises(NotAuthenticatedError):
            principal_for_key(access_store, presented)
        assert last_entry(access_store) == (actor, "auth:api-key", "denied", why)
    revoke_api_key(access_store, ADMIN, ADMINISTRATION, issued.key_id)
    with pytest.raises(NotAuthenticatedError):
        principal_for_key(access_store, issued.key)
    assert last_entry(access_store)[3] == f"key {issued.key_id} is revoked"
    disable_account(access_store, ADMIN, ADMINISTRATION, "deputy")
    with pytest.raises(NotAuthenticatedError):
        principal_for_key(access_store, other.key)
    assert last_entry(access_store)[3] == "account disabled"


def test_the_session_secret_comes_from_settings_or_the_data_dir(tmp_path: Path) -> None:
    configured = Settings(data_dir=tmp_path, secret_key=SecretStr("s" * 40))
    assert session_secret(configured) == "s" * 40
    assert not (tmp_path / "secret_key").exists()
    made = session_secret(Settings(data_dir=tmp_path))
    assert (tmp_path / "secret_key").read_text().strip() == made
    with pytest.raises(SecretKeyError, match="TESSERA_SECRET_KEY"):
        session_secret(Settings(data_dir=tmp_path, secret_key=SecretStr("short")))
