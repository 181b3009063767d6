"""The site without a browser: pages send a visitor without a session to the sign-in page
and bring them back; API routes keep answering 401; sign-in through the form is audited
like the API's; forms without this session's token are refused; every page carries the
security headers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tessera.model.access import Role
from tessera.settings import Settings
from tessera.store.operational import OperationalStore
from tessera.web import create_site
from tests.accounts import PASSWORD, make_account


@pytest.fixture
def site(api_settings: Settings, api_store: OperationalStore) -> Iterator[TestClient]:
    app = create_site(api_settings, api_store)
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as test:
        yield test


def _sign_in(site: TestClient, username: str, next_page: str = "") -> str:
    page = site.get("/sign-in")
    assert page.status_code == 200
    answer = site.post(
        "/sign-in", data={"username": username, "password": PASSWORD, "next": next_page}
    )
    assert answer.status_code == 303, answer.text
    return answer.headers["location"]


def test_a_page_without_a_session_goes_to_sign_in_and_comes_back(
    site: TestClient, api_store: OperationalStore
) -> None:
    answer = site.get("/ui/search?name=ROSA")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/sign-in?next=%2Fui%2Fsearch%3Fname%3DROSA"
    make_account(api_store, "alice", Role.analyst)
    assert _sign_in(site, "alice", "/ui/search?name=ROSA") == "/ui/search?name=ROSA"


def test_api_routes_still_answer_401_as_json(site: TestClient) -> None:
    for path in ("/people?name=ROSA", "/leads", "/me"):
        answer = site.get(path)
        assert answer.status_code == 401, path
        assert answer.headers["content-type"].startswith("application/json")


def test_sign_in_lands_each_role_on_its_screen(
    site: TestClient, api_store: OperationalStore
) -> None:
    make_account(api_store, "audrey", Role.auditor)
    assert _sign_in(site, "audrey") == "/ui/audit"
    assert site.get("/").headers["location"] == "/ui/audit"


def test_a_wrong_password_is_refused_and_recorded(
    site: TestClient, api_store: OperationalStore
) -> None:
    make_account(api_store, "alice", Role.analyst)
    answer = site.post("/sign-in", data={"username": "alice", "password": "nope"})
    assert answer.status_code == 401 and "Wrong username or password" in answer.text
    head = api_store.audit.head()
    assert head is not None
    last = list(api_store.audit.walk(head.seq))[-1].event
    assert last.actor == "alice" and last.outcome == "denied"


def test_open_redirects_are_refused(site: TestClient, api_store: OperationalStore) -> None:
    make_account(api_store, "alice", Role.analyst)
    assert _sign_in(site, "alice", "//evil.example/x") == "/ui/search"


def test_a_form_without_the_session_token_is_refused(
    site: TestClient, api_store: OperationalStore
) -> None:
    make_account(api_store, "alice", Role.analyst)
    _sign_in(site, "alice")
    forged = site.post("/ui/purpose", data={"kind": "case", "reference": "C-1", "text": "x"})
    assert forged.status_code == 422 and "expired or came from another site" in forged.text
    assert "text/html" in forged.headers["content-type"]


def test_a_stated_purpose_is_kept_and_shown(site: TestClient, api_store: OperationalStore) -> None:
    make_account(api_store, "alice", Role.analyst)
    _sign_in(site, "alice")
    form = site.get("/ui/purpose")
    token = form.text.split('name="csrf" value="')[1].split('"')[0]
    stated = site.post(
        "/ui/purpose",
        data={
            "csrf": token,
            "kind": "case",
            "reference": "C-7",
            "text": "fraud ring",
            "next": "/ui/me",
        },
    )
    assert stated.status_code == 303 and stated.headers["location"] == "/ui/me"
    assert "case:C-7 fraud ring" in site.get("/ui/me").text
    refused = site.post(
        "/ui/purpose",
        data={"csrf": token, "kind": "administration", "reference": "A-1", "text": "x"},
    )
    assert refused.status_code == 422 and "you may state" in refused.text


def test_unknown_pages_are_pages_and_carry_the_security_headers(
    site: TestClient, api_store: OperationalStore
) -> None:
    make_account(api_store, "alice", Role.analyst)
    _sign_in(site, "alice")
    missing = site.get("/ui/no-such-screen")
    assert missing.status_code == 404 and "text/html" in missing.headers["content-type"]
    assert "script-src 'self'" in missing.headers["content-security-policy"]
    assert missing.headers["cache-control"] == "no-store"
