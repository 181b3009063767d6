"""The lead workflow's use cases: queues by unit, a lead and its history, assignment,
notes, dispositions; each decided by the policy and in the audit log before it acts;
leads on people protected by 8 U.S.C. 1367 out of sight of the roles that may not see
them; closed leads locked."""

from __future__ import annotations

import pytest

from tessera.model.access import PurposeKind, Role
from tessera.model.audit import AuditEntry
from tessera.model.leads import Disposition, EventKind, LeadQuery, LeadState, Unit
from tessera.security import Principal, Purpose, SubjectFacts
from tessera.service.access import AccessDeniedError, local_operator
from tessera.service.leads import (
    Lead,
    LeadLockedError,
    LeadNotFoundError,
    LeadRequestError,
    add_note,
    assign_lead,
    dispose_lead,
    lead_detail,
    lead_queue,
    sync_leads,
)
from tessera.service.users import disable_account
from tessera.store.operational import OperationalStore
from tests.accounts import ADMINISTRATION, make_account
from tests.leadkit import finding

LEAD = Purpose(PurposeKind.lead, "L-1", "weekly queue review")
CASE = Purpose(PurposeKind.case, "C-9", "trafficking investigation")
PROTECTED = "P7"


def facts(person_id: str) -> SubjectFacts | None:
    if person_id == PROTECTED:
        return SubjectFacts(person_id, protected_1367=True)
    return None  # unknown to the people service: known by id only


ALICE = Principal(1, "alice", Role.analyst)
IVAN = Principal(2, "ivan", Role.investigator)


@pytest.fixture
def leads(access_store: OperationalStore) -> dict[str, Lead]:
    """Leads in four units, one of them on a person with a T visa filing (a victim of a
    shared SSN, so the rules may name them)."""
    findings = [
        finding("P1"),
        finding("P2", "FUGITIVE", severity="high", tier="P1"),
        finding("P3", "UNAUTHORIZED_EMPLOYMENT", severity="low", tier="P3"),
        finding(PROTECTED, "SHARED_IDENTIFIER", "OWNER", severity="victim", tier=None),
    ]
    sync_leads(access_store, findings, {}, 1, facts=facts)
    return {lead.person_id: lead for lead in access_store.leads.find(LeadQuery())}


def entries(store: OperationalStore) -> list[AuditEntry]:
    head = store.audit.head()
    return list(store.audit.walk(head.seq)) if head else []


def last_entry(store: OperationalStore) -> tuple[str, str, str | None, str | None]:
    e = entries(store)[-1].event
    return e.action, e.outcome, e.person_id, e.target


def test_a_queue_lists_by_unit_most_severe_first_and_is_audited(
    access_store: OperationalStore, leads: dict[str, Lead]
) -> None:
    everything = lead_queue(access_store, ALICE, LEAD, LeadQuery(), facts=facts)
    assert [lead.person_id for lead in everything] == ["P2", "P1", "P3"]  # P7 hidden
    compliance = lead_queue(
        access_store, ALICE, LEAD, LeadQuery(units=(Unit.compliance,)), facts=facts
    )
    assert [lead.code for lead in compliance] == ["OVERSTAY"]
    assert last_entry(access_store) == (
        "lead:list",
        "allowed",
        None,
        "lead queue unit=compliance offset=0 limit=100",
    )
    page = lead_queue(access_store, ALICE, LEAD, LeadQuery(offset=1, limit=1), facts=facts)
    assert [lead.person_id for lead in page] == ["P1"]


def test_a_protected_persons_lead_is_seen_only_by_roles_that_may_see_them(
    access_store: OperationalStore, leads: dict[str, Lead]
) -> None:
    victims = LeadQuery(units=(Unit.victims,))
    assert lead_queue(access_store, ALICE, LEAD, victims, facts=facts) == []
    assert lead_queue(access_store, IVAN, LEAD, victims, facts=facts) == []  # not for a lead
    [seen] = lead_queue(access_store, IVAN, CASE, victims, facts=facts)
    assert seen.person_id == PROTECTED
    hidden = leads[PROTECTED].lead_id
    with pytest.raises(LeadNotFoundError, match=f"no lead {hidden}"):
        lead_detail(access_store, ALICE, LEAD, hidden, facts=facts)
    action, outcome, person, _ = last_entry(access_store)
    assert (action, outcome, person) == ("person:read", "denied", PROTECTED)
    assert "1367" in entries(access_store)[-1].event.reason  # the log keeps the real reason


def test_roles_that_do_not_work_leads_see_no_queue(
    access_store: OperationalStore, leads: dict[str, Lead]
) -> None:
    operator = Principal(3, "olga", Role.status_desk_operator)
    desk = Purpose(PurposeKind.status_query, "Q-1", "status query")
    with pytest.raises(AccessDeniedError, match="may not list the leads"):
        lead_queue(access_store, operator, desk, LeadQuery(), facts=facts)
    with pytest.raises(AccessDeniedError, match="may not list the leads"):
        lead_detail(access_store, operator, desk, 999, facts=facts)  # nor learn which exist
    assert last_entry(access_store)[:2] == ("lead:list", "denied")
    with pytest.raises(AccessDeniedError, match="may not list the leads"):
        lead_detail(access_store, operator, desk, leads["P1"].lead_id, facts=facts)


def test_a_lead_shows_its_history_its_units_reason_and_what_to_verify(
    access_store: OperationalStore,
) -> None:
    weak = finding("P5", "STATUS_UNVERIFIED", severity="info", tier=None, confidence=0.6)
    sync_leads(access_store, [weak], {}, 2, facts=facts)
    [lead] = access_store.leads.find(LeadQuery(person_id="P5"))
    detail = lead_detail(access_store, ALICE, LEAD, lead.lead_id, facts=facts)
    assert detail.lead == lead
    assert [e.kind for e in detail.history] == [EventKind.created]
    assert detail.routing is not None and detail.routing.unit is Unit.compliance
    assert [v.split(":")[0] for v in detail.verification] == ["status", "identity"]
    assert last_entry(access_store) == (
        "person:read",
        "allowed",
        "P5",
        f"lead {lead.lead_id}: read",
    )
    with pytest.raises(LeadNotFoundError):
        lead_detail(access_store, ALICE, LEAD, 999, facts=facts)
    assert last_entry(access_store) == ("lead:list", "allowed", None, "lead 999: no such lead")


def test_a_lead_is_assigned_only_to_an_active_user_who_works_leads(
    access_store: OperationalStore, leads: dict[str, Lead]
) -> None:
    for name, role in (("bob", Role.analyst), ("ida", Role.investigator), ("aud", Role.auditor)):
        make_account(access_store, name, role)
    make_account(access_store, "gone", Role.analyst)
    disable_account(access_store, local_operator(Role.admin), ADMINISTRATION, "gone")
    p1 = leads["P1"].lead_id
    assigned = assign_lead(access_store, ALICE, LEAD, p1, " Bob ", facts=facts)
    assert (assigned.state, assigned.assignee) == (LeadState.assigned, "bob")
    assert last_entry(access_store) == ("lead:work", "allowed", "P1", f"lead {p1}: assign to bob")
    for who, why in (
        ("aud", "aud is an auditor, a role that does not work leads"),
        ("gone", "no active user 'gone'"),
        ("nobody", "no active user 'nobody'"),
    ):
        with pytest.raises(LeadRequestError, match=why):
            assign_lead(access_store, ALICE, LEAD, p1, who, facts=facts)
    victim = leads[PROTECTED].lead_id
    with pytest.raises(LeadRequestError, match="bob may not see this person"):
        assign_lead(access_store, IVAN, CASE, victim, "bob", facts=facts)
    assert assign_lead(access_store, IVAN, CASE, victim, "ida", facts=facts).assignee == "ida"


def test_notes_and_dispositions_need_text_and_a_closed_lead_is_locked(
    access_store: OperationalStore, leads: dict[str, Lead]
) -> None:
    p2 = leads["P2"].lead_id
    with pytest.raises(LeadRequestError, match="a note's text is required"):
        add_note(access_store, ALICE, LEAD, p2, "   ", facts=facts)
    note = add_note(access_store, ALICE, LEAD, p2, "last seen  in Houston", facts=facts)
    assert (note.kind, note.actor, note.text) == (EventKind.note, "alice", "last seen in Houston")
    bad = (
        (Disposition.closed_auto, "gone", None, "Tessera's alone"),
        (Disposition.closed_error, " ", None, "a reason is required"),
        (Disposition.confirmed_referred, "confirmed", None, "referred_to"),
        (Disposition.closed_no_action, "departed", "ERO", "only a confirmed_referred"),
    )
    for disposition, reason, to, message in bad:
        with pytest.raises(LeadRequestError, match=message):
            dispose_lead(access_store, ALICE, LEAD, p2, disposition, reason, to, facts=facts)
    closed = dispose_lead(
        access_store,
        ALICE,
        LEAD,
        p2,
        Disposition.confirmed_referred,
        "final order confirmed with the court",
        "ERO Houston Fugitive Operations",
        facts=facts,
    )
    assert (closed.state, closed.closed_by, closed.referred_to) == (
        LeadState.closed,
        "alice",
        "ERO Houston Fugitive Operations",
    )
    for write in (
        lambda: add_note(access_store, ALICE, LEAD, p2, "more", facts=facts),
        lambda: assign_lead(access_store, ALICE, LEAD, p2, "alice", facts=facts),
        lambda: dispose_lead(
            access_store, ALICE, LEAD, p2, Disposition.closed_error, "x", facts=facts
        ),
    ):
        with pytest.raises(LeadLockedError, match="a closed lead is locked"):
            write()
    history = lead_detail(access_store, ALICE, LEAD, p2, facts=facts).history
    assert [e.kind for e in history] == [EventKind.created, EventKind.note, EventKind.disposition]


def test_every_write_is_audited_with_its_purpose_before_it_acts(
    access_store: OperationalStore, leads: dict[str, Lead]
) -> None:
    p3 = leads["P3"].lead_id
    add_note(access_store, ALICE, LEAD, p3, "employer contacted", facts=facts)
    dispose_lead(
        access_store, ALICE, LEAD, p3, Disposition.closed_no_action, "EAD found", facts=facts
    )
    logged = [e.event for e in entries(access_store)[-2:]]
    assert [(e.action, e.person_id, e.target, e.purpose_ref) for e in logged] == [
        ("lead:work", "P3", f"lead {p3}: note", "L-1"),
        ("lead:work", "P3", f"lead {p3}: closed_no_action", "L-1"),
    ]
    partner = Principal(9, "deputy", Role.partner_officer)
    with pytest.raises(AccessDeniedError, match="may not list the leads"):
        add_note(access_store, partner, CASE, p3, "hello", facts=facts)
    assert last_entry(access_store) == ("lead:list", "denied", None, f"lead {p3}")


def test_a_queue_fills_its_page_past_the_leads_it_must_hide(
    access_store: OperationalStore,
) -> None:
    hidden = [finding(f"V{i:03}", "SHARED_IDENTIFIER", "USER", severity="high") for i in range(230)]
    shown = [finding("P1", severity="low"), finding("P2", severity="low")]

    def protected(person_id: str) -> SubjectFacts:
        return SubjectFacts(person_id, protected_1367=person_id.startswith("V"))

    sync_leads(access_store, [*hidden, *shown], {}, 1, facts=protected)
    page = lead_queue(access_store, ALICE, LEAD, LeadQuery(limit=2), facts=protected)
    assert [lead.person_id for lead in page] == ["P1", "P2"]
    assert len(lead_queue(access_store, IVAN, CASE, LeadQuery(limit=1000), facts=protected)) == 232
