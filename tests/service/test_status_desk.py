"""The status-query desk and enforcement requests on the published sample: what a police
agency is told, the operators' queue, detainers with their approvals and protections."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import duckdb
import pytest

from tessera.model.access import PurposeKind, Role
from tessera.model.status_desk import (
    Determination,
    EnforcementKind,
    ProbableCause,
    QueryPurpose,
    QueryState,
    RequestState,
)
from tessera.publish import publish_results
from tessera.security import Partner, Principal, Purpose
from tessera.service.access import AccessDeniedError, utc_today
from tessera.service.enforcement import (
    EnforcementAsk,
    decide_request,
    pending_requests,
    request_enforcement,
)
from tessera.service.people import dossier
from tessera.service.status_desk import (
    Completion,
    StatusQueryRequest,
    ask_status,
    complete_query,
    read_query,
    waiting_queries,
)
from tessera.settings import Settings
from tessera.store.operational import OperationalStore
from tessera.store.operational.status_desk import StaleStateError

ASK = Purpose(PurposeKind.status_query, "IAQ-1", "traffic stop")
CASE = Purpose(PurposeKind.case, "C-9", "jail screening")
OPERATOR = Principal(10, "olga", Role.status_desk_operator)
SUPERVISOR = Principal(11, "sam", Role.supervisor)
REMOVAL = Principal(12, "rita", Role.removal_officer)


def _partner(until: dt.date | None = None, state: str = "AK") -> Principal:
    agreement = Partner("AK0000000", "Far Away PD", frozenset({state}), until or utc_today())
    return Principal(13, "deputy", Role.partner_officer, partner=agreement)


@pytest.fixture(scope="module")
def workspace(sample_pipeline: Settings) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(str(sample_pipeline.workspace_path), read_only=True)
    yield con
    con.close()


@pytest.fixture
def desk(
    workspace: duckdb.DuckDBPyConnection, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[OperationalStore]:
    store = OperationalStore(f"sqlite:///{tmp_path_factory.mktemp('desk') / 's.sqlite3'}")
    store.migrate()
    publish_results(workspace, store, run_id=None)
    yield store
    store.dispose()


def _person(con: duckdb.DuckDBPyConnection, standing: str) -> tuple[str, str, str]:
    """A person of ``standing`` with a full name and date of birth, and no T/U filing."""
    row = con.execute(
        "SELECT p.entity_id, r.family || ', ' || r.given, strftime(r.dob, '%Y-%m-%d') "
        "FROM status_people p JOIN record_entities e USING (entity_id) "
        "JOIN person_records r USING (feed, record_id) "
        "WHERE p.standing = ? AND r.dob IS NOT NULL AND r.family IS NOT NULL "
        "AND r.given IS NOT NULL AND p.entity_id NOT IN "
        "(SELECT entity_id FROM status_filings WHERE form IN ('I-914', 'I-918')) "
        "ORDER BY p.entity_id LIMIT 1",
        [standing],
    ).fetchone()
    assert row is not None
    return str(row[0]), str(row[1]), str(row[2])


def _iaq(name: str, dob: str | None, **extra: Any) -> StatusQueryRequest:
    return StatusQueryRequest(
        ori="AK0000000",
        purpose_code=QueryPurpose.C,
        attention="Sgt. Example",
        name=name,
        offence_code="0399",
        in_custody=True,
        dob=dob,
        **extra,
    )


def _actions(store: OperationalStore, actor: str) -> list[tuple[str, str, str | None]]:
    head = store.audit.head()
    assert head is not None
    return [
        (e.event.action, e.event.outcome, e.event.person_id)
        for e in store.audit.walk(head.seq)
        if e.event.actor == actor
    ]


def test_a_query_lists_candidates_with_status_and_never_says_removable(
    workspace: duckdb.DuckDBPyConnection, desk: OperationalStore
) -> None:
    pid, name, dob = _person(workspace, "NONCITIZEN")
    asked = ask_status(desk, _partner(), ASK, _iaq(name, dob))
    answer = asked.automatic_answer
    assert pid in [c["person_id"] for c in answer["candidates"]]
    assert answer["recommendation"] in {"none", "officer_review", "citizenship_claim_stop"}
    assert "removable" not in str(answer).replace(
        "not a determination that the person is removable", ""
    )
    assert "not a determination that the person is removable" in answer["notice"]
    if answer["requires_verification"]:
        assert asked.state is QueryState.awaiting_operator and asked.verification_reasons
    # The ask and each disclosed candidate are in the audit log.
    entries = _actions(desk, "deputy")
    assert entries[0][:2] == ("status_query:ask", "allowed")
    disclosed = {p for action, _o, p in entries if action == "person:read"}
    assert disclosed == {c.person_id for c in asked.candidates}


def test_the_asker_may_then_open_the_people_they_asked_about_and_no_one_else(
    workspace: duckdb.DuckDBPyConnection, desk: OperationalStore
) -> None:
    pid, name, dob = _person(workspace, "NONCITIZEN")
    deputy = _partner(state="AK")  # the sample's records are made elsewhere
    other, *_ = _person(workspace, "CITIZEN")
    with pytest.raises(AccessDeniedError):
        dossier(desk, deputy, ASK, pid)
    ask_status(desk, deputy, ASK, _iaq(name, dob))
    assert dossier(desk, deputy, ASK, pid).person_id == pid
    with pytest.raises(AccessDeniedError):
        dossier(desk, deputy, ASK, other)


def test_a_citizenship_claim_waits_for_an_operator_who_completes_the_response(
    workspace: duckdb.DuckDBPyConnection, desk: OperationalStore
) -> None:
    pid, name, dob = _person(workspace, "NONCITIZEN")
    asked = ask_status(desk, _partner(), ASK, _iaq(name, dob, citizenship_claimed=True))
    assert asked.state is QueryState.awaiting_operator
    assert asked.automatic_answer["recommendation"] == "citizenship_claim_stop"
    assert [q.id for q in waiting_queries(desk, OPERATOR, ASK)] == [asked.id]
    with pytest.raises(AccessDeniedError):
        complete_query(
            desk, _partner(), ASK, asked.id, Completion(None, Determination.no_record, "x")
        )
    done = complete_query(
        desk,
        OPERATOR,
        ASK,
        asked.id,
        Completion(pid, Determination.not_determined, "Citizenship claim referred to ERO."),
    )
    assert done.state is QueryState.completed and done.completed_by == "olga"
    assert done.response_text is not None and "Directive 16001.2" in done.response_text
    assert read_query(desk, _partner(), ASK, asked.id).state is QueryState.completed
    assert waiting_queries(desk, OPERATOR, ASK) == []
    with pytest.raises(StaleStateError):
        complete_query(
            desk, OPERATOR, ASK, asked.id, Completion(None, Determination.no_record, "again")
        )


def test_no_match_is_no_record_and_waits(desk: OperationalStore) -> None:
    asked = ask_status(desk, _partner(), ASK, _iaq("QWXZY, VBNMKJ", "1901-01-01"))
    assert asked.automatic_answer["determination"] == Determination.no_record.value
    assert asked.state is QueryState.awaiting_operator
    assert asked.candidates == ()


def test_an_expired_partner_cannot_ask(desk: OperationalStore) -> None:
    expired = _partner(until=utc_today() - dt.timedelta(days=1))
    with pytest.raises(AccessDeniedError, match="expired"):
        ask_status(desk, expired, ASK, _iaq("ANYONE, SOMEONE", None))


def _detainer(pid: str) -> EnforcementAsk:
    return EnforcementAsk(
        pid, EnforcementKind.detainer, ProbableCause.final_order, "County Jail", "final order"
    )


def test_a_partners_detainer_waits_for_a_supervisor_who_is_not_the_requester(
    workspace: duckdb.DuckDBPyConnection, desk: OperationalStore
) -> None:
    pid, name, dob = _person(workspace, "NONCITIZEN")
    deputy = _partner()
    ask_status(desk, deputy, ASK, _iaq(name, dob))  # now within the deputy's need-to-know
    filed = request_enforcement(desk, deputy, ASK, _detainer(pid))
    assert filed.state is RequestState.pending_approval and filed.approver_role == "supervisor"
    assert [r.id for r in pending_requests(desk, SUPERVISOR, CASE)] == [filed.id]
    approved = decide_request(desk, SUPERVISOR, CASE, filed.id, True, "order is final")
    assert approved.state is RequestState.approved and approved.decided_by == "sam"
    with pytest.raises(StaleStateError):
        decide_request(desk, SUPERVISOR, CASE, filed.id, False, "too late")
    own = request_enforcement(desk, REMOVAL, CASE, _detainer(pid))
    assert own.state is RequestState.approved and own.decided_by == "rita"


def test_no_detainer_for_a_citizen(
    workspace: duckdb.DuckDBPyConnection, desk: OperationalStore
) -> None:
    citizen, *_ = _person(workspace, "CITIZEN")
    with pytest.raises(AccessDeniedError, match="citizen"):
        request_enforcement(desk, REMOVAL, CASE, _detainer(citizen))
    assert ("enforcement:request", "denied", citizen) in _actions(desk, "rita")
    assert desk.enforcement_requests.listed(person_id=citizen) == []


def test_a_query_and_its_disclosures_are_one_contiguous_block_of_the_audit_log(
    workspace: duckdb.DuckDBPyConnection, desk: OperationalStore
) -> None:
    pid, name, dob = _person(workspace, "NONCITIZEN")
    before = desk.audit.head()
    asked = ask_status(desk, _partner(), ASK, _iaq(name, dob))
    after = desk.audit.head()
    assert before is not None and after is not None
    written = [e.event for e in desk.audit.walk(after.seq) if e.seq > before.seq]
    assert written[0].action == "status_query:ask"
    disclosed = {e.person_id for e in written[1:]}
    named = {c["person_id"] for c in asked.automatic_answer["candidates"]}
    assert pid in named and disclosed == named  # one entry per person the answer names
    assert all(e.actor == "deputy" for e in written)
    assert len(written) == 1 + len(named)  # nothing else slipped in between


def test_a_query_that_cannot_run_still_records_that_it_was_asked(desk: OperationalStore) -> None:
    before = desk.audit.head()
    with pytest.raises(AccessDeniedError):
        ask_status(
            desk, _partner(until=utc_today() - dt.timedelta(days=1)), ASK, _iaq("X, Y", None)
        )
    after = desk.audit.head()
    assert before is not None and after is not None and after.seq == before.seq + 1
    (entry,) = [e.event for e in desk.audit.walk(after.seq) if e.seq > before.seq]
    assert entry.action == "status_query:ask" and entry.outcome == "denied"
