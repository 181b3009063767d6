"""The access policy, rule by rule, as pure decisions on plain facts."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tessera.model.access import Outcome, PurposeKind, Role
from tessera.security import (
    Action,
    Partner,
    Principal,
    Purpose,
    SubjectFacts,
    may,
    may_approve,
)
from tessera.security.policy import PROTECTED

TODAY = dt.date(2026, 6, 30)
CASE = Purpose(PurposeKind.case, "C-1", "fraud case")
LEAD = Purpose(PurposeKind.lead, "L-1", "checking address")
QUERY = Purpose(PurposeKind.status_query, "IAQ-1", "booked at county jail")
OVERSIGHT = Purpose(PurposeKind.oversight, "OV-1", "quarterly review")
HARRIS = SubjectFacts("P-1", frozenset({"TX/HARRIS"}))
TULSA = SubjectFacts("P-2", frozenset({"OK/TULSA"}))
VICTIM = SubjectFacts("P-3", frozenset({"TX/HARRIS"}), protected_1367=True)


def user(role: Role, name: str = "u", active: bool = True) -> Principal:
    return Principal(1, name, role, active)


def partner(until: dt.date = TODAY, grants: tuple[str, ...] = ("TX",)) -> Principal:
    agency = Partner("TX1234567", "Harris County SO", frozenset(grants), until)
    return Principal(2, "deputy", Role.partner_officer, partner=agency)


def test_a_role_may_take_the_actions_listed_for_it() -> None:
    decision = may(user(Role.analyst), Action.person_read, HARRIS, LEAD, today=TODAY)
    assert (decision.allowed, decision.outcome) == (True, Outcome.allowed)
    assert decision.reason == "an analyst may read a person's records"


def test_a_role_may_not_take_an_action_not_listed() -> None:
    decision = may(user(Role.admin), Action.person_read, HARRIS, CASE, today=TODAY)
    assert not decision.allowed
    assert decision.reason == "an admin may not read a person's records"
    assert "AC-6" in decision.basis


def test_the_auditor_reads_the_log_but_never_a_person() -> None:
    auditor = user(Role.auditor)
    assert may(auditor, Action.audit_read, None, OVERSIGHT, today=TODAY).allowed
    assert not may(auditor, Action.person_read, HARRIS, OVERSIGHT, today=TODAY).allowed


def test_a_disabled_account_may_do_nothing() -> None:
    decision = may(user(Role.analyst, active=False), Action.person_read, HARRIS, LEAD, today=TODAY)
    assert not decision.allowed
    assert decision.reason == "account u is disabled"


def test_every_action_needs_a_purpose() -> None:
    decision = may(user(Role.analyst), Action.person_read, HARRIS, None, today=TODAY)
    assert not decision.allowed
    assert "a purpose must be stated" in decision.reason


def test_the_purpose_must_be_one_the_role_may_have() -> None:
    desk = user(Role.status_desk_operator)
    assert may(desk, Action.person_read, HARRIS, QUERY, today=TODAY).allowed
    refused = may(desk, Action.person_read, HARRIS, CASE, today=TODAY)
    assert not refused.allowed
    assert refused.reason == (
        "a status desk operator may not act for a case purpose (only: status_query)"
    )


def test_an_action_on_a_person_needs_the_person() -> None:
    decision = may(user(Role.analyst), Action.person_read, None, LEAD, today=TODAY)
    assert not decision.allowed
    assert "the person must be named" in decision.reason


@pytest.mark.parametrize(
    ("role", "purpose", "sees"),
    [
        (Role.investigator, CASE, True),
        (Role.investigator, LEAD, False),
        (Role.supervisor, OVERSIGHT, True),
        (Role.supervisor, CASE, True),
        (Role.supervisor, LEAD, False),
        (Role.analyst, LEAD, False),
        (Role.removal_officer, CASE, False),
        (Role.document_examiner, CASE, False),
        (Role.status_desk_operator, QUERY, False),
    ],
)
def test_a_1367_protected_person_is_seen_only_by_the_allowed_roles_and_purposes(
    role: Role, purpose: Purpose, sees: bool
) -> None:
    decision = may(user(role), Action.person_read, VICTIM, purpose, today=TODAY)
    assert decision.allowed is sees
    if not sees:
        assert "protected by 8 U.S.C. 1367" in decision.reason
        assert decision.basis.startswith("8 U.S.C. 1367(a)(2)")


def test_a_partner_officer_never_sees_a_protected_person_even_in_their_jurisdiction() -> None:
    queried = SubjectFacts("P-3", frozenset({"TX"}), protected_1367=True, queried_by_user=True)
    decision = may(partner(), Action.person_read, queried, QUERY, today=TODAY)
    assert not decision.allowed
    assert "1367" in decision.reason


def test_a_partner_officer_sees_people_with_a_record_in_their_jurisdiction() -> None:
    assert may(partner(), Action.person_read, HARRIS, QUERY, today=TODAY).allowed
    refused = may(partner(), Action.person_read, TULSA, QUERY, today=TODAY)
    assert not refused.allowed
    assert refused.reason == (
        "P-2 has no record in Harris County SO's jurisdiction (TX) and was not asked about "
        "by deputy"
    )
    assert "287(g)" in refused.basis


def test_a_partner_officer_sees_people_they_queried_wherever_their_records_are() -> None:
    asked = SubjectFacts("P-2", frozenset({"OK/TULSA"}), queried_by_user=True)
    assert may(partner(), Action.person_read, asked, QUERY, today=TODAY).allowed


def test_a_county_grant_covers_only_that_county() -> None:
    county = partner(grants=("TX/HARRIS",))
    assert may(county, Action.person_read, HARRIS, QUERY, today=TODAY).allowed
    for places in ({"TX/DALLAS"}, {"TX"}, set()):
        subject = SubjectFacts("P-9", frozenset(places))
        assert not may(county, Action.person_read, subject, QUERY, today=TODAY).allowed


def test_a_partner_officer_may_act_through_the_last_day_of_certification() -> None:
    assert may(partner(until=TODAY), Action.person_read, HARRIS, QUERY, today=TODAY).allowed
    lapsed = partner(until=TODAY - dt.timedelta(days=1))
    for action, subject in ((Action.person_read, HARRIS), (Action.status_query_ask, None)):
        decision = may(lapsed, action, subject, QUERY, today=TODAY)
        assert not decision.allowed
        assert decision.reason == "287(g) certification of deputy expired on 2026-06-29"


def test_a_partner_officer_without_an_agreement_on_file_may_do_nothing() -> None:
    bare = user(Role.partner_officer)
    decision = may(bare, Action.status_query_ask, None, QUERY, today=TODAY)
    assert not decision.allowed
    assert "without a 287(g) agreement" in decision.reason


def test_a_partner_officers_enforcement_action_waits_for_a_supervisor() -> None:
    decision = may(partner(), Action.enforcement_request, HARRIS, CASE, today=TODAY)
    assert (decision.allowed, decision.approval_by, decision.outcome) == (
        True,
        Role.supervisor,
        Outcome.needs_approval,
    )
    assert "waits for a supervisor's approval" in decision.reason
    assert "1357(g)(3)" in decision.basis


def test_a_removal_officers_enforcement_action_needs_no_approval() -> None:
    decision = may(
        user(Role.removal_officer), Action.enforcement_request, HARRIS, CASE, today=TODAY
    )
    assert (decision.allowed, decision.approval_by) == (True, None)


def test_outside_their_jurisdiction_a_partner_officer_may_not_even_request() -> None:
    assert not may(partner(), Action.enforcement_request, TULSA, CASE, today=TODAY).allowed


def test_a_supervisor_approves_others_requests_never_their_own() -> None:
    boss = user(Role.supervisor, "boss")
    assert may_approve(boss, "deputy", HARRIS, CASE, today=TODAY).allowed
    own = may_approve(boss, "boss", HARRIS, CASE, today=TODAY)
    assert not own.allowed
    assert own.reason == "boss may not approve their own request"
    assert not may_approve(user(Role.analyst), "deputy", HARRIS, CASE, today=TODAY).allowed
    assert not may_approve(boss, "deputy", VICTIM, LEAD, today=TODAY).allowed


def test_the_first_rule_that_objects_gives_the_reason() -> None:
    lapsed_and_far = partner(until=TODAY - dt.timedelta(days=1))
    decision = may(lapsed_and_far, Action.person_read, TULSA, QUERY, today=TODAY)
    assert "certification" in decision.reason  # not the jurisdiction, which comes later


ROLES = st.sampled_from(list(Role))
ACTIONS = st.sampled_from(list(Action))
PURPOSES = st.sampled_from([CASE, LEAD, QUERY, OVERSIGHT, None])
PLACES = st.frozensets(st.sampled_from(["TX", "TX/HARRIS", "OK/TULSA", "CA"]), max_size=3)


@given(role=ROLES, action=ACTIONS, purpose=PURPOSES, places=PLACES, queried=st.booleans())
def test_no_role_outside_the_protected_list_ever_sees_a_protected_person(
    role: Role, action: Action, purpose: Purpose | None, places: frozenset[str], queried: bool
) -> None:
    subject = SubjectFacts("P", places, protected_1367=True, queried_by_user=True)
    who = partner() if role is Role.partner_officer else user(role)
    decision = may(who, action, subject, purpose, today=TODAY)
    if decision.allowed:
        assert role in PROTECTED
        assert purpose is not None and purpose.kind in PROTECTED[role]


@given(action=ACTIONS, purpose=PURPOSES, places=PLACES)
def test_a_partner_officer_never_reaches_a_stranger_outside_their_jurisdiction(
    action: Action, purpose: Purpose | None, places: frozenset[str]
) -> None:
    subject = SubjectFacts("P", places)
    decision = may(partner(grants=("TX",)), action, subject, purpose, today=TODAY)
    if decision.allowed:
        assert any(p == "TX" or p.startswith("TX/") for p in places)
