"""The policy is data: complete, consistent, and every rule says its legal basis and why."""

from __future__ import annotations

from tessera.model.access import PurposeKind, Role
from tessera.security import ACTIONS, Action
from tessera.security.policy import APPROVAL, PROTECTED, PROTECTED_RULE, ROLES


def test_every_role_has_a_policy_with_a_basis_and_a_reason() -> None:
    assert set(ROLES) == set(Role)
    for role, policy in ROLES.items():
        assert policy.basis and policy.why, role
        assert policy.purposes, f"{role} could never state a purpose"


def test_every_action_is_described_and_someone_may_take_it() -> None:
    assert set(ACTIONS) == set(Action)
    granted = set().union(*(p.permissions for p in ROLES.values()))
    assert granted == set(Action)


def test_those_who_see_protected_people_may_read_people_for_those_purposes() -> None:
    for role, kinds in PROTECTED.items():
        assert Action.person_read in ROLES[role].permissions
        assert kinds <= ROLES[role].purposes
    assert "1367" in PROTECTED_RULE.basis


def test_no_one_outside_dhs_sees_protected_people() -> None:
    assert Role.partner_officer not in PROTECTED
    assert Role.status_desk_operator not in PROTECTED  # answers reach other agencies


def test_whoever_grants_access_does_not_use_it_and_auditors_read_no_person() -> None:
    person_actions = {a for a, p in ACTIONS.items() if p.about_a_person}
    for role in (Role.admin, Role.auditor):
        assert not ROLES[role].permissions & person_actions
    assert Action.users_manage in ROLES[Role.admin].permissions
    assert ROLES[Role.auditor].purposes == {PurposeKind.oversight}


def test_the_approving_role_may_approve() -> None:
    for requester, approver in APPROVAL.items():
        assert Action.enforcement_request in ROLES[requester].permissions
        assert Action.enforcement_approve in ROLES[approver].permissions
