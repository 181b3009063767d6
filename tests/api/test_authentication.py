"""Every route but /health and sign-in refuses an unauthenticated request with 401;
sessions are signed cookies that sign-out and disabling void; partner systems use keys."""

from __future__ import annotations

import base64
import json

import pytest
from fastapi.testclient import TestClient
from itsdangerous import TimestampSigner

from tessera.model.access import Role
from tessera.service.access import local_operator
from tessera.service.users import disable_account, issue_api_key, revoke_api_key
from tessera.store.operational import OperationalStore
from tests.accounts import ADMINISTRATION, PASSWORD, make_account
from tests.api.conftest import SECRET

OPEN = {"/health", "/auth/sign-in"}


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> dict[str, object]:
    answer = client.post("/auth/sign-in", json={"username": username, "password": password})
    assert answer.status_code == 200, answer.text
    body: dict[str, object] = answer.json()
    return body


def test_every_route_but_health_and_sign_in_refuses_the_unauthenticated(
    client: TestClient,
) -> None:
    paths = client.app.openapi()["paths"]  # type: ignore[attr-defined]
    routes = [(m.upper(), path) for path, ops in paths.items() for m in ops]
    routes.append(("GET", "/openapi.json"))  # not in its own document
    checked = set()
    for method, path in routes:
        if path in OPEN:
            continue
        answer = client.request(method, path)
        assert answer.status_code == 401, (method, path, answer.text)
        assert answer.headers["www-authenticate"] == "Bearer"
        assert answer.json() == {"detail": "not authenticated: sign in, or present a valid API key"}
        checked.add(path)
    assert {"/me", "/audit", "/auth/sign-out", "/openapi.json"} <= checked


def test_a_wrong_password_gets_401_and_no_session(
    client: TestClient, api_store: OperationalStore
) -> None:
    make_account(api_store, "alice", Role.analyst)
    for username, password in (("alice", "wrong password!"), ("nobody", PASSWORD)):
        answer = client.post("/auth/sign-in", json={"username": username, "password": password})
        assert answer.status_code == 401
        assert "set-cookie" not in answer.headers
    assert client.get("/me").status_code == 401
    assert client.post("/auth/sign-in", json={"username": "alice"}).status_code == 422


def test_signing_in_sets_a_strict_secure_session_holding_only_the_account_id(
    client: TestClient, api_store: OperationalStore
) -> None:
    make_account(api_store, "alice", Role.analyst)
    answer = client.post("/auth/sign-in", json={"username": "alice", "password": PASSWORD})
    assert answer.json()["username"] == "alice"
    cookie = answer.headers["set-cookie"]
    for flag in ("tessera_session=", "httponly", "samesite=strict", "secure", "Max-Age=28800"):
        assert flag.lower() in cookie.lower()
    value = client.cookies["tessera_session"]
    payload = json.loads(base64.b64decode(value.split(".")[0]))
    assert set(payload) == {"uid", "iat"}
    me = client.get("/me").json()
    assert (me["username"], me["role"], me["full_name"]) == ("alice", "analyst", "Alice Example")
    assert "person:read" in me["permissions"] and me["purposes"] == ["case", "lead"]


def test_only_a_cookie_signed_with_the_servers_key_is_accepted(
    client: TestClient, api_store: OperationalStore
) -> None:
    make_account(api_store, "alice", Role.analyst)
    user = api_store.users.by_username("alice")
    assert user is not None
    claims = {"uid": user.id, "iat": "2099-01-01T00:00:00+00:00"}
    payload = base64.b64encode(json.dumps(claims).encode())
    for secret, status in (("not the server's secret, but long enough", 401), (SECRET, 200)):
        client.cookies.clear()
        cookie = TimestampSigner(secret).sign(payload).decode()
        client.cookies.set("tessera_session", cookie)
        assert client.get("/me").status_code == status


def test_sign_out_voids_the_session_even_if_the_cookie_is_replayed(
    client: TestClient, api_store: OperationalStore
) -> None:
    make_account(api_store, "alice", Role.analyst)
    sign_in(client, "alice")
    stolen = client.cookies["tessera_session"]
    client.cookies.clear()
    client.cookies.set("tessera_session", stolen)
    assert client.get("/me").status_code == 200  # the copy works like the original...
    out = client.post("/auth/sign-out")
    assert out.status_code == 204
    assert "tessera_session=null" in out.headers["set-cookie"]  # the browser forgets it
    client.cookies.set("tessera_session", stolen)
    assert client.get("/me").status_code == 401  # ...until sign-out voids every session


def test_disabling_an_account_ends_its_session_at_once(
    client: TestClient, api_store: OperationalStore
) -> None:
    make_account(api_store, "alice", Role.analyst)
    sign_in(client, "alice")
    assert client.get("/me").status_code == 200
    disable_account(api_store, local_operator(Role.admin), ADMINISTRATION, "alice")
    assert client.get("/me").status_code == 401


def test_a_partner_system_authenticates_with_its_key(
    client: TestClient, api_store: OperationalStore
) -> None:
    make_account(api_store, "deputy", Role.partner_officer, password=None)
    issued = issue_api_key(api_store, local_operator(Role.admin), ADMINISTRATION, "deputy", "RMS")
    headers = {"Authorization": f"Bearer {issued.key}"}
    me = client.get("/me", headers=headers).json()
    assert (me["username"], me["role"]) == ("deputy", "partner_officer")
    assert me["partner"]["ori"] == "TX1234567"
    assert (me["partner"]["jurisdictions"], me["partner"]["certified"]) == (["TX/HARRIS"], True)
    revoke_api_key(api_store, local_operator(Role.admin), ADMINISTRATION, issued.key_id)
    assert client.get("/me", headers=headers).status_code == 401


@pytest.mark.parametrize("header", ["Bearer nonsense", "Basic YWxpY2U6cHc=", "Bearer", "tsk_x"])
def test_a_bad_authorization_header_is_not_rescued_by_a_good_cookie(
    client: TestClient, api_store: OperationalStore, header: str
) -> None:
    make_account(api_store, "alice", Role.analyst)
    sign_in(client, "alice")
    assert client.get("/me").status_code == 200
    assert client.get("/me", headers={"Authorization": header}).status_code == 401
