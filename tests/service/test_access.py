"""``authorize``: every decision, granted or refused, is in the audit log before the access."""

from __future__ import annotations

import contextlib

import pytest

from tessera.model.access import PurposeKind, Role
from tessera.security import Action, Partner, Principal, Purpose, SubjectFacts
from tessera.security.audit_chain import first_problem
from tessera.service.access import AccessDeniedError, authorize, utc_today
from tessera.store.operational import OperationalStore

CASE = Purpose(PurposeKind.case, "C-77", "smuggling network")
HARRIS = SubjectFacts("P-1", frozenset({"TX/HARRIS"}))
VICTIM = SubjectFacts("P-2", frozenset({"TX/HARRIS"}), protected_1367=True)


def deputy() -> Principal:
    agreement = Partner("TX1234567", "Harris County SO", frozenset({"TX"}), utc_today())
    return Principal(7, "deputy", Role.partner_officer, partner=agreement)


def test_a_granted_access_is_recorded_with_its_purpose_and_person(
    access_store: OperationalStore,
) -> None:
    analyst = Principal(1, "alice", Role.analyst)
    lead = Purpose(PurposeKind.lead, "L-9", "checking address")
    decision = authorize(access_store, analyst, Action.person_read, lead, HARRIS)
    assert decision.allowed
    [entry] = access_store.audit.walk(1)
    e = entry.event
    assert (e.actor, e.actor_role, e.action, e.outcome, e.person_id) == (
        "alice",
        "analyst",
        "person:read",
        "allowed",
        "P-1",
    )
    assert (e.purpose_kind, e.purpose_ref, e.purpose_text) == ("lead", "L-9", "checking address")


def test_a_refusal_is_recorded_then_raised_with_its_reason(access_store: OperationalStore) -> None:
    analyst = Principal(1, "alice", Role.analyst)
    with pytest.raises(AccessDeniedError, match=r"protected by 8 U\.S\.C\. 1367") as refused:
        authorize(access_store, analyst, Action.person_read, CASE, VICTIM)
    assert refused.value.decision.basis.startswith("8 U.S.C. 1367(a)(2)")
    [entry] = access_store.audit.walk(1)
    assert (entry.event.outcome, entry.event.person_id) == ("denied", "P-2")
    assert entry.event.reason.endswith("(" + refused.value.decision.basis + ")")


def test_a_partner_detainer_request_is_recorded_as_awaiting_approval(
    access_store: OperationalStore,
) -> None:
    decision = authorize(access_store, deputy(), Action.enforcement_request, CASE, HARRIS)
    assert decision.approval_by is Role.supervisor
    [entry] = access_store.audit.walk(1)
    assert (entry.event.action, entry.event.outcome) == ("enforcement:request", "needs_approval")


def test_every_decision_lands_in_one_unbroken_chain(access_store: OperationalStore) -> None:
    analyst = Principal(1, "alice", Role.analyst)
    for subject in (HARRIS, VICTIM, HARRIS):
        with contextlib.suppress(AccessDeniedError):
            authorize(access_store, analyst, Action.person_read, CASE, subject)
    head = access_store.audit.head()
    assert head is not None and head.seq == 3
    assert first_problem(access_store.audit.walk(3), head) is None
    outcomes = [e.event.outcome for e in access_store.audit.walk(3)]
    assert outcomes == ["allowed", "denied", "allowed"]
