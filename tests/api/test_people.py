"""``GET /people`` and ``GET /people/{person_id}`` over the published sample: signed in,
with a purpose, audited; clear 4xx answers for what cannot be done; every response
model in the OpenAPI document."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import duckdb
import pytest
from fastapi.testclient import TestClient

from tessera.model.access import Role
from tessera.publish import publish_results
from tessera.settings import Settings
from tessera.store.operational import OperationalStore
from tests.accounts import PASSWORD, make_account

LEAD = {"X-Tessera-Purpose": "lead:L-9 checking an address"}


@pytest.fixture
def sample(sample_pipeline: Settings, api_store: OperationalStore) -> Iterator[dict[str, Any]]:
    """The sample published into the API's store, and a person to look for."""
    con = duckdb.connect(str(sample_pipeline.workspace_path), read_only=True)
    try:
        publish_results(con, api_store, run_id=None)
        row = con.execute(
            "SELECT p.entity_id, r.given, r.family, strftime(r.dob, '%Y-%m-%d'), r.a_number "
            "FROM status_people p JOIN record_entities e USING (entity_id) "
            "JOIN person_records r USING (feed, record_id) WHERE p.standing = 'NONCITIZEN' "
            "AND r.a_number IS NOT NULL AND r.dob IS NOT NULL AND r.given IS NOT NULL "
            "AND p.entity_id IN (SELECT entity_id FROM findings) ORDER BY 1 LIMIT 1"
        ).fetchone()
    finally:
        con.close()
    assert row is not None
    yield dict(zip(("person_id", "given", "family", "dob", "a_number"), row, strict=True))


def _sign_in(client: TestClient, store: OperationalStore, name: str, role: Role) -> None:
    make_account(store, name, role)
    answer = client.post("/auth/sign-in", json={"username": name, "password": PASSWORD})
    assert answer.status_code == 200


def test_search_finds_the_person_with_reasons(
    client: TestClient, api_store: OperationalStore, sample: dict[str, Any]
) -> None:
    _sign_in(client, api_store, "alice", Role.analyst)
    name = f"{sample['family']} {sample['given']}"
    answer = client.get("/people", params={"name": name, "dob": sample["dob"]}, headers=LEAD)
    assert answer.status_code == 200
    best = answer.json()[0]
    assert best["person_id"] == sample["person_id"] and best["confidence"] >= 0.9
    assert {r["part"] for r in best["reasons"]} >= {"name", "dob"}
    by_number = client.get(
        "/people", params={"identifier": f"a_number:{sample['a_number']}"}, headers=LEAD
    )
    assert by_number.json()[0]["person_id"] == sample["person_id"]


def test_the_dossier_answers_with_everything_the_records_show(
    client: TestClient, api_store: OperationalStore, sample: dict[str, Any]
) -> None:
    _sign_in(client, api_store, "alice", Role.analyst)
    answer = client.get(f"/people/{sample['person_id'].lower()}", headers=LEAD)
    assert answer.status_code == 200
    body = answer.json()
    assert body["person_id"] == sample["person_id"] and body["standing"] == "NONCITIZEN"
    assert body["claims"] and all(c["sources"] for c in body["claims"])
    assert body["findings"] and body["findings"][0]["rule_text"]
    assert body["timeline"] and body["links"]["records"]
    assert body["publication"]["id"] >= 1
    head = api_store.audit.head()
    assert head is not None
    [last] = [e for e in api_store.audit.walk(head.seq)][-1:]
    assert (last.event.action, last.event.person_id) == ("person:read", sample["person_id"])


@pytest.mark.parametrize(
    ("path", "params", "status", "says"),
    [
        ("/people", {"name": "ANA", "dob": "1985-02-30"}, 422, "no calendar day"),
        ("/people", {"name": "ANA", "sex": "Q"}, 422, "sex"),
        ("/people", {"identifier": "A012345678"}, 422, "kind:value"),
        ("/people", {"identifier": "shoe:9"}, 422, "identifier kind"),
        ("/people", {}, 422, "a name or an identifier"),
        ("/people/P0000000", {}, 404, "P0000000"),
        ("/people/NOT-AN-ID", {}, 404, "person id"),
    ],
)
def test_what_cannot_be_done_is_a_clear_4xx(
    client: TestClient,
    api_store: OperationalStore,
    sample: dict[str, Any],
    path: str,
    params: dict[str, str],
    status: int,
    says: str,
) -> None:
    _sign_in(client, api_store, "alice", Role.analyst)
    answer = client.get(path, params=params, headers=LEAD)
    assert answer.status_code == status, answer.text
    assert says in answer.json()["detail"]


def test_people_routes_need_a_user_a_purpose_and_the_policy(
    client: TestClient, api_store: OperationalStore, sample: dict[str, Any]
) -> None:
    assert client.get("/people", params={"name": "ANA"}).status_code == 401
    assert client.get(f"/people/{sample['person_id']}").status_code == 401
    _sign_in(client, api_store, "carol", Role.auditor)
    assert client.get("/people", params={"name": "ANA"}).status_code == 400
    refused = client.get(
        f"/people/{sample['person_id']}",
        headers={"X-Tessera-Purpose": "oversight:O-1 review"},
    )
    assert refused.status_code == 403
    assert "may not read a person" in refused.json()["detail"]


def test_the_openapi_document_describes_the_people_routes(
    client: TestClient, api_store: OperationalStore
) -> None:
    _sign_in(client, api_store, "alice", Role.analyst)
    document = client.get("/openapi.json").json()
    search = document["paths"]["/people"]["get"]
    read = document["paths"]["/people/{person_id}"]["get"]
    assert {"200", "400", "401", "403", "422"} <= set(search["responses"])
    assert {"200", "401", "403", "404"} <= set(read["responses"])
    assert {"CandidateOut", "DossierOut", "ClaimOut", "FindingOut", "TieOut"} <= set(
        document["components"]["schemas"]
    )
