"""The answer key: SPEC's judged findings, evaluated on each person's stored records.

A small reference evaluator, written apart from the production rule engine it will
judge. It reads each person's noise-free facts, skips those whose rows were broken
(they never reach the system), uses identifiers as written, and applies the
protections last: nothing but SHARED_IDENTIFIER may name a citizen or a person whose
asylum, T or U filing is pending or approved.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from tessera.model.codes import FINDING_CODES
from tessera.synth.facts import PASSPORT_DOCUMENTS, Arrival, Benefit, Booking, Fact, Hire, Listing
from tessera.synth.findings import status as st
from tessera.synth.person import Person, TravelDocumentReport

_ORDER = {code: i for i, code in enumerate(FINDING_CODES)}
PROTECTIONS = frozenset(("ASYLUM", "T_VISA", "U_VISA"))


@dataclass(frozen=True, order=True)
class Expected:
    person: str
    code: str
    evidence: tuple[str, ...]


def evaluate(
    people: list[Person], reports: list[TravelDocumentReport], as_of: dt.date
) -> list[Expected]:
    """Every expected finding of a chunk, ordered by person then SPEC's code order."""
    shared = shared_identifiers(people)
    stolen: dict[str, list[TravelDocumentReport]] = defaultdict(list)
    for r in reports:
        if not r.broken:
            stolen[r.number].append(r)
    out: list[Expected] = []
    for p in people:
        facts = [f for f in p.facts if not f.broken]
        found: list[Expected] = []
        if not protected(p, facts) and st.noncitizen_evidence(facts):
            found = person_findings(p.pid, facts, stolen, as_of)
        found += [Expected(p.pid, "SHARED_IDENTIFIER", ev) for ev in shared.get(p.pid, ())]
        out += sorted(found, key=lambda e: (_ORDER[e.code], e.evidence))
    return out


def protected(p: Person, facts: list[Fact]) -> bool:
    """A citizen (born, derived, naturalised; or shown so by the records), or protected
    by a pending or approved asylum, T or U filing."""
    return p.citizen or p.protection in PROTECTIONS or st.citizen_shown(facts)


def _ev(*groups: list[str]) -> tuple[str, ...]:
    return tuple(sorted(dict.fromkeys(k for g in groups for k in g)))


def person_findings(
    pid: str, facts: list[Fact], stolen: dict[str, list[TravelDocumentReport]], as_of: dt.date
) -> list[Expected]:
    out: list[Expected] = []
    overstays = st.overstays(facts, as_of)
    out += [Expected(pid, "OVERSTAY", (a.key,)) for a in overstays]
    violations = st.student_violations(facts)
    out += [Expected(pid, "STUDENT_STATUS_VIOLATION", (s.key,)) for s in violations]
    out += [Expected(pid, "STUDENT_OVERSTAY", (s.key,)) for s in st.student_overstays(facts, as_of)]
    finals = st.final_orders(facts, as_of)
    gone = st.exits(facts)
    for case, ordered in finals:
        if not any(d >= ordered for d in gone):
            out.append(Expected(pid, "FUGITIVE", (case.key,)))
    removals = st.executed_removals(facts)
    expired = st.expired_last_admission(facts, as_of)
    no_status = _ev(
        [a.key for a in overstays],
        [s.key for s in violations],
        [c.key for c, _ in finals],
        [r.key for r in removals],
        [expired.key] if expired else [],
    )
    jailed = st.held(facts)
    serious = st.convictions(facts, st.SERIOUS)
    if jailed and (no_status or serious):
        basis = list(no_status) if no_status else [serious.key] if serious else []
        out.append(Expected(pid, "REMOVABLE_IN_CUSTODY", _ev([b.key for b in jailed], basis)))
    for r in removals:
        later = [
            f.key
            for f in facts
            if f.date > r.date
            and ((isinstance(f, Arrival) and f.kind == "ARRIVAL") or isinstance(f, (Booking, Hire)))
        ]
        if later:
            out.append(Expected(pid, "REENTRY_AFTER_REMOVAL", _ev([r.key], later)))
    out += _lost_stolen(pid, facts, stolen)
    unauthorised = [
        f.key for f in facts if isinstance(f, Hire) and not st.authorised(facts, f.date)
    ]
    if unauthorised:
        out.append(Expected(pid, "UNAUTHORIZED_EMPLOYMENT", _ev(unauthorised)))
    for listing in (f for f in facts if isinstance(f, Listing)):
        if listing.list_name == "HUMAN_RIGHTS_VIOLATOR":
            here = st.in_country(facts)
            pending = [f.key for f in facts if isinstance(f, Benefit) and f.decision == "PENDING"]
            if here is not None or pending:
                present = [here.key] if here is not None else []
                out.append(
                    Expected(
                        pid, "HUMAN_RIGHTS_VIOLATOR_PRESENT", _ev([listing.key], present, pending)
                    )
                )
        else:
            sexual = st.convictions(facts, st.SEX_FAMILIES)
            if no_status or sexual:
                basis = list(no_status) if no_status else [sexual.key] if sexual else []
                out.append(Expected(pid, "SEX_OFFENDER_REMOVABLE", _ev([listing.key], basis)))
    return out


def _lost_stolen(
    pid: str, facts: list[Fact], stolen: dict[str, list[TravelDocumentReport]]
) -> list[Expected]:
    """Arrivals and I-9s that used a document reported lost, stolen or revoked before."""
    uses: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        if isinstance(f, Arrival) and f.kind == "ARRIVAL" and f.written_passport in stolen:
            uses[f.written_passport].append(f)
        elif isinstance(f, Hire) and f.written_doc in stolen:
            uses[f.written_doc].append(f)
    out = []
    for number, used in uses.items():
        reports = stolen[number]
        after = [u.key for u in used if any(r.reported < u.date for r in reports)]
        if after:
            first = min(u.date for u in used if any(r.reported < u.date for r in reports))
            cited = [r.key for r in reports if r.reported < first] or [reports[0].key]
            out.append(Expected(pid, "LOST_STOLEN_DOCUMENT_USED", _ev(after, cited)))
    return out


def shared_identifiers(people: list[Person]) -> dict[str, list[tuple[str, ...]]]:
    """Every user of an SSN or passport number written for two or more people."""
    users: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for p in people:
        for f in p.facts:
            if f.broken:
                continue
            if isinstance(f, Hire):
                if f.written_ssn:
                    users[("ssn", f.written_ssn)][p.pid].append(f.key)
                if f.doc_type in PASSPORT_DOCUMENTS and f.written_doc:
                    users[("passport", f.written_doc)][p.pid].append(f.key)
            elif isinstance(f, Arrival) and f.written_passport:
                users[("passport", f.written_passport)][p.pid].append(f.key)
    found: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for by_person in users.values():
        if len(by_person) > 1:
            for pid, keys in by_person.items():
                found[pid].append(_ev(keys))
    return found
