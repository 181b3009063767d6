"""The lead routes: queues by unit, a lead with its history, assignment, notes and
dispositions over HTTP; clear 4xx answers for unknown (404), closed (409), refused (403)
and malformed (422) requests."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tessera.api.routers.leads import person_facts
from tessera.model.access import Role
from tessera.model.leads import LeadQuery
from tessera.security import SubjectFacts
from tessera.service.leads import sync_leads
from tessera.store.operational import OperationalStore
from tests.accounts import PASSWORD, make_account
from tests.leadkit import finding

LEAD = {"X-Tessera-Purpose": "lead:L-1 weekly queue review"}


def sign_in(client: TestClient, store: OperationalStore, username: str, role: Role) -> None:
    make_account(store, username, role)
    answer = client.post("/auth/sign-in", json={"username": username, "password": PASSWORD})
    assert answer.status_code == 200


@pytest.fixture
def lead_ids(api_store: OperationalStore) -> dict[str, int]:
    findings = [
        finding("P1"),
        finding("P2", "FUGITIVE", severity="high", tier="P1", evidence=("court:C2",)),
        finding("P3", "SHARED_IDENTIFIER", "OWNER", severity="victim", tier=None),
    ]
    sync_leads(api_store, findings, {}, 1, facts=lambda pid: SubjectFacts(pid))
    return {x.person_id: x.lead_id for x in api_store.leads.find(LeadQuery())}


def test_an_analyst_reads_the_queues_and_a_lead(
    client: TestClient, api_store: OperationalStore, lead_ids: dict[str, int]
) -> None:
    sign_in(client, api_store, "alice", Role.analyst)
    everything = client.get("/leads", headers=LEAD)
    assert everything.status_code == 200, everything.text
    assert [(x["person_id"], x["unit"]) for x in everything.json()] == [
        ("P2", "removal"),
        ("P1", "compliance"),
        ("P3", "victims"),
    ]
    removal = client.get("/leads", params={"unit": ["removal", "custody"]}, headers=LEAD).json()
    assert [x["code"] for x in removal] == ["FUGITIVE"]
    assert (
        client.get("/leads", params={"severity": "victim"}, headers=LEAD).json()[0]["role"]
        == "OWNER"
    )
    one = client.get(f"/leads/{lead_ids['P2']}", headers=LEAD)
    assert one.status_code == 200
    body = one.json()
    assert body["lead"]["evidence"] == ["court:C2"]
    assert [e["kind"] for e in body["history"]] == ["created"]
    assert "fugitive operations" in body["unit_reason"]


def test_a_lead_is_worked_through_to_its_locked_end(
    client: TestClient, api_store: OperationalStore, lead_ids: dict[str, int]
) -> None:
    make_account(api_store, "bob", Role.removal_officer)
    sign_in(client, api_store, "sam", Role.supervisor)
    p2 = lead_ids["P2"]
    assigned = client.post(f"/leads/{p2}/assign", json={"assignee": "bob"}, headers=LEAD)
    assert assigned.status_code == 200, assigned.text
    assert (assigned.json()["state"], assigned.json()["assignee"]) == ("assigned", "bob")
    noted = client.post(f"/leads/{p2}/notes", json={"text": "address in Pasadena"}, headers=LEAD)
    assert noted.status_code == 201
    assert (noted.json()["kind"], noted.json()["actor"]) == ("note", "sam")
    closed = client.post(
        f"/leads/{p2}/disposition",
        json={
            "disposition": "confirmed_referred",
            "reason": "final order confirmed with EOIR",
            "referred_to": "ERO Houston Fugitive Operations",
        },
        headers=LEAD,
    )
    assert closed.status_code == 200, closed.text
    assert (closed.json()["state"], closed.json()["disposition"]) == (
        "closed",
        "confirmed_referred",
    )
    again = client.post(f"/leads/{p2}/notes", json={"text": "one more"}, headers=LEAD)
    assert again.status_code == 409
    assert "a closed lead is locked" in again.json()["detail"]
    history = client.get(f"/leads/{p2}", headers=LEAD).json()["history"]
    assert [e["kind"] for e in history] == ["created", "assigned", "note", "disposition"]
    closed_queue = client.get("/leads", params={"state": "closed"}, headers=LEAD).json()
    assert [x["lead_id"] for x in closed_queue] == [p2]


def test_bad_requests_get_clear_answers(
    client: TestClient, api_store: OperationalStore, lead_ids: dict[str, int]
) -> None:
    sign_in(client, api_store, "alice", Role.analyst)
    p1 = lead_ids["P1"]
    assert client.get("/leads/999", headers=LEAD).status_code == 404
    assert client.get("/leads/0", headers=LEAD).status_code == 422
    assert client.get("/leads", params={"unit": "parking"}, headers=LEAD).status_code == 422
    assert client.get(f"/leads/{p1}").status_code == 400  # no purpose
    unknown = client.post(f"/leads/{p1}/assign", json={"assignee": "nobody"}, headers=LEAD)
    assert (unknown.status_code, unknown.json()["detail"]) == (422, "no active user 'nobody'")
    auto = client.post(
        f"/leads/{p1}/disposition", json={"disposition": "closed_auto", "reason": "x"}, headers=LEAD
    )
    assert auto.status_code == 422
    unnamed = client.post(
        f"/leads/{p1}/disposition",
        json={"disposition": "confirmed_referred", "reason": "confirmed"},
        headers=LEAD,
    )
    assert unnamed.status_code == 422
    assert "referred_to" in unnamed.json()["detail"]
    blank = client.post(f"/leads/{p1}/notes", json={"text": "   "}, headers=LEAD)
    assert (blank.status_code, blank.json()["detail"]) == (422, "a note's text is required")


def test_roles_that_do_not_work_leads_are_refused_with_the_reason(
    client: TestClient, api_store: OperationalStore, lead_ids: dict[str, int]
) -> None:
    assert client.get("/leads", headers=LEAD).status_code == 401
    sign_in(client, api_store, "audrey", Role.auditor)
    refused = client.get("/leads", headers={"X-Tessera-Purpose": "oversight:OV-1 review"})
    assert refused.status_code == 403
    assert (
        refused.json()["detail"] == "an auditor may not list the leads waiting in the units' queues"
    )
    assert client.get(f"/leads/{lead_ids['P1']}", headers=LEAD).status_code == 403


def test_the_lead_routes_are_in_the_openapi_document(
    client: TestClient, api_store: OperationalStore
) -> None:
    sign_in(client, api_store, "alice", Role.analyst)
    paths = client.get("/openapi.json").json()["paths"]
    assert {
        "/leads",
        "/leads/{lead_id}",
        "/leads/{lead_id}/assign",
        "/leads/{lead_id}/notes",
        "/leads/{lead_id}/disposition",
    } <= set(paths)
    assert {"404", "409", "422"} <= set(paths["/leads/{lead_id}/disposition"]["post"]["responses"])


def test_a_lead_on_a_protected_person_answers_like_an_unknown_one(
    client: TestClient, api_store: OperationalStore, lead_ids: dict[str, int]
) -> None:
    def protected(person_id: str) -> SubjectFacts:
        return SubjectFacts(person_id, protected_1367=person_id == "P3")

    client.app.dependency_overrides[person_facts] = lambda: protected
    sign_in(client, api_store, "alice", Role.analyst)
    assert "P3" not in [x["person_id"] for x in client.get("/leads", headers=LEAD).json()]
    hidden = client.get(f"/leads/{lead_ids['P3']}", headers=LEAD)
    assert (hidden.status_code, hidden.json()["detail"]) == (404, f"no lead {lead_ids['P3']}")
    client.post("/auth/sign-out")
    sign_in(client, api_store, "ivan", Role.investigator)
    case = {"X-Tessera-Purpose": "case:C-4 trafficking investigation"}
    assert client.get(f"/leads/{lead_ids['P3']}", headers=case).status_code == 200
