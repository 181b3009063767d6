"""What a person's stored records show about their status, by SPEC's rule details.

Every function reads only the facts it is given (the caller passes the rows that were
stored, never the broken ones) and the identifiers as written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from tessera.model.codes import (
    EARLY_WITHDRAWAL,
    EARLY_WITHDRAWAL_GRACE_DAYS,
    STUDENT_GRACE_DAYS,
    VIOLATION_REASONS,
)
from tessera.model.offences import OFFENCE_FAMILIES, family_of
from tessera.synth.facts import (
    Arrival,
    Benefit,
    Booking,
    CourtCase,
    CriminalHistory,
    Fact,
    Hire,
    Removal,
    StudentRecord,
    Warrant,
)

EXTENSION_FORMS = frozenset(("I-129", "I-539", "I-485"))
"""Extension, change or adjustment of status: filed in time and not denied, no overstay."""
STATUS_FORMS = EXTENSION_FORMS | {"I-589", "I-914", "I-918"}
"""Status filings that count as a student's "later status"."""
WORK_CLASSES = frozenset(("H1B", "H2A", "H2B", "L1", "O1", "TN"))
SERIOUS = frozenset(f.code for f in OFFENCE_FAMILIES if f.serious)
SEX_FAMILIES = frozenset(("SEXUAL_ASSAULT", "SEX_OFFENCE"))
DAY = dt.timedelta(days=1)


def noncitizen_evidence(facts: Iterable[Fact]) -> bool:
    """Positive evidence only: never a place of birth, a FIN or a registration."""
    for f in facts:
        if isinstance(f, Arrival):
            if f.kind == "ARRIVAL" and f.cls != "USC":
                return True
        elif isinstance(f, (StudentRecord, Benefit, CourtCase, Removal)):
            return True
        elif isinstance(f, Hire):
            if f.attestation in ("LPR", "AUTHORIZED_ALIEN"):
                return True
        elif isinstance(f, Warrant) and f.record_type == "IMMIGRATION_VIOLATOR":
            return True
    return False


def citizen_shown(facts: Iterable[Fact]) -> bool:
    """Citizenship as records can show it: an approved N-400 or a USC arrival."""
    return any(
        (isinstance(f, Benefit) and f.form == "N-400" and f.decision == "APPROVED")
        or (isinstance(f, Arrival) and f.kind == "ARRIVAL" and f.cls == "USC")
        for f in facts
    )


def exits(facts: Iterable[Fact]) -> list[dt.date]:
    """Departures and removals (of any type): each ends a stay."""
    return [
        f.date
        for f in facts
        if (isinstance(f, Arrival) and f.kind == "DEPARTURE") or isinstance(f, Removal)
    ]


def overstays(facts: list[Fact], as_of: dt.date) -> list[Arrival]:
    """Arrivals on a dated class whose admission ran out with no exit after them and no
    timely, undenied extension, change or adjustment of status."""
    gone = exits(facts)
    filings = [f for f in facts if isinstance(f, Benefit) and f.form in EXTENSION_FORMS]
    found = []
    for a in facts:
        if not isinstance(a, Arrival) or a.kind != "ARRIVAL" or a.ds or a.admit_until is None:
            continue
        until = a.admit_until
        if until >= as_of or any(d >= a.date for d in gone):
            continue
        if any(a.date <= b.date <= until and b.decision != "DENIED" for b in filings):
            continue
        found.append(a)
    return found


def expired_last_admission(facts: list[Fact], as_of: dt.date) -> Arrival | None:
    arrivals = [f for f in facts if isinstance(f, Arrival) and f.kind == "ARRIVAL"]
    if not arrivals:
        return None
    last = max(arrivals, key=lambda a: a.date)
    if last.ds or last.admit_until is None or last.admit_until >= as_of:
        return None
    if any(d >= last.date for d in exits(facts)):
        return None
    if any(
        isinstance(b, Benefit)
        and b.form in EXTENSION_FORMS
        and b.date >= last.date
        and b.decision != "DENIED"
        for b in facts
    ):
        return None
    return last


def student_violations(facts: list[Fact]) -> list[StudentRecord]:
    gone = exits(facts)
    found = []
    for s in facts:
        if not isinstance(s, StudentRecord):
            continue
        for day, status, reason in s.events:
            if status != "TERMINATED" or reason not in VIOLATION_REASONS:
                continue
            changed = any(
                isinstance(b, Benefit)
                and b.form in EXTENSION_FORMS
                and b.date >= day
                and b.decision == "APPROVED"
                for b in facts
            )
            if not changed and not any(d >= day for d in gone):
                found.append(s)
                break
    return found


def student_overstays(facts: list[Fact], as_of: dt.date) -> list[StudentRecord]:
    gone = exits(facts)
    records = [f for f in facts if isinstance(f, StudentRecord)]
    found = []
    for s in records:
        anchor: tuple[dt.date, int] | None = None
        for day, status, reason in s.events:
            if status == "COMPLETED":
                anchor = (day, STUDENT_GRACE_DAYS.get(s.visa_class, 60))
                break
            if status == "TERMINATED" and reason == EARLY_WITHDRAWAL:
                anchor = (day, EARLY_WITHDRAWAL_GRACE_DAYS)
                break
        if anchor is None or anchor[0] + anchor[1] * DAY >= as_of:
            continue
        if any(d >= anchor[0] for d in gone):
            continue
        later_status = any(
            isinstance(b, Benefit)
            and b.form in STATUS_FORMS
            and b.date >= s.program_start
            and b.decision != "DENIED"
            for b in facts
        )
        later_record = any(o.program_start > s.program_start for o in records)
        if not later_status and not later_record:
            found.append(s)
    return found


def final_orders(facts: list[Fact], as_of: dt.date) -> list[tuple[CourtCase, dt.date]]:
    """(case, order date) for each final removal order, or voluntary departure order
    whose date has passed."""
    found = []
    for case in facts:
        if not isinstance(case, CourtCase):
            continue
        order = next((e for e in case.events if e.type == "ORDER"), None)
        if order is None:
            continue
        if order.detail == "VOLUNTARY_DEPARTURE":
            if order.depart_by is not None and order.depart_by < as_of:
                found.append((case, order.date))
            continue
        if order.detail not in ("REMOVAL", "REMOVAL_IN_ABSENTIA"):
            continue
        dismissed = any(e.type == "APPEAL_DECIDED" and e.detail == "DISMISSED" for e in case.events)
        appealed = any(
            e.type == "APPEAL_FILED" and order.date <= e.date <= order.date + 30 * DAY
            for e in case.events
        )
        if dismissed or (not appealed and (as_of - order.date).days > 30):
            found.append((case, order.date))
    return found


def executed_removals(facts: list[Fact]) -> list[Removal]:
    return [f for f in facts if isinstance(f, Removal) and f.kind == "REMOVAL"]


def convictions(facts: list[Fact], families: frozenset[str]) -> CriminalHistory | None:
    """The criminal history, if it shows a conviction in one of ``families``."""
    for h in facts:
        if isinstance(h, CriminalHistory) and any(
            c.disposition == "CONVICTED" and family_of(c.offense) in families for c in h.cycles
        ):
            return h
    return None


def authorised(facts: list[Fact], day: dt.date) -> bool:
    """Work authorisation on ``day``: permanent residents, refugees, asylees, T/U
    holders, citizens, worker classes within their admission (or an approved petition's
    validity), a valid work permit, relief granted in court."""
    for f in facts:
        if f.date > day:
            continue
        if isinstance(f, Arrival) and f.kind == "ARRIVAL":
            if f.cls in ("LPR", "RE", "USC"):
                return True
            if f.cls in WORK_CLASSES and f.admit_until is not None and day <= f.admit_until:
                return True
        elif isinstance(f, Benefit):
            if _permits(f, day):
                return True
        elif isinstance(f, CourtCase) and _relief(f, day):
            return True
    return False


def _relief(case: CourtCase, day: dt.date) -> bool:
    return any(
        e.type == "ORDER" and e.detail == "RELIEF_GRANTED" and e.date <= day for e in case.events
    )


def _permits(b: Benefit, day: dt.date) -> bool:
    """An approved status that allows work (from its decision), or an approved work
    permit or worker petition valid on ``day``."""
    if b.decision != "APPROVED" or b.decision_date is None:
        return False
    if b.form in ("I-485", "I-589", "I-914", "I-918", "N-400"):
        return b.decision_date <= day
    if b.form in ("I-765", "I-129") and b.valid_from and b.valid_to:
        return b.valid_from <= day <= b.valid_to
    return False


def in_country(facts: list[Fact]) -> Arrival | None:
    """The last arrival, if nothing (departure or removal) came after it."""
    moves = [f for f in facts if isinstance(f, (Arrival, Removal))]
    if not moves:
        return None
    last = max(
        moves, key=lambda f: (f.date, 0 if isinstance(f, Arrival) and f.kind == "ARRIVAL" else 1)
    )
    return last if isinstance(last, Arrival) and last.kind == "ARRIVAL" else None


def held(facts: list[Fact]) -> list[Booking]:
    return [f for f in facts if isinstance(f, Booking) and f.status != "RELEASED"]
