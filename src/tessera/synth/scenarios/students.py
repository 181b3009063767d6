"""Students and exchange visitors (F-1, M-1, J-1), admitted for duration of status.

After COMPLETED a student has 60 days (J-1: 30) to leave, 15 after an authorised
early withdrawal, none after a termination for a violation. A transfer starts a new
record at another school; a change of status ends the student status lawfully.
"""

from __future__ import annotations

import datetime as dt

from tessera.model.codes import EARLY_WITHDRAWAL, STUDENT_GRACE_DAYS, VIOLATION_REASONS
from tessera.synth.facts import StudentRecord
from tessera.synth.life import DAY, YEAR, Life
from tessera.synth.scenarios.visitors import unauthorised_jobs


def _visa(life: Life) -> str:
    return life.rng.choice(("F1", "F1", "F1", "F1", "J1", "J1", "M1"))


def _enter(life: Life, start: dt.date, visa: str) -> None:
    """Arrive shortly before the program starts; the student's age fits the program."""
    life.p.dob = start - life.days(18 * 365, 32 * 365)
    life.p.status_class = visa
    life.arrive(start - life.days(4, 30), visa, ds=True)


def _home_visit(life: Life, record: StudentRecord, visa: str) -> None:
    """A trip home during the program (back on the same D/S admission)."""
    if life.rng.random() < 0.35:
        lo = record.program_start + 150 * DAY
        hi = min(record.program_end, life.as_of) - 90 * DAY
        if lo < hi:
            out = life.when(lo, hi)
            life.depart(out)
            life.arrive(out + life.days(10, 40), visa, ds=True)


def _last_event(record: StudentRecord) -> dt.date:
    return record.events[-1][0]


def student(life: Life, outcome: str) -> None:
    """One program ending as ``outcome``: COMPLETED (and left in time), COMPLETED_STAY
    (no departure), ACTIVE, a violation reason (stays), VIOLATION_DEPARTED,
    EARLY_WITHDRAWAL (left within 15 days) or WITHDRAWAL_STAY."""
    visa = _visa(life)
    years = life.rng.choice((1, 2, 2, 4)) if visa != "J1" else 1
    if outcome == "ACTIVE":
        start = life.when(life.as_of - (years * 365 - 60) * DAY, life.as_of - 40 * DAY)
    else:
        start = life.when(life.start + 200 * DAY, life.as_of - (years * 365 + 150) * DAY)
    _enter(life, start, visa)
    if outcome in ("COMPLETED", "COMPLETED_STAY", "ACTIVE"):
        record = life.study(start, visa, "COMPLETED" if outcome != "ACTIVE" else "ACTIVE", years)
        _home_visit(life, record, visa)
        end = _last_event(record)
        if outcome == "COMPLETED":
            grace = STUDENT_GRACE_DAYS[visa]
            life.depart(record.program_end + life.days(1, grace - 2))
        elif outcome == "COMPLETED_STAY":
            life.p.flags.add("overstay")
            unauthorised_jobs(life, end + 30 * DAY, 0.4)
        return
    if outcome in ("EARLY_WITHDRAWAL", "WITHDRAWAL_STAY"):
        ended = life.when(start + 60 * DAY, min(life.as_of - 60 * DAY, start + years * YEAR))
        record = life.study(start, visa, EARLY_WITHDRAWAL, years, ended=ended)
        if outcome == "EARLY_WITHDRAWAL":
            life.depart(ended + life.days(1, 13))
        else:
            life.p.flags.add("overstay")
        return
    reason = outcome if outcome in VIOLATION_REASONS else life.rng.choice(VIOLATION_REASONS)
    ended = life.when(start + 60 * DAY, min(life.as_of - 30 * DAY, start + years * YEAR))
    if reason == "UNAUTHORIZED EMPLOYMENT":
        life.ssn()
        life.hire(life.when(start + 20 * DAY, ended - 10 * DAY), "USC")
    record = life.study(start, visa, reason, years, ended=ended)
    if outcome == "VIOLATION_DEPARTED":
        life.depart(_last_event(record) + life.days(5, 60))
    else:
        life.p.flags.add("violation")


def transfer(life: Life) -> None:
    """Transferred to another school (a new record); completes there or is still on."""
    visa = _visa(life)
    start = life.when(life.start + 200 * DAY, life.as_of - 3 * YEAR)
    _enter(life, start, visa)
    moved = life.when(start + 150 * DAY, start + 500 * DAY)
    first = life.study(start, visa, "TRANSFER", 4, ended=moved)
    second_start = _last_event(first) + life.days(10, 40)
    done = second_start + 2 * YEAR < life.as_of - 120 * DAY
    second = life.study(second_start, visa, "COMPLETED" if done else "ACTIVE", 2)
    if done:
        life.depart(second.program_end + life.days(1, STUDENT_GRACE_DAYS[visa] - 2))


def change_of_status(life: Life) -> None:
    """An F-1 student whose employer's H-1B petition changed the status in time."""
    visa = "F1"
    start = life.when(life.as_of - 8 * YEAR, life.as_of - 3 * YEAR)
    _enter(life, start, visa)
    record = life.study(start, visa, "COMPLETED", 2)
    end = record.program_end
    cos = life.file("I-129", end - life.days(40, 120), "APPROVED", (30, 90), 3 * 365, end)
    life.p.citizenship, life.p.status_class = "NONIMMIGRANT", "H1B"
    if cos is None or cos.valid_to is None or cos.valid_from is None:
        return
    life.ssn()
    out = cos.valid_from + life.days(30, 150)
    life.depart(out)
    back = life.arrive(out + life.days(7, 30), "H1B", cos.valid_to)
    if back is None:
        return
    life.hire(back.date + life.days(3, 30), "AUTHORIZED_ALIEN", doc="FOREIGN_PASSPORT+I-94")
    if cos.valid_to < life.as_of:
        life.depart(cos.valid_to - life.days(5, 100))


def canceled(life: Life) -> None:
    """Admitted to a school but never came: the record was cancelled."""
    visa = _visa(life)
    start = life.when(life.start + 200 * DAY, life.as_of - 100 * DAY)
    life.p.dob = start - life.days(18 * 365, 28 * 365)
    life.study(start, visa, "CANCELED")
    life.p.citizenship, life.p.status_class = "NONIMMIGRANT", "NONE_ABROAD"
