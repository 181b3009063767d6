"""Who may do what, for which purposes, on what legal basis, and why: the access policy.

This module is data, meant to be read by a privacy officer as much as by a programmer.
``tessera.security.decide`` applies it; changing who may do what is an edit here, with
its reason, and nothing else.

The rules, in the order ``decide.may`` applies them:
1. a disabled account may do nothing;
2. a role may take only the actions listed for it (least privilege);
3. a partner officer may do nothing once their 287(g) certification has expired;
4. every action (each read of a person, each write) states a purpose the role may have;
5. a person with a T, U or VAWA filing is hidden from every role but ``PROTECTED``'s;
6. a partner officer sees only people with a record in their jurisdiction, or whom they
   asked about in a status query;
7. a partner officer's enforcement action waits for a supervisor's approval.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from tessera.model.access import PurposeKind, Role
from tessera.security.actions import Action

A = Action
P = PurposeKind


@dataclass(frozen=True)
class RolePolicy:
    """What a role may do, for which purposes, on what basis, and why."""

    permissions: frozenset[Action]
    purposes: frozenset[PurposeKind]
    basis: str
    why: str


@dataclass(frozen=True)
class Rule:
    """One need-to-know rule beyond the roles' permissions: its basis and why."""

    basis: str
    why: str


ROLES: Final[Mapping[Role, RolePolicy]] = {
    Role.analyst: RolePolicy(
        frozenset({A.person_search, A.person_read, A.lead_work, A.lead_list, A.identity_judge}),
        frozenset({P.lead, P.case}),
        "INA 103(a); ICE Compliance Enforcement Unit (SEVIS, NSEERS, US-VISIT analysis)",
        "Analysts examine registration data for violations and refer leads to investigators: "
        "they need people and leads, never enforcement powers.",
    ),
    Role.investigator: RolePolicy(
        frozenset({A.person_search, A.person_read, A.lead_work, A.lead_list, A.identity_judge}),
        frozenset({P.case, P.lead}),
        "INA 287(a)-(b) (8 U.S.C. 1357): powers of immigration officers",
        "Special agents work leads into cases (fraud, smuggling, trafficking, worksite).",
    ),
    Role.removal_officer: RolePolicy(
        frozenset(
            {A.person_search, A.person_read, A.lead_work, A.lead_list, A.enforcement_request}
        ),
        frozenset({P.case, P.lead}),
        "INA 236 and 241 (8 U.S.C. 1226, 1231); 8 CFR 287.7 (detainers)",
        "Detention and Removal officers locate, hold and remove people; they request "
        "detainers on their own authority.",
    ),
    Role.document_examiner: RolePolicy(
        frozenset({A.person_read, A.document_examine}),
        frozenset({P.case}),
        "ICE Forensic Document Laboratory examinations for ICE and other agencies",
        "Examiners see the person a submitted document belongs to, for the case that "
        "submitted it, and record what they found.",
    ),
    Role.status_desk_operator: RolePolicy(
        frozenset({A.person_search, A.person_read, A.status_query_answer, A.status_query_queue}),
        frozenset({P.status_query}),
        "8 U.S.C. 1373(c): DHS answers status inquiries from federal, state and local "
        "agencies (Law Enforcement Support Center, Nlets IAQ/IAR)",
        "Operators answer a police agency's status query about the person it names, and "
        "nothing else.",
    ),
    Role.partner_officer: RolePolicy(
        frozenset({A.person_search, A.person_read, A.status_query_ask, A.enforcement_request}),
        frozenset({P.status_query, P.case}),
        "INA 287(g) (8 U.S.C. 1357(g)): functions delegated by a memorandum of agreement, "
        "to trained and certified officers, under ICE supervision",
        "A state or local officer acts only within the agreement: inside the agency's "
        "jurisdiction, while certified, and never enforces without an ICE supervisor.",
    ),
    Role.supervisor: RolePolicy(
        frozenset(
            {
                A.person_search,
                A.person_read,
                A.lead_work,
                A.lead_list,
                A.enforcement_approve,
                A.enforcement_review,
            }
        ),
        frozenset({P.case, P.lead, P.status_query, P.oversight}),
        "8 U.S.C. 1357(g)(3) (287(g) officers act under DHS direction and supervision); "
        "ICE supervisory review of enforcement actions",
        "Supervisors approve or refuse the enforcement actions others request, and oversee "
        "their leads and cases.",
    ),
    Role.auditor: RolePolicy(
        frozenset({A.audit_read, A.audit_verify}),
        frozenset({P.oversight}),
        "Privacy Act, 5 U.S.C. 552a(e)(10) (safeguards); the real-time user audit DHS "
        "promises for its enforcement systems (ACRIMe SORN, 73 FR 74739)",
        "Auditors watch who touched what. The log names people by id only: auditors never "
        "read the records themselves.",
    ),
    Role.admin: RolePolicy(
        frozenset({A.users_manage, A.audit_verify}),
        frozenset({P.administration}),
        "Least privilege and separation of duties (NIST SP 800-53 AC-5, AC-6)",
        "Administrators create and disable accounts; whoever grants access does not use it.",
    ),
}
"""Every role's permissions and purposes. A role not listed may do nothing."""

LEAD_QUEUES: Final = Rule(
    "The roles that work leads (lead:work) are the ones that see their queues (lead:list)",
    "Whoever works leads must see what waits; no one else needs to. A queue still shows "
    "each lead only to a reader who may read its person (person:read): a lead on a person "
    "protected by 8 U.S.C. 1367 is not in the queue of a role that may not see them.",
)


PROTECTED: Final[Mapping[Role, frozenset[PurposeKind]]] = {
    Role.investigator: frozenset({P.case}),
    Role.supervisor: frozenset({P.case, P.oversight}),
}
"""The only roles (and purposes) that see a person with a T, U or VAWA filing."""

PROTECTED_RULE: Final = Rule(
    "8 U.S.C. 1367(a)(2): no disclosure of information about a T, U or VAWA applicant "
    "or beneficiary beyond sworn DHS officers with a legitimate purpose",
    "Victims of trafficking, crime and domestic violence must be able to come forward "
    "without their abuser, or enforcement, reaching them through our records. Beyond the "
    "statute's floor Tessera adds need-to-know: investigators see them for a case "
    "(trafficking investigations work with the victims: Continued Presence, I-914B and "
    "I-918B certifications), supervisors for a case or for oversight, so that an "
    "enforcement action against a protected person can be stopped (8 U.S.C. 1367(a)(1)). "
    "Partner officers and the status desk never do: what they learn reaches other "
    "agencies.",
)

CERTIFICATION_RULE: Final = Rule(
    "INA 287(g)(2) (8 U.S.C. 1357(g)(2)): delegated officers must have received "
    "adequate training and be certified",
    "The delegation rests on the certification: once it lapses the officer holds no "
    "immigration authority at all, for reads as for actions.",
)

JURISDICTION_RULE: Final = Rule(
    "INA 287(g) memorandum of agreement: functions delegated within the agency's jurisdiction",
    "A partner agency sees people it has met: those with a record made in its "
    "jurisdiction, or whom its officer asked about in a status query.",
)

APPROVAL: Final[Mapping[Role, Role]] = {Role.partner_officer: Role.supervisor}
"""Roles whose enforcement actions wait for another role's approval."""

APPROVAL_RULE: Final = Rule(
    "INA 287(g)(3) (8 U.S.C. 1357(g)(3)): delegated officers act under the direction "
    "and supervision of DHS",
    "A detainer deprives a person of liberty; GAO found 287(g) agencies enforcing "
    "against minor offenders where supervision was undefined (GAO-09-109). An ICE "
    "supervisor approves each one, and never their own request.",
)
