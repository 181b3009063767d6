"""The routing of findings to units is data: complete, explained, and a victim is never
routed to enforcement."""

from __future__ import annotations

from tessera.model.codes import FINDING_CODES
from tessera.model.findings import SHARED_IDENTIFIER, STATUS_UNVERIFIED
from tessera.model.leads import (
    HUMAN_DISPOSITIONS,
    ROUTES,
    Disposition,
    FindingRole,
    Unit,
    route,
    verification_needed,
)


def test_every_finding_code_a_person_can_be_named_in_has_a_unit() -> None:
    for code in (*FINDING_CODES, STATUS_UNVERIFIED):
        roles = (FindingRole.USER, FindingRole.OWNER) if code == SHARED_IDENTIFIER else ("SUBJECT",)
        assert all(route(code, role) is not None for role in roles), code
    assert route("NOT_A_CODE", FindingRole.SUBJECT) is None


def unit_of(code: str) -> Unit | None:
    routing = route(code, FindingRole.SUBJECT)
    return None if routing is None else routing.unit


def test_each_route_says_why_and_every_unit_has_work() -> None:
    assert all(len(r.why) > 40 for r in ROUTES.values())
    assert {r.unit for r in ROUTES.values()} == set(Unit)


def test_the_owner_of_a_shared_identifier_goes_to_victim_outreach_never_enforcement() -> None:
    owner = route(SHARED_IDENTIFIER, FindingRole.OWNER)
    user = route(SHARED_IDENTIFIER, FindingRole.USER)
    assert owner is not None and user is not None
    assert (owner.unit, owner.enforcement) == (Unit.victims, False)
    assert (user.unit, user.enforcement) == (Unit.fraud, True)
    assert [r for r in ROUTES.values() if r.unit is Unit.victims] == [owner]


def test_units_follow_the_issue() -> None:
    assert {c: unit_of(c) for c in FINDING_CODES if c != SHARED_IDENTIFIER} == {
        "OVERSTAY": Unit.compliance,
        "STUDENT_STATUS_VIOLATION": Unit.compliance,
        "STUDENT_OVERSTAY": Unit.compliance,
        "FUGITIVE": Unit.removal,
        "REENTRY_AFTER_REMOVAL": Unit.removal,
        "HUMAN_RIGHTS_VIOLATOR_PRESENT": Unit.removal,
        "REMOVABLE_IN_CUSTODY": Unit.custody,
        "SEX_OFFENDER_REMOVABLE": Unit.custody,
        "UNAUTHORIZED_EMPLOYMENT": Unit.worksite,
        "LOST_STOLEN_DOCUMENT_USED": Unit.fraud,
    }


def test_an_unverified_status_is_verified_first_and_is_no_enforcement_lead() -> None:
    unverified = route(STATUS_UNVERIFIED, FindingRole.SUBJECT)
    assert unverified is not None
    assert (unverified.unit, unverified.verify_status, unverified.enforcement) == (
        Unit.compliance,
        True,
        False,
    )
    assert [n.split(":")[0] for n in verification_needed(STATUS_UNVERIFIED, "SUBJECT", True)] == [
        "status",
        "identity",
    ]
    assert verification_needed("OVERSTAY", "SUBJECT", False) == ()


def test_only_tessera_closes_a_lead_automatically() -> None:
    assert Disposition.closed_auto not in HUMAN_DISPOSITIONS
    assert set(HUMAN_DISPOSITIONS) | {Disposition.closed_auto} == set(Disposition)
