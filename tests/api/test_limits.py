"""Rate limits per caller: each API key and each signed-in user has their own allowance;
past it the answer is 429 with Retry-After and says why; other callers and /health go on.
The limits are per hour here, so that no test depends on how fast it runs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tessera.api import create_app
from tessera.api.limits import Bucket, CallerLimits, bucket_of
from tessera.model.access import Role
from tessera.service.access import local_operator
from tessera.service.users import issue_api_key
from tessera.settings import Settings
from tessera.store.operational import OperationalStore
from tests.accounts import ADMINISTRATION, PASSWORD, make_account
from tests.api.asgi_calls import http_scope

KEY_ID = "0123456789ab"
SECRET = "s" * 43


def bearer(token: str) -> list[tuple[bytes, bytes]]:
    return [(b"authorization", f"Bearer {token}".encode())]


def test_an_api_key_is_its_own_bucket_and_a_forged_secret_another() -> None:
    real = bucket_of(http_scope("/me", bearer(f"tsk_{KEY_ID}_{SECRET}")))
    forged = bucket_of(http_scope("/me", bearer(f"tsk_{KEY_ID}_{'f' * 43}")))
    assert real is not None and forged is not None
    assert real.kind == forged.kind == "api key"
    assert real.key.startswith(KEY_ID)
    assert real != forged  # knowing a key id does not spend its holder's allowance


def test_a_session_is_the_users_bucket_and_nothing_else_is_limited() -> None:
    session = {**http_scope("/me"), "session": {"uid": 7, "iat": "2026-01-01T00:00:00"}}
    assert bucket_of(session) == Bucket("session", "user:7")
    assert bucket_of(http_scope("/me")) is None
    assert bucket_of(http_scope("/me", bearer("not a key"))) is None
    # A header decides alone, as in authentication: a bad one is not rescued by a cookie.
    both = {**http_scope("/me", bearer("not a key")), "session": {"uid": 7}}
    assert bucket_of(both) is None


def test_a_caller_past_the_window_waits_until_a_slot_frees() -> None:
    limits = CallerLimits(per_key="2/hour", per_session="1/hour;5/day")
    alice, bob = Bucket("session", "user:1"), Bucket("session", "user:2")
    assert limits.retry_after(alice) is None
    wait = limits.retry_after(alice)
    assert wait is not None and 3590 < wait <= 3600
    assert limits.retry_after(bob) is None  # others are not held back
    assert limits.describe(alice) == "1 per 1 hour; 5 per 1 day"


def test_a_malformed_limit_fails_at_start() -> None:
    with pytest.raises(ValueError):
        CallerLimits(per_key="fifty a second", per_session="1/hour")


@pytest.fixture
def limited(api_settings: Settings, api_store: OperationalStore) -> Iterator[TestClient]:
    settings = api_settings.model_copy(
        update={"rate_limit_per_key": "3/hour", "rate_limit_per_session": "2/hour"}
    )
    with TestClient(create_app(settings, api_store), base_url="https://testserver") as client:
        yield client


def partner_key(store: OperationalStore, username: str) -> str:
    make_account(store, username, Role.partner_officer)
    admin = local_operator(Role.admin)
    return issue_api_key(store, admin, ADMINISTRATION, username, "county RMS").key


def test_a_partner_key_past_its_limit_gets_429_and_others_go_on(
    limited: TestClient, api_store: OperationalStore
) -> None:
    first, second = partner_key(api_store, "harris"), partner_key(api_store, "dallas")
    as_first = {"Authorization": f"Bearer {first}"}
    assert [limited.get("/me", headers=as_first).status_code for _ in range(3)] == [200] * 3
    refused = limited.get("/me", headers=as_first)
    assert refused.status_code == 429
    assert 3590 < int(refused.headers["Retry-After"]) <= 3600
    assert refused.json()["detail"].startswith(
        "rate limit of this api key reached (3 per 1 hour); retry after "
    )
    assert limited.get("/me", headers={"Authorization": f"Bearer {second}"}).status_code == 200
    assert all(limited.get("/health").status_code == 200 for _ in range(5))


def test_a_signed_in_user_past_the_session_limit_gets_429(
    limited: TestClient, api_store: OperationalStore
) -> None:
    make_account(api_store, "alice", Role.analyst)
    signed_in = limited.post("/auth/sign-in", json={"username": "alice", "password": PASSWORD})
    assert signed_in.status_code == 200  # before the session exists: not charged to it
    assert [limited.get("/me").status_code for _ in range(3)] == [200, 200, 429]


def test_every_route_but_health_documents_the_429(client: TestClient) -> None:
    paths = client.app.openapi()["paths"]  # type: ignore[attr-defined]
    for path, operations in paths.items():
        for method, operation in operations.items():
            documented = "429" in operation["responses"]
            assert documented == (path != "/health"), f"{method.upper()} {path}"
    too_many = paths["/me"]["get"]["responses"]["429"]
    assert "Retry-After" in too_many["headers"]
