"""No input earns a server error: schemathesis sends generated requests, valid and
invalid, to every operation of the OpenAPI document the app serves, and checks each answer
is not a 5xx and is what the document promises (status, content type, headers, body).

Requests come from several signed-in roles (and a partner system's API key), with a
purpose the role may state or with whatever schemathesis makes of the purpose header, so
that both the policy's refusals and the routes behind it are reached. The operations are
read from the app when the test runs: new routes are fuzzed without a change here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import SecretStr
from schemathesis import APIOperation, BaseSchema, GenerationMode
from schemathesis.checks import content_type_conformance, not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tessera.api import create_app
from tessera.api.deps import PURPOSE_HEADER, SESSION_COOKIE
from tessera.model.access import Role
from tessera.service.access import local_operator
from tessera.service.demo_accounts import create_demo_accounts, demo_username
from tessera.service.users import issue_api_key
from tessera.settings import Settings
from tessera.store.operational import OperationalStore
from tests.accounts import ADMINISTRATION
from tests.api.conftest import SECRET

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
EXAMPLES_PER_OPERATION = 25
"""Enough to find the 500s a careless route has, few enough to run in well under a minute."""

SIGNED_IN: dict[Role, str] = {
    Role.supervisor: "case:C-1 fuzzing the API",
    Role.analyst: "lead:L-1 fuzzing the API",
    Role.auditor: "oversight:OV-1 fuzzing the API",
    Role.status_desk_operator: "status_query:SQ-1 fuzzing the API",
    Role.removal_officer: "case:C-2 fuzzing the API",
}
"""Each role with a purpose it may state: among them, every permission a route checks."""


@dataclass(frozen=True)
class Caller:
    name: str
    credentials: dict[str, str]
    purpose: str

    def headers(self) -> dict[str, str]:
        return {**self.credentials, PURPOSE_HEADER: self.purpose}


@pytest.fixture
def fuzz_store(tmp_path: Path) -> Iterator[OperationalStore]:
    store = OperationalStore(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    store.migrate()
    yield store
    store.dispose()


@pytest.fixture
def fuzz_app(tmp_path: Path, fuzz_store: OperationalStore) -> FastAPI:
    # Limits far above what a test sends: here the routes are under test, not the limits.
    settings = Settings(
        data_dir=tmp_path / "data",
        secret_key=SecretStr(SECRET),
        rate_limit_per_key="100000/second",
        rate_limit_per_session="100000/second",
    )
    return create_app(settings, fuzz_store)


@pytest.fixture
def callers(fuzz_app: FastAPI, fuzz_store: OperationalStore) -> list[Caller]:
    """The demo accounts signed in (sessions), and the demo partner's system (a key)."""
    admin = local_operator(Role.admin)
    accounts = {a.role: a for a in create_demo_accounts(fuzz_store, admin, ADMINISTRATION)}
    client = TestClient(fuzz_app, base_url="https://testserver")
    found = []
    for role, purpose in SIGNED_IN.items():
        account = accounts[role]
        signed_in = client.post(
            "/auth/sign-in", json={"username": account.username, "password": account.password}
        )
        assert signed_in.status_code == 200, signed_in.text
        cookie = f"{SESSION_COOKIE}={signed_in.cookies[SESSION_COOKIE]}"
        found.append(Caller(role.value, {"Cookie": cookie}, purpose))
    partner = demo_username(Role.partner_officer)
    key = issue_api_key(fuzz_store, admin, ADMINISTRATION, partner, "fuzz").key
    found.append(Caller("partner key", {"Authorization": f"Bearer {key}"}, "status_query:SQ-2 x"))
    return found


@pytest.fixture
def fuzz_schema(fuzz_app: FastAPI, callers: list[Caller]) -> BaseSchema:
    """The document as an authenticated client fetches it."""
    return schemathesis.openapi.from_asgi("/openapi.json", fuzz_app, headers=callers[0].headers())


def fuzz_operation(operation: APIOperation, callers: list[Caller]) -> None:
    """Hypothesis over one operation: valid and invalid requests, from each caller, with
    a purpose the caller may state or with the purpose header as generated."""
    cases = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )

    @given(case=cases, caller=st.sampled_from(callers), stated=st.booleans())
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def fuzz(case: schemathesis.Case, caller: Caller, stated: bool) -> None:
        if operation.path == "/auth/sign-out":
            # Signing out ends every session of the account: the others' sessions must live.
            caller = callers[-1]
        headers = caller.headers() if stated else caller.credentials
        if not stated and case.headers and PURPOSE_HEADER in case.headers:
            headers = {**headers, PURPOSE_HEADER: case.headers[PURPOSE_HEADER]}
        case.call_and_validate(headers=headers, checks=CHECKS)

    fuzz()


def test_no_request_gets_a_server_error_or_an_answer_off_the_document(
    fuzz_schema: BaseSchema, callers: list[Caller]
) -> None:
    operations = [result.ok() for result in fuzz_schema.get_all_operations()]
    assert len(operations) >= 5  # health, sign-in, sign-out, me, audit at the least
    failed = {}
    for operation in operations:
        try:
            fuzz_operation(operation, callers)
        except (Exception, FailureGroup) as exc:  # every operation's failure, not the first's
            failed[operation.label] = exc
    assert not failed, "\n\n".join(f"{label}:\n{exc}" for label, exc in failed.items())
