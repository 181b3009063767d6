"""The answer key: SPEC's findings, evaluated on each person's true, stored records.

A small reference evaluator, independent of the production rule engine it will judge:
it reads the noise-free facts, ignores facts whose rows were broken (they never reach
the system), and applies the protections last.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from tessera.synth.facts import (
    Arrival,
    Benefit,
    Booking,
    CourtCase,
    CriminalHistory,
    Fact,
    Hire,
    Listing,
    Removal,
    StudentRecord,
    Warrant,
)
from tessera.synth.life import DAY, GRACE
from tessera.synth.people import Person
from tessera.synth.world import StolenDocument

SERIOUS_PREFIXES = ("09", "10", "11", "12", "13", "35", "36", "52", "48", "30")
STATUS_FORMS = ("I-129", "I-539", "I-485")
VIOLATIONS = (
    "FAILURE TO ENROLL",
    "UNAUTHORIZED DROP BELOW FULL COURSE",
    "UNAUTHORIZED EMPLOYMENT",
    "OTHERWISE FAILING TO MAINTAIN STATUS",
    "EXPULSION",
)
WORK_CLASSES = ("H1B", "H2A", "H2B", "L1", "O1", "TN", "LPR", "RE")


@dataclass(frozen=True)
class Expected:
    person: str
    code: str
    evidence: tuple[str, ...]


def key(f: Fact) -> str:
    return f"{f.feed}:{f.record_id}"


def evaluate(
    people: list[Person], documents: list[StolenDocument], as_of: dt.date
) -> list[Expected]:
    out: list[Expected] = []
    shared = _shared_identifiers(people)
    stolen = {(d.country, d.number): d for d in documents if not d.broken}
    for p in people:
        facts = [f for f in p.facts if not f.broken]
        found = _person_findings(p, facts, stolen, as_of)
        if _protected(p, facts):
            found = []
        found += [Expected(p.pid, "SHARED_IDENTIFIER", ev) for ev in shared.get(p.pid, [])]
        out += found
    return out


def _protected(p: Person, facts: list[Fact]) -> bool:
    if not p.noncitizen or p.protection:
        return True
    return any(
        isinstance(f, Benefit) and f.form == "N-400" and f.decision == "APPROVED" for f in facts
    ) or any(isinstance(f, Arrival) and f.cls == "USC" for f in facts)


def _noncitizen_evidence(facts: list[Fact]) -> bool:
    for f in facts:
        if isinstance(f, Arrival) and f.kind == "ARRIVAL" and f.cls != "USC":
            return True
        if isinstance(f, (StudentRecord, Benefit, CourtCase, Removal)):
            return True
        if isinstance(f, Hire) and f.attestation in ("LPR", "AUTHORIZED_ALIEN"):
            return True
        if isinstance(f, Warrant) and f.record_type == "IMMIGRATION_VIOLATOR":
            return True
    return False


def _exits(facts: list[Fact]) -> list[dt.date]:
    return [
        f.date
        for f in facts
        if (isinstance(f, Arrival) and f.kind == "DEPARTURE") or isinstance(f, Removal)
    ]


def _overstays(facts: list[Fact], as_of: dt.date) -> list[Arrival]:
    exits = _exits(facts)
    found = []
    for a in facts:
        if (
            not (isinstance(a, Arrival) and a.kind == "ARRIVAL" and a.admit_until)
            or a.admit_until >= as_of
        ):
            continue
        if any(d >= a.date for d in exits):
            continue
        if any(
            isinstance(b, Benefit)
            and b.form in STATUS_FORMS
            and a.date <= b.date <= a.admit_until
            and b.decision != "DENIED"
            for b in facts
        ):
            continue
        if any(
            isinstance(b, Benefit)
            and b.form == "I-129"
            and b.decision == "APPROVED"
            and b.valid_to
            and b.valid_to >= as_of
            for b in facts
        ):
            continue
        found.append(a)
    return found


def _student_findings(p: Person, facts: list[Fact], as_of: dt.date) -> list[Expected]:
    out = []
    exits = _exits(facts)
    students = [f for f in facts if isinstance(f, StudentRecord)]
    for s in students:
        later_record = any(o.program_start > s.program_start for o in students)
        later_status = any(
            isinstance(b, Benefit) and b.date >= s.program_start and b.decision != "DENIED"
            for b in facts
        )
        for date, status, reason in s.events:
            if status == "TERMINATED" and reason in VIOLATIONS:
                approved = any(
                    isinstance(b, Benefit)
                    and b.date >= date
                    and b.decision == "APPROVED"
                    and b.form in STATUS_FORMS
                    for b in facts
                )
                if not any(d >= date for d in exits) and not approved:
                    out.append(Expected(p.pid, "STUDENT_STATUS_VIOLATION", (key(s),)))
            grace = None
            if status == "COMPLETED":
                grace = GRACE[s.visa_class]
            elif status == "TERMINATED" and reason == "AUTHORIZED EARLY WITHDRAWAL":
                grace = 15
            if (
                grace is not None
                and date + grace * DAY < as_of
                and not any(d >= date for d in exits)
                and not later_status
                and not later_record
            ):
                out.append(Expected(p.pid, "STUDENT_OVERSTAY", (key(s),)))
    return out


def _final_orders(facts: list[Fact], as_of: dt.date) -> list[tuple[CourtCase, dt.date]]:
    """(case, date from which the person had to be gone) for each final order."""
    orders = []
    for case in (f for f in facts if isinstance(f, CourtCase)):
        order = next(((d, det, by) for d, k, det, by in case.events if k == "ORDER"), None)
        if order is None or order[1] not in (
            "REMOVAL",
            "REMOVAL_IN_ABSENTIA",
            "VOLUNTARY_DEPARTURE",
        ):
            continue
        date, kind, depart_by = order
        appeals = [(d, k, det) for d, k, det, _ in case.events if k.startswith("APPEAL")]
        filed = any(k == "APPEAL_FILED" and d <= date + 30 * DAY for d, k, _ in appeals)
        dismissed = any(k == "APPEAL_DECIDED" and det == "DISMISSED" for _, k, det in appeals)
        final = dismissed or (not filed and date + 30 * DAY < as_of)
        if kind == "VOLUNTARY_DEPARTURE":
            if depart_by and depart_by < as_of:
                orders.append((case, depart_by))
        elif final:
            orders.append((case, date))
    return orders


def _person_findings(
    p: Person, facts: list[Fact], stolen: dict[tuple[str, str], StolenDocument], as_of: dt.date
) -> list[Expected]:
    if not _noncitizen_evidence(facts):
        return []
    out: list[Expected] = []
    overstays = _overstays(facts, as_of)
    out += [Expected(p.pid, "OVERSTAY", (key(a),)) for a in overstays]
    students = _student_findings(p, facts, as_of)
    out += students
    exits = _exits(facts)
    fugitive = []
    for case, since in _final_orders(facts, as_of):
        if not any(d >= since for d in exits):
            fugitive.append(case)
            out.append(Expected(p.pid, "FUGITIVE", (key(case),)))
    removals = [f for f in facts if isinstance(f, Removal) and f.kind == "REMOVAL"]
    for r in removals:
        for f in facts:
            if f.date > r.date and (
                (isinstance(f, Arrival) and f.kind == "ARRIVAL") or isinstance(f, (Booking, Hire))
            ):
                out.append(
                    Expected(p.pid, "REENTRY_AFTER_REMOVAL", tuple(sorted((key(r), key(f)))))
                )
    for f in facts:
        number = f.passport if isinstance(f, Arrival) and f.kind == "ARRIVAL" else None
        if number and number in stolen and stolen[number].reported < f.date:
            out.append(
                Expected(
                    p.pid,
                    "LOST_STOLEN_DOCUMENT_USED",
                    tuple(sorted((key(f), f"lost_stolen:{stolen[number].record_id}"))),
                )
            )
    history = next((f for f in facts if isinstance(f, CriminalHistory)), None)
    convictions = [c for c in history.cycles if c.disposition == "CONVICTED"] if history else []
    no_status = bool(
        overstays
        or [e for e in students if e.code == "STUDENT_STATUS_VIOLATION"]
        or fugitive
        or removals
        or _expired_admission(facts, as_of)
    )
    serious = [c for c in convictions if c.offense[:2] in SERIOUS_PREFIXES]
    for b in facts:
        if isinstance(b, Booking) and b.status != "RELEASED" and (no_status or serious):
            evidence = [key(b)] + ([key(history)] if serious and history else [])
            out.append(Expected(p.pid, "REMOVABLE_IN_CUSTODY", tuple(sorted(evidence))))
    out += _unauthorized_work(p, facts)
    for listing in (f for f in facts if isinstance(f, Listing)):
        out += _listed(p, listing, facts, no_status, history)
    return out


def _expired_admission(facts: list[Fact], as_of: dt.date) -> bool:
    arrivals = [f for f in facts if isinstance(f, Arrival) and f.kind == "ARRIVAL"]
    if not arrivals:
        return False
    last = max(arrivals, key=lambda a: a.date)
    if last.admit_until is None or last.admit_until >= as_of:
        return False
    return not any(d >= last.date for d in _exits(facts)) and not any(
        isinstance(b, Benefit) and b.date >= last.date and b.decision != "DENIED" for b in facts
    )


def _authorized(facts: list[Fact], day: dt.date) -> bool:
    for f in facts:
        if isinstance(f, Arrival) and f.kind == "ARRIVAL" and f.date <= day:
            if f.cls in ("LPR", "RE", "USC"):
                return True
            if f.cls in WORK_CLASSES and f.admit_until and day <= f.admit_until:
                return True
        if (
            isinstance(f, Benefit)
            and f.decision == "APPROVED"
            and f.decision_date
            and f.decision_date <= day
        ):
            if f.form in ("I-485", "I-589", "I-914", "I-918", "N-400"):
                return True
            if (
                f.form in ("I-765", "I-129")
                and f.valid_from
                and f.valid_to
                and f.valid_from <= day <= f.valid_to
            ):
                return True
        if isinstance(f, CourtCase) and any(
            k == "ORDER" and det == "RELIEF_GRANTED" and d <= day for d, k, det, _ in f.events
        ):
            return True
    return False


def _unauthorized_work(p: Person, facts: list[Fact]) -> list[Expected]:
    return [
        Expected(p.pid, "UNAUTHORIZED_EMPLOYMENT", (key(h),))
        for h in facts
        if isinstance(h, Hire) and not _authorized(facts, h.date)
    ]


def _listed(
    p: Person,
    listing: Listing,
    facts: list[Fact],
    no_status: bool,
    history: CriminalHistory | None,
) -> list[Expected]:
    if listing.list_name == "HUMAN_RIGHTS_VIOLATOR":
        moves = sorted((f for f in facts if isinstance(f, Arrival)), key=lambda f: f.date)
        present = (
            bool(moves)
            and moves[-1].kind == "ARRIVAL"
            and not any(isinstance(f, Removal) and f.date >= moves[-1].date for f in facts)
        )
        pending = any(isinstance(f, Benefit) and f.decision == "PENDING" for f in facts)
        if present or pending:
            evidence = [key(listing)] + ([key(moves[-1])] if present else [])
            return [Expected(p.pid, "HUMAN_RIGHTS_VIOLATOR_PRESENT", tuple(sorted(evidence)))]
        return []
    sex = (
        [
            c
            for c in history.cycles
            if c.disposition == "CONVICTED" and c.offense[:2] in ("36", "11")
        ]
        if history
        else []
    )
    if no_status or sex:
        evidence = [key(listing)] + ([key(history)] if sex and history else [])
        return [Expected(p.pid, "SEX_OFFENDER_REMOVABLE", tuple(sorted(evidence)))]
    return []


def _shared_identifiers(people: list[Person]) -> dict[str, list[tuple[str, ...]]]:
    """Every user of an SSN or passport number used by two or more people."""
    users: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for p in people:
        for f in p.facts:
            if f.broken:
                continue
            if isinstance(f, Hire) and f.ssn:
                users[("ssn", f.ssn)][p.pid].append(key(f))
            if isinstance(f, Arrival) and f.passport[1]:
                users[("passport", f.passport[1])][p.pid].append(key(f))
    found: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for by_person in users.values():
        if len(by_person) > 1:
            for pid, keys in by_person.items():
                found[pid].append(tuple(sorted(keys)))
    return found
