"""``GET /audit``: auditors only, an oversight purpose in ``X-Tessera-Purpose``, queries by
user, person and date -- and the whole path (sign-in, purpose, policy, log) end to end."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tessera.api import create_app
from tessera.model.access import PurposeKind, Role
from tessera.security import Action, Principal, Purpose, SubjectFacts
from tessera.service.access import authorize
from tessera.settings import Settings
from tessera.store.operational import OperationalStore
from tests.accounts import PASSWORD, make_account

OVERSIGHT = {"X-Tessera-Purpose": "oversight:OV-7 monthly review of partner access"}


def signed_in(client: TestClient, store: OperationalStore, username: str, role: Role) -> None:
    make_account(store, username, role)
    answer = client.post("/auth/sign-in", json={"username": username, "password": PASSWORD})
    assert answer.status_code == 200


def reads(store: OperationalStore) -> None:
    """Two analysts read three people (as the people API will)."""
    lead = Purpose(PurposeKind.lead, "L-1", "checking address")
    for i, person in enumerate(("P-1", "P-2", "P-1")):
        analyst = Principal(None, f"analyst{i % 2}", Role.analyst)
        authorize(store, analyst, Action.person_read, lead, SubjectFacts(person))


def test_the_audit_route_needs_a_readable_purpose(
    client: TestClient, api_store: OperationalStore
) -> None:
    signed_in(client, api_store, "auditor", Role.auditor)
    missing = client.get("/audit")
    assert missing.status_code == 400
    assert "X-Tessera-Purpose" in missing.json()["detail"]
    unreadable = client.get("/audit", headers={"X-Tessera-Purpose": "curiosity:1 looking"})
    assert unreadable.status_code == 400
    assert "kind 'curiosity' is unknown" in unreadable.json()["detail"]


def test_the_policy_decides_who_reads_the_log_and_for_what(
    client: TestClient, api_store: OperationalStore
) -> None:
    signed_in(client, api_store, "auditor", Role.auditor)
    wrong = client.get("/audit", headers={"X-Tessera-Purpose": "lead:L-1 curious"})
    assert wrong.status_code == 403
    assert wrong.json()["detail"] == ("an auditor may not act for a lead purpose (only: oversight)")
    client.post("/auth/sign-out")
    signed_in(client, api_store, "alice", Role.analyst)
    refused = client.get("/audit", headers=OVERSIGHT)
    assert refused.status_code == 403
    assert refused.json()["detail"] == "an analyst may not read the audit log"


def test_an_auditor_queries_by_user_person_and_date(
    client: TestClient, api_store: OperationalStore
) -> None:
    reads(api_store)
    signed_in(client, api_store, "auditor", Role.auditor)

    def seqs(**params: object) -> list[int]:
        answer = client.get("/audit", params=params, headers=OVERSIGHT)
        assert answer.status_code == 200, answer.text
        return [e["seq"] for e in answer.json()["entries"] if e["action"] == "person:read"]

    assert seqs(user="analyst0") == [3, 1]
    assert seqs(person="P-2") == [2]
    assert seqs(user="analyst0", person="P-2") == []
    assert seqs(since="2000-01-01T00:00:00", until="2000-01-02") == []
    assert seqs(since="2000-01-01T00:00:00Z") == [3, 2, 1]
    assert client.get("/audit", params={"limit": 0}, headers=OVERSIGHT).status_code == 422
    assert client.get("/audit", params={"since": "soon"}, headers=OVERSIGHT).status_code == 422
    by_action = client.get("/audit", params={"action": "person:read"}, headers=OVERSIGHT)
    assert [e["seq"] for e in by_action.json()["entries"]] == [3, 2, 1]
    sign_ins = client.get(
        "/audit", params={"outcome": "allowed", "action": "auth:sign-in"}, headers=OVERSIGHT
    ).json()["entries"]
    assert [e["actor"] for e in sign_ins] == ["auditor"]
    assert client.get("/audit", params={"outcome": "maybe"}, headers=OVERSIGHT).status_code == 422


def test_entries_show_purpose_and_chain_and_pages_go_back(
    client: TestClient, api_store: OperationalStore
) -> None:
    reads(api_store)
    signed_in(client, api_store, "auditor", Role.auditor)
    first = client.get("/audit", params={"limit": 2}, headers=OVERSIGHT).json()
    newest, older = first["entries"]
    assert (newest["action"], newest["actor"], newest["purpose"]) == (
        "audit:read",
        "auditor",
        {"kind": "oversight", "reference": "OV-7", "text": "monthly review of partner access"},
    )
    assert newest["prev_hash"] == older["entry_hash"]  # consecutive entries, linked
    assert older["action"] == "auth:sign-in"
    assert first["next_before"] == older["seq"]
    rest = client.get("/audit", params={"before": older["seq"]}, headers=OVERSIGHT).json()
    assert [e["seq"] for e in rest["entries"]] == [4, 3, 2, 1]
    assert rest["next_before"] is None


def test_a_percent_encoded_purpose_is_kept_as_written(
    client: TestClient, api_store: OperationalStore
) -> None:
    signed_in(client, api_store, "auditor", Role.auditor)
    header = {"X-Tessera-Purpose": "oversight:OV-8 v%C3%A9rification trimestrielle"}
    assert client.get("/audit", headers=header).status_code == 200
    entries = client.get("/audit", params={"limit": 2}, headers=OVERSIGHT).json()["entries"]
    entry = entries[1]  # the one before this query's own entry
    assert entry["purpose"]["reference"] == "OV-8"
    assert entry["purpose"]["text"] == "vérification trimestrielle"


@pytest.fixture
def any_backend_client(
    store_url: str, tmp_path: Path
) -> Iterator[tuple[TestClient, OperationalStore]]:
    settings = Settings(data_dir=tmp_path / "data", store_url=store_url)
    app = create_app(settings)
    with TestClient(app, base_url="https://testserver") as test:
        yield test, app.state.store


def test_sign_in_purpose_policy_and_log_end_to_end_on_each_backend(
    any_backend_client: tuple[TestClient, OperationalStore], tmp_path: Path
) -> None:
    client, store = any_backend_client
    assert (tmp_path / "data" / "secret_key").is_file()  # made, not built in
    assert client.get("/health").json() == {"status": "ok"}
    signed_in(client, store, "auditor", Role.auditor)
    answer = client.get("/audit", params={"user": "auditor"}, headers=OVERSIGHT)
    assert answer.status_code == 200
    actions = [(e["action"], e["outcome"]) for e in answer.json()["entries"]]
    assert actions == [("audit:read", "allowed"), ("auth:sign-in", "allowed")]
    assert client.post("/auth/sign-out").status_code == 204
    assert client.get("/audit", headers=OVERSIGHT).status_code == 401
