"""Accounts through the service: validated, permitted to admins only, always audited."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import text

from tessera.model.access import Role
from tessera.security.api_keys import parse_api_key
from tessera.service.access import AccessDeniedError, local_operator
from tessera.service.auth import sign_in
from tessera.service.demo_accounts import create_demo_accounts
from tessera.service.users import (
    AccountError,
    AccountRequest,
    add_account,
    disable_account,
    issue_api_key,
    list_accounts,
    revoke_api_key,
)
from tessera.store.operational import OperationalStore
from tests.accounts import ADMINISTRATION, HARRIS_SO, PASSWORD, make_account

ADMIN = local_operator(Role.admin)


def _entries(store: OperationalStore) -> list[tuple[str, str, str | None]]:
    head = store.audit.head()
    assert head is not None
    return [(e.event.action, e.event.outcome, e.event.target) for e in store.audit.walk(head.seq)]


def test_an_admin_adds_an_account_and_the_log_says_so(access_store: OperationalStore) -> None:
    account = make_account(access_store, " Alice ", Role.analyst)
    assert (account.username, account.role, account.active, account.has_password) == (
        "alice",
        Role.analyst,
        True,
        True,
    )
    assert _entries(access_store) == [("users:manage", "allowed", "add user:alice (analyst)")]
    [entry] = access_store.audit.walk(1)
    assert entry.event.actor == ADMIN.username and entry.event.actor.startswith("cli:")
    assert (entry.event.purpose_kind, entry.event.purpose_ref) == ("administration", "T-1")


def test_a_partner_officer_is_stored_with_the_agreement(access_store: OperationalStore) -> None:
    wide = dataclasses.replace(HARRIS_SO, jurisdictions=("tx/harris", "OK", "TX/HARRIS"))
    account = make_account(access_store, "deputy", Role.partner_officer, partner=wide)
    assert account.partner is not None
    assert account.partner.jurisdictions == {"OK", "TX/HARRIS"}
    assert account.partner.certified_until == HARRIS_SO.certified_until


def test_no_one_but_an_admin_manages_accounts(access_store: OperationalStore) -> None:
    for role in (Role.analyst, Role.supervisor, Role.auditor):
        request = AccountRequest("mallory", "Mallory", Role.admin, PASSWORD)
        with pytest.raises(AccessDeniedError, match="may not manage user accounts"):
            add_account(access_store, local_operator(role), ADMINISTRATION, request)
    assert access_store.users.all() == []
    assert [o for _, o, _ in _entries(access_store)] == ["denied"] * 3


@pytest.mark.parametrize(
    ("request_", "message"),
    [
        (AccountRequest("Al ice", "A", Role.analyst, PASSWORD), "must start with a letter"),
        (AccountRequest("1alice", "A", Role.analyst, PASSWORD), "must start with a letter"),
        (AccountRequest("alice", " ", Role.analyst, PASSWORD), "full name"),
        (AccountRequest("alice", "A", Role.analyst, "short"), "at least 12"),
        (AccountRequest("alice", "A", Role.analyst, PASSWORD, HARRIS_SO), "no other role"),
        (AccountRequest("dep", "D", Role.partner_officer, PASSWORD), "needs an agency"),
        (
            AccountRequest(
                "dep",
                "D",
                Role.partner_officer,
                PASSWORD,
                dataclasses.replace(HARRIS_SO, ori="ZZ1"),
            ),
            "ORI 'ZZ1'",
        ),
        (
            AccountRequest(
                "dep",
                "D",
                Role.partner_officer,
                PASSWORD,
                dataclasses.replace(HARRIS_SO, jurisdictions=("Texas",)),
            ),
            "is not ST or ST/COUNTY",
        ),
        (
            AccountRequest(
                "dep",
                "D",
                Role.partner_officer,
                PASSWORD,
                dataclasses.replace(HARRIS_SO, jurisdictions=()),
            ),
            "at least one jurisdiction",
        ),
    ],
)
def test_invalid_requests_are_refused_before_anything_happens(
    access_store: OperationalStore, request_: AccountRequest, message: str
) -> None:
    with pytest.raises(AccountError, match=message):
        add_account(access_store, ADMIN, ADMINISTRATION, request_)
    assert access_store.users.all() == []


def test_a_taken_username_is_an_account_error(access_store: OperationalStore) -> None:
    make_account(access_store, "alice", Role.analyst)
    with pytest.raises(AccountError, match="'alice' is taken"):
        make_account(access_store, "ALICE", Role.auditor)


def test_accounts_are_listed_and_disabled(access_store: OperationalStore) -> None:
    make_account(access_store, "alice", Role.analyst)
    make_account(access_store, "bob", Role.auditor, password=None)
    disabled = disable_account(access_store, ADMIN, ADMINISTRATION, "alice")
    assert not disabled.active and disabled.disabled_at is not None
    listed = list_accounts(access_store, ADMIN, ADMINISTRATION)
    assert [(a.username, a.active, a.has_password) for a in listed] == [
        ("alice", False, True),
        ("bob", True, False),
    ]
    with pytest.raises(AccountError, match="no user 'carol'"):
        disable_account(access_store, ADMIN, ADMINISTRATION, "carol")
    assert ("users:manage", "allowed", "disable user:alice") in _entries(access_store)


def test_api_keys_go_to_partner_officers_only_and_are_kept_as_hashes(
    access_store: OperationalStore,
) -> None:
    make_account(access_store, "alice", Role.analyst)
    make_account(access_store, "deputy", Role.partner_officer, password=None)
    with pytest.raises(AccountError, match="only partner officers"):
        issue_api_key(access_store, ADMIN, ADMINISTRATION, "alice", "laptop")
    with pytest.raises(AccountError, match="needs a label"):
        issue_api_key(access_store, ADMIN, ADMINISTRATION, "deputy", " ")
    issued = issue_api_key(access_store, ADMIN, ADMINISTRATION, "deputy", "county RMS")
    presented = parse_api_key(issued.key)
    assert presented is not None and presented.key_id == issued.key_id
    with access_store.engine.connect() as connection:
        stored = connection.execute(text("SELECT * FROM api_keys")).all()
    assert len(stored) == 1 and presented.secret not in repr(stored)
    revoke_api_key(access_store, ADMIN, ADMINISTRATION, issued.key_id)
    key = access_store.users.key(issued.key_id)
    assert key is not None and key.revoked_at is not None
    with pytest.raises(AccountError, match="no API key"):
        revoke_api_key(access_store, ADMIN, ADMINISTRATION, "000000000000")


def test_demo_accounts_are_made_only_on_request_with_fresh_passwords(
    access_store: OperationalStore,
) -> None:
    assert access_store.users.all() == []  # a new store has no account, demo or otherwise
    made = create_demo_accounts(access_store, ADMIN, ADMINISTRATION)
    assert {a.role for a in made} == set(Role)
    assert len({a.password for a in made}) == len(made)
    analyst = next(a for a in made if a.role is Role.analyst)
    assert sign_in(access_store, analyst.username, analyst.password).principal.role is Role.analyst
    with pytest.raises(AccountError, match="demo accounts exist already"):
        create_demo_accounts(access_store, ADMIN, ADMINISTRATION)
    assert len(access_store.users.all()) == len(Role)
