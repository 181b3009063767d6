"""Access decisions: ``may(user, action, subject, purpose, today) -> Decision``.

Pure functions over the policy in ``tessera.security.policy``: each check below looks at
one rule and either objects (a denial with its reason and legal basis) or has nothing to
say. ``may`` runs them in order and the first objection decides, so the reason a user is
given -- and the audit log keeps -- is always the rule that stopped them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from tessera.model.access import Outcome, Role
from tessera.security.actions import ACTIONS, Action
from tessera.security.jurisdiction import within
from tessera.security.policy import (
    APPROVAL,
    APPROVAL_RULE,
    CERTIFICATION_RULE,
    JURISDICTION_RULE,
    PROTECTED,
    PROTECTED_RULE,
    ROLES,
)
from tessera.security.principal import Principal, SubjectFacts
from tessera.security.purpose import Purpose


@dataclass(frozen=True)
class Decision:
    """Whether an access may happen, why, on what basis, and whose approval it awaits."""

    allowed: bool
    reason: str
    basis: str = ""
    approval_by: Role | None = None

    @property
    def outcome(self) -> Outcome:
        if not self.allowed:
            return Outcome.denied
        return Outcome.allowed if self.approval_by is None else Outcome.needs_approval


@dataclass(frozen=True)
class Request:
    user: Principal
    action: Action
    subject: SubjectFacts | None
    purpose: Purpose | None
    today: dt.date


Check = Callable[[Request], Decision | None]


def with_article(noun: str) -> str:
    """``noun`` with its indefinite article, the underscores of a code read as spaces."""
    words = noun.replace("_", " ")
    return f"an {words}" if words[:1] in "aeiou" else f"a {words}"


def _deny(reason: str, basis: str = "") -> Decision:
    return Decision(False, reason, basis)


def active(r: Request) -> Decision | None:
    return None if r.user.active else _deny(f"account {r.user.username} is disabled")


def permitted(r: Request) -> Decision | None:
    policy = ROLES.get(r.user.role)
    if policy is not None and r.action in policy.permissions:
        return None
    basis = policy.basis if policy else ""
    return _deny(f"{with_article(r.user.role)} may not {ACTIONS[r.action].description}", basis)


def certified(r: Request) -> Decision | None:
    partner = r.user.partner
    if r.user.role is not Role.partner_officer:
        return None
    if partner is None:
        return _deny("a partner officer without a 287(g) agreement on file may do nothing")
    if partner.certified_on(r.today):
        return None
    return _deny(
        f"287(g) certification of {r.user.username} expired on {partner.certified_until}",
        CERTIFICATION_RULE.basis,
    )


def purposeful(r: Request) -> Decision | None:
    if r.purpose is None:
        return _deny(f"to {ACTIONS[r.action].description} a purpose must be stated")
    allowed = ROLES[r.user.role].purposes
    if r.purpose.kind in allowed:
        return None
    kinds = ", ".join(sorted(allowed))
    return _deny(
        f"{with_article(r.user.role)} may not act for {with_article(r.purpose.kind)} "
        f"purpose (only: {kinds})",
        ROLES[r.user.role].basis,
    )


def has_subject(r: Request) -> Decision | None:
    if r.subject is None and ACTIONS[r.action].about_a_person:
        return _deny(f"to {ACTIONS[r.action].description} the person must be named")
    return None


def protected(r: Request) -> Decision | None:
    if r.subject is None or not r.subject.protected_1367:
        return None
    kinds = PROTECTED.get(r.user.role, frozenset())
    if r.purpose is not None and r.purpose.kind in kinds:
        return None
    acting = f" acting for {with_article(r.purpose.kind)} purpose" if kinds and r.purpose else ""
    return _deny(
        f"{r.subject.person_id} is protected by 8 U.S.C. 1367 and hidden from "
        f"{with_article(r.user.role)}{acting}",
        PROTECTED_RULE.basis,
    )


def in_jurisdiction(r: Request) -> Decision | None:
    partner = r.user.partner
    if r.subject is None or partner is None or r.subject.queried_by_user:
        return None
    if within(partner.jurisdictions, r.subject.jurisdictions):
        return None
    granted = ", ".join(sorted(partner.jurisdictions))
    return _deny(
        f"{r.subject.person_id} has no record in {partner.agency}'s jurisdiction "
        f"({granted}) and was not asked about by {r.user.username}",
        JURISDICTION_RULE.basis,
    )


CHECKS: tuple[Check, ...] = (
    active,
    permitted,
    certified,
    purposeful,
    has_subject,
    protected,
    in_jurisdiction,
)
"""The rules of ``tessera.security.policy``, in the order they are applied."""


def may(
    user: Principal,
    action: Action,
    subject: SubjectFacts | None = None,
    purpose: Purpose | None = None,
    *,
    today: dt.date,
) -> Decision:
    """Whether ``user`` may take ``action`` on ``subject`` for ``purpose`` on ``today``."""
    request = Request(user, action, subject, purpose, today)
    for check in CHECKS:
        objection = check(request)
        if objection is not None:
            return objection
    approver = APPROVAL.get(user.role)
    if ACTIONS[action].enforcement and approver is not None:
        return Decision(
            True,
            f"{ACTIONS[action].description} by {with_article(user.role)} "
            f"waits for {with_article(approver)}'s approval",
            APPROVAL_RULE.basis,
            approver,
        )
    return Decision(True, f"{with_article(user.role)} may {ACTIONS[action].description}")


def may_approve(
    approver: Principal,
    requested_by: str,
    subject: SubjectFacts,
    purpose: Purpose,
    *,
    today: dt.date,
) -> Decision:
    """Whether ``approver`` may approve the enforcement action ``requested_by`` asked for:
    a supervisor who may see the person, and never the requester."""
    if approver.username == requested_by:
        return _deny(f"{approver.username} may not approve their own request", APPROVAL_RULE.basis)
    return may(approver, Action.enforcement_approve, subject, purpose, today=today)
