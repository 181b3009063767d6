"""The status desk over HTTP: a partner system's IAQ by API key, the operator's queue and
response, and a partner's detainer request waiting for a supervisor."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import duckdb
import pytest
from fastapi.testclient import TestClient

from tessera.model.access import Role
from tessera.publish import publish_results
from tessera.service.access import local_operator
from tessera.service.users import issue_api_key
from tessera.settings import Settings
from tessera.store.operational import OperationalStore
from tests.accounts import ADMINISTRATION, PASSWORD, make_account

ASK = {"X-Tessera-Purpose": "status_query:IAQ-7 traffic stop"}
CASE = {"X-Tessera-Purpose": "case:C-7 detainer review"}


@pytest.fixture
def person(sample_pipeline: Settings, api_store: OperationalStore) -> Iterator[dict[str, Any]]:
    con = duckdb.connect(str(sample_pipeline.workspace_path), read_only=True)
    try:
        publish_results(con, api_store, run_id=None)
        row = con.execute(
            "SELECT p.entity_id, r.family || ', ' || r.given, strftime(r.dob, '%Y-%m-%d') "
            "FROM status_people p JOIN record_entities e USING (entity_id) "
            "JOIN person_records r USING (feed, record_id) WHERE p.standing = 'NONCITIZEN' "
            "AND r.dob IS NOT NULL AND r.given IS NOT NULL AND r.family IS NOT NULL "
            "AND p.entity_id NOT IN (SELECT entity_id FROM status_filings "
            "WHERE form IN ('I-914', 'I-918')) ORDER BY 1 LIMIT 1"
        ).fetchone()
    finally:
        con.close()
    assert row is not None
    yield {"person_id": row[0], "name": row[1], "dob": row[2]}


def _iaq(person: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "ori": "TX1234567",
        "purpose_code": "C",
        "attention": "Sgt. Example",
        "name": person["name"],
        "dob": person["dob"],
        "in_custody": True,
        "offence_code": "0399",
        **extra,
    }


def _partner_key(store: OperationalStore) -> dict[str, str]:
    make_account(store, "deputy", Role.partner_officer)
    issued = issue_api_key(store, local_operator(Role.admin), ADMINISTRATION, "deputy", "RMS")
    return {"Authorization": f"Bearer {issued.key}"}


def test_an_iaq_by_api_key_is_answered_or_queued_and_an_operator_completes_it(
    client: TestClient, api_store: OperationalStore, person: dict[str, Any]
) -> None:
    key = _partner_key(api_store)
    assert client.post("/status-queries", json=_iaq(person), headers=ASK).status_code == 401
    claimed = client.post(
        "/status-queries", json=_iaq(person, citizenship_claimed=True), headers={**ASK, **key}
    )
    assert claimed.status_code == 201, claimed.text
    body = claimed.json()
    assert body["state"] == "awaiting_operator" and body["requires_verification"]
    assert body["answer"]["recommendation"] == "citizenship_claim_stop"
    assert person["person_id"] in [c["person_id"] for c in body["answer"]["candidates"]]
    make_account(api_store, "olga", Role.status_desk_operator)
    client.post("/auth/sign-in", json={"username": "olga", "password": PASSWORD})
    queue = client.get("/status-queries/waiting", headers=ASK).json()
    assert [q["id"] for q in queue] == [body["id"]]
    response = {"person_id": None, "determination": "not_determined", "text": "Referred."}
    done = client.post(f"/status-queries/{body['id']}/response", json=response, headers=ASK)
    assert done.status_code == 200 and done.json()["state"] == "completed"
    again = client.post(f"/status-queries/{body['id']}/response", json=response, headers=ASK)
    assert again.status_code == 409
    bad = client.post("/status-queries", json={**_iaq(person), "ori": "x"}, headers={**ASK, **key})
    assert bad.status_code == 422  # the key decides who asks; the ORI is malformed


def test_a_partners_detainer_waits_for_a_supervisor(
    client: TestClient, api_store: OperationalStore, person: dict[str, Any]
) -> None:
    key = _partner_key(api_store)
    asked = client.post("/status-queries", json=_iaq(person), headers={**ASK, **key})
    assert asked.status_code == 201
    detainer = {
        "person_id": person["person_id"],
        "probable_cause": "final_order",
        "facility": "Harris County Jail",
        "justification": "final order of removal in the records; identity by fingerprints",
    }
    filed = client.post("/enforcement-requests", json=detainer, headers={**ASK, **key})
    assert filed.status_code == 201, filed.text
    assert filed.json()["state"] == "pending_approval"
    make_account(api_store, "sam", Role.supervisor)
    client.post("/auth/sign-in", json={"username": "sam", "password": PASSWORD})
    assert [r["id"] for r in client.get("/enforcement-requests/pending", headers=CASE).json()] == [
        filed.json()["id"]
    ]
    decided = client.post(
        f"/enforcement-requests/{filed.json()['id']}/decision",
        json={"approve": False, "reason": "identity not verified by fingerprints"},
        headers=CASE,
    )
    assert decided.status_code == 200 and decided.json()["state"] == "refused"
    missing = client.post(
        "/enforcement-requests/999/decision", json={"approve": True, "reason": "x"}, headers=CASE
    )
    assert missing.status_code == 404
