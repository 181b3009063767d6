"""The kinds of people in the world and the histories their records tell.

Weights follow the proportions of an agency's population of records: many citizens
and visitors who did nothing wrong, fewer violators, and the hard cases (protected
victims, citizens born abroad, namesakes, stolen identities) that a system must not
turn into enforcement findings.
"""

from __future__ import annotations

from collections.abc import Callable

from tessera.synth import places
from tessera.synth.life import DAY, GRACE, START, Life

Scenario = Callable[[Life], None]


def usc_born(life: Life) -> None:
    p = life.p
    p.ssn = life.ids.ssn()
    if life.rng.random() < 0.5:
        life.hire(life.when(), "USC")
    if life.rng.random() < 0.15:
        life.arrive(life.when(), "USC")
    if life.rng.random() < 0.06:
        life.book(life.when(), (life.rng.choice(places.MINOR_OFFENCES),))


def usc_derived(life: Life) -> None:
    """Citizen through a parent, born abroad: no record proves it, none should doubt it."""
    usc_born(life)


def naturalized(life: Life) -> None:
    p = life.p
    p.ssn = life.ids.ssn()
    came = life.when(START, life.as_of - 6 * 365 * DAY)
    life.arrive(came, "LPR")
    life.ensure_a_number()
    life.hire(came + life.rng.randrange(20, 200) * DAY, "LPR")
    life.file("N-400", came + (5 * 365 + life.rng.randrange(30, 400)) * DAY, "APPROVED")
    if life.rng.random() < 0.4:
        life.round_trip_home("USC", came + 6 * 365 * DAY)


def lpr(life: Life) -> None:
    p = life.p
    p.ssn = life.ids.ssn()
    came = life.when()
    life.arrive(came, "LPR")
    life.ensure_a_number()
    if life.rng.random() < 0.7:
        life.hire(min(came + life.rng.randrange(20, 300) * DAY, life.as_of), "LPR")
    if life.rng.random() < 0.3:
        life.file("I-130", life.when(came), "APPROVED")
    if life.rng.random() < 0.4:
        life.round_trip_home("LPR", came + 30 * DAY)


def visitor_ontime(life: Life) -> None:
    cls = life.rng.choice(("B2", "B2", "B1", "WT"))
    for _ in range(life.rng.randrange(1, 4)):
        life.trip(cls)


def visitor_current(life: Life) -> None:
    cls = life.rng.choice(("B2", "B1", "WT"))
    life.arrive(life.when(life.as_of - 80 * DAY, life.as_of - 2 * DAY), cls)


def visitor_overstay(life: Life) -> None:
    cls = life.rng.choice(("B2", "B2", "B1", "WT"))
    came = life.when(START, life.as_of - 400 * DAY)
    life.arrive(came, cls)
    life.p.flags.update({"dated_admission", "overstay"})
    if life.rng.random() < 0.35:
        life.p.ssn = life.ids.ssn()
        life.hire(life.when(came + 200 * DAY), "AUTHORIZED_ALIEN")


def visitor_extension(life: Life, decision: str) -> None:
    came = life.when(START, life.as_of - 500 * DAY)
    arrival = life.arrive(came, "B2")
    assert arrival.admit_until is not None
    filed = arrival.admit_until - life.rng.randrange(10, 60) * DAY
    ext = life.file("I-539", filed, decision, days=90)
    if decision == "APPROVED":
        ext.valid_from, ext.valid_to = arrival.admit_until, arrival.admit_until + 180 * DAY
        life.depart(ext.valid_to - life.rng.randrange(1, 60) * DAY)
    elif decision == "DENIED":
        life.p.flags.add("overstay")


def visitor_adjust(life: Life) -> None:
    came = life.when(START, life.as_of - 600 * DAY)
    arrival = life.arrive(came, "B2")
    assert arrival.admit_until is not None
    life.ensure_a_number()
    life.p.ssn = life.ids.ssn()
    filed = arrival.admit_until - life.rng.randrange(10, 90) * DAY
    life.file("I-485", filed, "APPROVED", days=300)
    ead = life.file("I-765", filed, "APPROVED", days=90, valid_years=2)
    if ead.valid_from:
        life.hire(ead.valid_from + 10 * DAY, "AUTHORIZED_ALIEN")


def student(life: Life, outcome: str) -> None:
    visa = life.rng.choice(("F1", "F1", "F1", "J1", "M1"))
    start = life.when(START, life.as_of - 3 * 365 * DAY)
    if outcome == "ACTIVE":
        start = life.when(life.as_of - 700 * DAY, life.as_of - 30 * DAY)
    life.arrive(start - life.rng.randrange(5, 25) * DAY, visa, ds=True)
    record = life.study(
        start,
        visa,
        "COMPLETED" if outcome.startswith("COMPLETED") else outcome,
        years=life.rng.randrange(1, 3) if outcome != "ACTIVE" else 4,
    )
    end_date, _, _ = record.events[-1]
    if outcome == "COMPLETED":
        life.depart(end_date + life.rng.randrange(1, GRACE[visa]) * DAY)
    elif outcome == "COMPLETED_OVERSTAY":
        life.p.flags.add("overstay")
    elif outcome == "TRANSFER":
        life.study(end_date + 10 * DAY, visa, "COMPLETED" if life.rng.random() < 0.5 else "ACTIVE")
    elif outcome in places.VIOLATION_REASONS:
        life.p.flags.add("violation")


def student_departed_after_violation(life: Life) -> None:
    student(life, life.rng.choice(places.VIOLATION_REASONS))
    end = max(f.date for f in life.p.facts)
    last = [f for f in life.p.facts if f.feed == "students"][-1]
    terminated = max(d for d, _, _ in last.events)  # type: ignore[attr-defined]
    life.depart(max(end, terminated) + life.rng.randrange(5, 60) * DAY)
    life.p.flags.discard("violation")


def worker(life: Life, outcome: str) -> None:
    cls = life.rng.choice(("H1B", "H1B", "L1", "O1", "TN", "H2B"))
    came = life.when(START, life.as_of - 4 * 365 * DAY)
    years = 3 if cls != "H2B" else 1
    arrival = life.arrive(came, cls, came + years * 365 * DAY)
    life.p.ssn = life.ids.ssn()
    life.ensure_a_number()
    life.file("I-129", came - life.rng.randrange(60, 200) * DAY, "APPROVED", days=60)
    life.hire(
        came + life.rng.randrange(5, 30) * DAY, "AUTHORIZED_ALIEN", doc="FOREIGN_PASSPORT+I-94"
    )
    assert arrival.admit_until is not None
    if outcome == "DEPARTED":
        life.depart(arrival.admit_until - life.rng.randrange(1, 200) * DAY)
    elif outcome == "EXTENDED":
        ext = life.file("I-129", arrival.admit_until - 90 * DAY, "APPROVED", days=40, valid_years=3)
        ext.valid_from = arrival.admit_until
        if ext.valid_to and ext.valid_to < life.as_of:
            life.depart(ext.valid_to - 20 * DAY)
    elif outcome == "ADJUSTED":
        life.file("I-485", arrival.admit_until - 200 * DAY, "APPROVED", days=300)
    elif outcome == "CURRENT" and arrival.admit_until < life.as_of:
        arrival.admit_until = life.as_of + life.rng.randrange(30, 700) * DAY


def ewi_unknown(life: Life) -> None:
    """Entered without inspection: records exist, status cannot be shown."""
    if life.rng.random() < 0.5:
        life.book(life.when(), (life.rng.choice(places.MINOR_OFFENCES),))


def ewi_court(life: Life, outcome: str) -> None:
    nta = life.when(START, life.as_of - 500 * DAY)
    if outcome == "PENDING":
        nta = life.when(life.as_of - 400 * DAY, life.as_of - 100 * DAY)
        life.court(nta, "")
        return
    if outcome == "RELIEF":
        life.court(nta, "RELIEF_GRANTED", relief="CANCELLATION OF REMOVAL")
        return
    order = (
        "REMOVAL_IN_ABSENTIA" if outcome == "FUGITIVE" and life.rng.random() < 0.6 else "REMOVAL"
    )
    if outcome == "VOLUNTARY":
        order = "VOLUNTARY_DEPARTURE"
    appeal = "DISMISSED" if life.rng.random() < 0.1 else ""
    case = life.court(nta, order, appeal=appeal)
    ordered = life.order_date(case)
    if ordered is None:
        return
    life.p.flags.add("final_order")
    if outcome in ("FUGITIVE", "VOLUNTARY"):
        life.p.flags.add("fugitive")
        return
    removed = ordered + life.rng.randrange(60, 400) * DAY
    if removed > life.as_of:
        life.p.flags.add("fugitive")
        return
    life.remove(removed, "REMOVAL")
    life.p.flags.add("removed")
    if outcome == "REENTERED" and removed < life.as_of - 200 * DAY:
        life.p.flags.add("reentered")
        back = life.when(removed + 100 * DAY)
        if life.rng.random() < 0.5:
            life.book(back, (life.rng.choice(places.MINOR_OFFENCES),))
        else:
            life.p.ssn = life.p.ssn or life.ids.ssn()
            life.hire(back, "AUTHORIZED_ALIEN")


def asylum(life: Life, decision: str) -> None:
    entry = life.when(START, life.as_of - 800 * DAY)
    if life.rng.random() < 0.5:
        arrival = life.arrive(entry, "B2")
        assert arrival.admit_until is not None
        filed = arrival.admit_until - life.rng.randrange(5, 100) * DAY
    else:
        filed = entry + life.rng.randrange(30, 300) * DAY
    life.ensure_a_number()
    life.file("I-589", filed, decision, days=500)
    if decision != "DENIED":
        life.p.protection = "ASYLUM"
        life.p.ssn = life.ids.ssn()
        ead = life.file("I-765", filed + 200 * DAY, "APPROVED", days=90, valid_years=2)
        if ead.valid_from and ead.valid_from < life.as_of:
            life.hire(ead.valid_from + 5 * DAY, "AUTHORIZED_ALIEN")
        if decision == "APPROVED" and life.rng.random() < 0.4:
            life.file("I-485", filed + 2 * 365 * DAY, "APPROVED")
    else:
        life.court(filed + 400 * DAY, "REMOVAL")


def refugee(life: Life) -> None:
    came = life.when()
    life.arrive(came, "RE")
    life.ensure_a_number()
    life.p.ssn = life.ids.ssn()
    life.hire(min(came + 60 * DAY, life.as_of), "AUTHORIZED_ALIEN", doc="I-94_REFUGEE")
    if came < life.as_of - 400 * DAY:
        life.file("I-485", came + 366 * DAY, "APPROVED")


def victim_visa(life: Life, form: str) -> None:
    basis = "T_VISA" if form == "I-914" else "U_VISA"
    life.p.protection = basis
    if basis == "T_VISA":
        life.p.trafficking_victim = True
    life.ensure_a_number()
    if life.rng.random() < 0.3:
        case = life.court(life.when(START, life.as_of - 900 * DAY), "REMOVAL")
        if life.order_date(case):
            life.p.flags.add("final_order")
    decision = life.rng.choice(("PENDING", "APPROVED"))
    life.file(form, life.when(START + 365 * DAY, life.as_of - 30 * DAY), decision, days=400)
    life.p.flags.add("trafficking_victim" if basis == "T_VISA" else "crime_victim")


CATEGORIES: tuple[tuple[str, str, str, float, Scenario], ...] = (
    # name, citizenship, status class, weight, history
    ("VISITOR_ONTIME", "NONIMMIGRANT", "B2", 23.0, visitor_ontime),
    ("USC_BORN", "USC_BORN", "", 17.0, usc_born),
    ("LPR_IMMIGRANT_VISA", "LPR", "", 7.0, lpr),
    ("STUDENT_COMPLETE", "STUDENT", "F1", 5.0, lambda lf: student(lf, "COMPLETED")),
    ("EWI_UNKNOWN", "EWI", "", 4.4, ewi_unknown),
    ("EWI_COURT", "EWI", "", 1.0, lambda lf: ewi_court(lf, "PENDING")),
    ("EWI_COURT_FUGITIVE", "EWI", "", 1.6, lambda lf: ewi_court(lf, "FUGITIVE")),
    ("EWI_COURT_REMOVED", "EWI", "", 0.8, lambda lf: ewi_court(lf, "REMOVED")),
    ("EWI_REENTERED", "EWI", "", 0.4, lambda lf: ewi_court(lf, "REENTERED")),
    ("EWI_VOLUNTARY_DEPARTURE", "EWI", "", 0.5, lambda lf: ewi_court(lf, "VOLUNTARY")),
    ("EWI_COURT_RELIEF", "EWI", "", 0.4, lambda lf: ewi_court(lf, "RELIEF")),
    ("WORKER_CURRENT", "NONIMMIGRANT", "H1B", 1.0, lambda lf: worker(lf, "CURRENT")),
    ("WORKER_DEPARTED", "NONIMMIGRANT", "H1B", 2.4, lambda lf: worker(lf, "DEPARTED")),
    ("WORKER_EXTENDED", "NONIMMIGRANT", "H1B", 0.5, lambda lf: worker(lf, "EXTENDED")),
    ("WORKER_ADJUSTED", "LPR", "", 2.9, lambda lf: worker(lf, "ADJUSTED")),
    ("NATURALIZED_IV", "USC_NATURALIZED", "", 5.0, naturalized),
    ("VISITOR_CURRENT", "NONIMMIGRANT", "B2", 2.8, visitor_current),
    ("VISITOR_OVERSTAY", "NONIMMIGRANT", "B2", 3.0, visitor_overstay),
    ("USC_DERIVED", "USC_DERIVED", "", 2.0, usc_derived),
    ("VISITOR_EXT_OK", "NONIMMIGRANT", "B2", 1.5, lambda lf: visitor_extension(lf, "APPROVED")),
    ("VISITOR_EXT_PENDING", "NONIMMIGRANT", "B2", 0.9, lambda lf: visitor_extension(lf, "PENDING")),
    ("VISITOR_EXT_DENIED", "NONIMMIGRANT", "B2", 0.4, lambda lf: visitor_extension(lf, "DENIED")),
    ("VISITOR_ADJUST", "LPR", "", 0.9, visitor_adjust),
    (
        "STUDENT_COMPLETE_OVERSTAY",
        "STUDENT",
        "F1",
        1.3,
        lambda lf: student(lf, "COMPLETED_OVERSTAY"),
    ),
    ("STUDENT_ACTIVE", "STUDENT", "F1", 1.1, lambda lf: student(lf, "ACTIVE")),
    (
        "STUDENT_TERMINATE_CAUSE",
        "STUDENT",
        "F1",
        0.7,
        lambda lf: student(lf, lf.rng.choice(places.VIOLATION_REASONS)),
    ),
    ("STUDENT_TERMINATED_DEPARTED", "STUDENT", "F1", 0.45, student_departed_after_violation),
    ("STUDENT_TRANSFER", "STUDENT", "F1", 0.8, lambda lf: student(lf, "TRANSFER")),
    (
        "STUDENT_EARLY_WITHDRAWAL",
        "STUDENT",
        "F1",
        0.5,
        lambda lf: student(lf, "AUTHORIZED EARLY WITHDRAWAL"),
    ),
    ("ASYLUM_PENDING", "ASYLUM_PENDING", "", 1.8, lambda lf: asylum(lf, "PENDING")),
    ("ASYLUM_APPROVED", "ASYLEE", "", 0.9, lambda lf: asylum(lf, "APPROVED")),
    ("ASYLUM_DENIED", "EWI", "", 1.0, lambda lf: asylum(lf, "DENIED")),
    ("REFUGEE", "REFUGEE", "", 1.5, refugee),
    ("U_VISA", "U_VISA", "", 0.8, lambda lf: victim_visa(lf, "I-918")),
    ("T_VISA", "T_VISA", "", 0.6, lambda lf: victim_visa(lf, "I-914")),
)
