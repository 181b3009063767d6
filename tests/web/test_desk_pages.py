"""The desk, enforcement and audit screens without a browser: the words and stops a query
page leads with, the IAQ form's validation and the partner's own ORI, the operators'
queue and its completion (once only), the supervisor's review, the auditor's filters and
the chain's verification, and the refusals each role meets."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tessera.model.access import Role
from tessera.model.audit import AuditEntry, AuditEvent
from tessera.model.status_desk import Determination, QueryState
from tessera.settings import Settings
from tessera.store.operational import OperationalStore
from tessera.store.operational.status_desk import StoredStatusQuery
from tessera.web import create_site
from tessera.web.pages.audit import PAGE, Filters, page_of, store_query
from tessera.web.pages.desk import queue_order
from tessera.web.pages.desk_view import age, query_view
from tests.accounts import HARRIS_SO, PASSWORD, make_account

NOBODY = "QWXZY, VBNMKJ"
"""A name no generated or published person has: the query waits (no record)."""


def _query(**changes: object) -> StoredStatusQuery:
    answer = {
        "determination": "lawful_permanent_resident",
        "recommendation": "none",
        "requires_verification": False,
        "reasons": [],
        "person_id": "P0000001",
        "evidence": ["cis:1"],
        "notice": "not removable",
        "candidates": [
            {
                "person_id": "P0000001",
                "confidence": 0.97,
                "records_show": "lawful_permanent_resident",
                "periods": [],
                "evidence": ["cis:1"],
            },
        ],
    }
    fields: dict[str, object] = {
        "id": 7, "received_at": dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.UTC), "asked_by": "dep",
        "ori": "TX1234567", "purpose_code": "C", "attention": "Sgt", "phone": None,
        "name": "DOE, JANE", "dob": "1980-01-02", "sex": "F", "place_of_birth": "MEX",
        "in_custody": False, "offence_code": "0399", "identifiers": {},
        "citizenship_claimed": False, "state": QueryState.answered, "verification_reasons": (),
        "automatic_answer": answer, "candidates": (), "person_id": "P0000001",
        "determination": "lawful_permanent_resident", "response_text": "text",
        "completed_by": None, "completed_at": None,
    }  # fmt: skip
    fields.update(changes)
    return StoredStatusQuery(**fields)  # type: ignore[arg-type]


def test_ages_read_to_the_minute() -> None:
    assert age(dt.timedelta(seconds=59)) == "0 min"
    assert age(dt.timedelta(hours=2, minutes=5)) == "2 h 05 min"
    assert age(dt.timedelta(days=3, hours=1, minutes=9)) == "3 d 1 h"


def test_the_queue_puts_people_in_custody_first_then_the_oldest() -> None:
    t0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    old = _query(id=1, received_at=t0)
    newer_held = _query(id=2, received_at=t0 + dt.timedelta(hours=1), in_custody=True)
    newest = _query(id=3, received_at=t0 + dt.timedelta(hours=2))
    assert [q.id for q in queue_order([newest, old, newer_held])] == [2, 1, 3]


def test_a_certain_match_leads_with_nothing_and_allows_a_detainer_request() -> None:
    view = query_view(_query())
    assert view.weak_match is None and view.citizenship_stop is None
    assert view.detainer_stop is None


def test_a_weak_match_says_so_and_a_citizen_or_claim_stops_the_detainer() -> None:
    weak = _query()
    weak.automatic_answer["candidates"][0]["confidence"] = 0.62
    said = query_view(weak).weak_match
    assert said is not None and "62%" in said and "P0000001" in said
    citizen = query_view(_query(determination=Determination.us_citizen.value))
    assert citizen.detainer_stop is not None and "never detained" in citizen.detainer_stop
    claim = query_view(_query(citizenship_claimed=True))
    assert claim.citizenship_stop is not None and claim.detainer_stop == claim.citizenship_stop
    waiting = query_view(_query(state=QueryState.awaiting_operator, person_id=None))
    assert waiting.detainer_stop is not None and "waiting" in waiting.detainer_stop


def _entry(seq: int, action: str, outcome: str = "allowed") -> AuditEntry:
    at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    return AuditEntry(seq, AuditEvent(at, "u", "analyst", action, outcome, "r"), "p", "h")


def test_audit_filters_are_the_stores_and_paging_goes_on_from_the_last_entry() -> None:
    query = store_query(Filters(user="u", action="person:read", outcome="denied"), 120)
    assert (query.actor, query.action, query.outcome) == ("u", "person:read", "denied")
    assert query.before_seq == 120 and query.limit == PAGE
    full = [_entry(s, "person:read") for s in range(PAGE + 70, 70, -1)]
    assert page_of(full).older == full[-1].seq == 71
    assert page_of(full[:10]).older is None  # fewer than a page: the log's start


def test_audit_days_are_utc_and_until_is_inclusive() -> None:
    query = store_query(Filters(since="2026-01-01", until="2026-01-31"), None)
    assert query.since == dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    assert query.until == dt.datetime(2026, 2, 1, tzinfo=dt.UTC)


@pytest.fixture
def site(api_settings: Settings, api_store: OperationalStore) -> Iterator[TestClient]:
    app = create_site(api_settings, api_store)
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as test:
        yield test


def _signed_in(site: TestClient, store: OperationalStore, name: str, role: Role) -> str:
    """Sign ``name`` in (a fresh cookie jar) with a stated purpose; returns the CSRF token."""
    make_account(store, name, role)
    site.cookies.clear()
    assert site.post("/sign-in", data={"username": name, "password": PASSWORD}).status_code == 303
    page = site.get("/ui/purpose")
    token = re.search(r'name="csrf-token" content="([^"]+)"', page.text)
    assert token is not None
    kind = {Role.auditor: "oversight", Role.supervisor: "oversight"}.get(role, "status_query")
    form = {"csrf": token.group(1), "kind": kind, "reference": "T-1", "text": "testing"}
    assert site.post("/ui/purpose", data=form).status_code == 303
    return token.group(1)


def _iaq(csrf: str, **changes: str) -> dict[str, str]:
    form = {
        "csrf": csrf,
        "ori": "ZZ9999999",
        "purpose_code": "C",
        "attention": "Sgt Example",
        "name": NOBODY,
        "dob": "1901-01-01",
        "offence_code": "0399",
        "in_custody": "on",
    }
    form.update(changes)
    return form


def test_a_partner_files_in_their_agencys_name_and_a_bad_field_is_named(
    site: TestClient, api_store: OperationalStore
) -> None:
    csrf = _signed_in(site, api_store, "deputy", Role.partner_officer)
    refused = site.post("/ui/desk/ask", data=_iaq(csrf, dob="01/02/1990"))
    assert refused.status_code == 422
    assert 'id="dob-error"' in refused.text and 'id="name-error"' not in refused.text
    filed = site.post("/ui/desk/ask", data=_iaq(csrf))
    assert filed.status_code == 303
    page = site.get(filed.headers["location"])
    assert page.status_code == 200
    assert HARRIS_SO.ori in page.text and "ZZ9999999" not in page.text
    assert "Requires verification: waiting for an operator" in page.text
    assert "No person in the records matches" in page.text


def test_an_operator_completes_a_waiting_query_once(
    site: TestClient, api_store: OperationalStore
) -> None:
    csrf = _signed_in(site, api_store, "deputy", Role.partner_officer)
    query_path = site.post("/ui/desk/ask", data=_iaq(csrf)).headers["location"]
    query_id = query_path.rsplit("/", 1)[1]
    csrf = _signed_in(site, api_store, "olga", Role.status_desk_operator)
    queue = site.get("/ui/desk")
    assert f'data-query-id="{query_id}"' in queue.text and "In custody" in queue.text
    form = {"csrf": csrf, "person_id": "", "determination": "no_record", "remark": " "}
    blank = site.post(query_path, data=form)
    assert blank.status_code == 422 and "operator&#39;s words" in blank.text
    form["remark"] = "Searched CIS and CLAIMS: no record under this name and date of birth."
    done = site.post(query_path, data=form)
    assert done.status_code == 303 and done.headers["location"] == "/ui/desk"
    after = site.get("/ui/desk")
    assert f"Status query {query_id} completed" in after.text
    assert f'data-query-id="{query_id}"' not in after.text
    again = site.post(query_path, data=form)
    assert again.status_code == 409 and "is not waiting for an operator" in again.text


def test_only_the_auditor_reads_the_log_and_the_reading_is_itself_logged(
    site: TestClient, api_store: OperationalStore
) -> None:
    _signed_in(site, api_store, "olga", Role.status_desk_operator)
    assert site.get("/ui/audit").status_code == 403
    csrf = _signed_in(site, api_store, "audrey", Role.auditor)
    denied = site.get("/ui/audit", params={"user": "olga", "outcome": "denied"})
    assert denied.status_code == 200
    rows = re.findall(r'<tr class="outcome-(\w+)">', denied.text)
    assert rows and set(rows) == {"denied"}
    assert "audit:read" in denied.text
    mine = site.get("/ui/audit", params={"user": "audrey", "action": "audit:read"})
    assert "audit query user=olga" in mine.text
    assert site.get("/ui/audit", params={"since": "2026-13-01"}).status_code == 422
    verified = site.post("/ui/audit/verify", data={"csrf": csrf}, headers={"HX-Request": "true"})
    assert verified.status_code == 200 and "Intact: all" in verified.text


def test_a_supervisor_sees_the_empty_review_and_an_unknown_request_is_404(
    site: TestClient, api_store: OperationalStore
) -> None:
    csrf = _signed_in(site, api_store, "sam", Role.supervisor)
    assert "No request is waiting for approval" in site.get("/ui/enforcement").text
    form = {"csrf": csrf, "decision": "approve", "reason": "ok"}
    assert site.post("/ui/enforcement/999", data=form).status_code == 404
