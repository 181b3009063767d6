"""Accounts and API keys in the store, the same on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from tessera.store.operational import NewUser, OperationalStore, PartnerFields, UsernameTakenError

T0 = dt.datetime(2026, 6, 30, 12, 0, tzinfo=dt.UTC)
DEPUTY = PartnerFields(
    "TX1234567", "Harris County SO", ("TX/HARRIS", "TX/FORT BEND"), dt.date(2027, 1, 31)
)


def _add(store: OperationalStore, name: str, role: str = "analyst", **kw: object) -> int:
    user = NewUser(name, f"{name.title()} Example", role, "$argon2id$fake", **kw)  # type: ignore[arg-type]
    return store.users.add(user, T0).id


def test_an_account_round_trips(store: OperationalStore) -> None:
    uid = _add(store, "deputy", "partner_officer", partner=DEPUTY)
    found = store.users.by_username("deputy")
    assert found is not None and found == store.users.by_id(uid)
    assert (found.role, found.active, found.partner, found.disabled_at) == (
        "partner_officer",
        True,
        DEPUTY,
        None,
    )
    assert found.created_at == found.sessions_valid_from == T0
    assert found.created_at.tzinfo is dt.UTC
    assert store.users.by_username("nobody") is None and store.users.by_id(999) is None


def test_a_username_is_taken_for_good(store: OperationalStore) -> None:
    _add(store, "alice")
    store.users.disable("alice", T0)
    with pytest.raises(UsernameTakenError, match="'alice' is taken"):
        _add(store, "alice")
    assert [u.username for u in store.users.all()] == ["alice"]


def test_disabling_voids_sessions_and_keeps_the_account(store: OperationalStore) -> None:
    _add(store, "bob")
    later = T0 + dt.timedelta(hours=1)
    disabled = store.users.disable("bob", later)
    assert (disabled.active, disabled.disabled_at, disabled.sessions_valid_from) == (
        False,
        later,
        later,
    )
    again = store.users.disable("bob", later + dt.timedelta(hours=1))
    assert again.disabled_at == later  # the first disable is the one on record
    with pytest.raises(LookupError, match="no user 'carol'"):
        store.users.disable("carol", later)


def test_the_database_refuses_unknown_roles_and_half_partners(store: OperationalStore) -> None:
    insert = (
        "INSERT INTO users (username, full_name, role, active, created_at, sessions_valid_from, "
        "partner_ori, partner_agency, jurisdictions, certified_until) VALUES "
        "(:u, 'X', :role, true, :t, :t, :ori, :agency, :j, :until)"
    )
    bad = [
        {"role": "superuser", "ori": None, "agency": None, "j": None, "until": None},
        {"role": "partner_officer", "ori": "TX1234567", "agency": None, "j": "TX", "until": None},
        {"role": "analyst", "ori": "TX1234567", "agency": None, "j": None, "until": None},
    ]
    for i, values in enumerate(bad):
        with pytest.raises(IntegrityError), store.engine.begin() as connection:
            connection.execute(text(insert), {"u": f"x{i}", "t": T0, **values})
    assert store.users.all() == []


def test_keys_are_found_by_id_and_revoked(store: OperationalStore) -> None:
    uid = _add(store, "deputy", "partner_officer", partner=DEPUTY)
    key = store.users.add_key(uid, "abcdef012345", "f" * 64, "county RMS", T0)
    assert store.users.key("abcdef012345") == key
    assert (key.user_id, key.label, key.revoked_at) == (uid, "county RMS", None)
    revoked = store.users.revoke_key("abcdef012345", T0 + dt.timedelta(days=1))
    assert revoked.revoked_at == T0 + dt.timedelta(days=1)
    assert store.users.keys_of(uid) == [revoked]
    with pytest.raises(LookupError):
        store.users.revoke_key("000000000000", T0)
    with pytest.raises(IntegrityError):
        store.users.add_key(uid, "abcdef012345", "e" * 64, "duplicate id", T0)


def test_password_hashes_and_sessions_are_updated(store: OperationalStore) -> None:
    uid = _add(store, "alice")
    store.users.set_password_hash(uid, "$argon2id$new")
    store.users.end_sessions(uid, T0 + dt.timedelta(minutes=5))
    found = store.users.by_id(uid)
    assert found is not None
    assert (found.password_hash, found.sessions_valid_from) == (
        "$argon2id$new",
        T0 + dt.timedelta(minutes=5),
    )
