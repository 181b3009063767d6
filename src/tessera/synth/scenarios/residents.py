"""Citizens and permanent residents: born here, citizens by descent, immigrants who
became residents (through family, work, refugee status or adjustment) and citizens.

Most citizens have no immigration record at all; what records they have (jobs, trips
abroad on a US passport) are no evidence of anything. Such people may never be named
by an enforcement finding.
"""

from __future__ import annotations

import datetime as dt

from tessera.synth.life import DAY, YEAR, Life
from tessera.synth.scenarios.common import eads, hires_within, jobs, lpr_years, naturalize, work


def usc_born(life: Life) -> None:
    rng = life.rng
    if life.adult() < life.as_of - 200 * DAY:
        life.ssn()
        work(life, life.adult(), life.as_of, "USC", jobs(life))
    if rng.random() < 0.25:
        life.trips_abroad("USC", life.adult(), rng.randrange(1, 5), "USA")


def usc_derived(life: Life) -> None:
    """A citizen through a parent, born abroad: no record proves it, none should doubt it."""
    usc_born(life)
    p = life.p
    if len(p.nationalities) > 1 and life.rng.random() < 0.15:
        # A dual national who once visited on the other passport: a hard case.
        life.trip("B2", life.adult(), life.as_of - 400 * DAY, p.nationalities[1])


def immigrant(life: Life, came: dt.date, naturalize_chance: float) -> None:
    """Family-sponsored immigrant visa: I-130 approved, arrival as LPR, then life."""
    petition = came - life.days(400, 2500)
    if petition >= life.start and life.rng.random() < 0.7:
        life.file("I-130", petition, "APPROVED", decide=(120, 700))
    if life.arrive(came, "LPR") is None:
        return
    life.enrol(came)
    life.a_number()
    life.ssn()
    life.p.citizenship, life.p.status_class = "LPR", ""
    became = naturalize(life, came, naturalize_chance)
    lpr_years(life, came, became)


def lpr_immigrant_visa(life: Life) -> None:
    immigrant(life, life.when(life.adult(), life.as_of - 60 * DAY), 0.45)


def naturalized_iv(life: Life) -> None:
    life.settle(8)
    came = life.when(life.adult(), life.as_of - 7 * YEAR)
    immigrant(life, came, 1.0)


def naturalized_overstay_marriage(life: Life) -> None:
    """Overstayed a visit, married a citizen, adjusted (or left and came back) and
    naturalised: an old overstay on a citizen's record, which must stay silent."""
    life.settle(14)
    came = life.when(life.adult(), life.as_of - 13 * YEAR)
    arrival = life.arrive(came, life.visitor_class())
    if arrival is None or arrival.admit_until is None:
        return
    life.ssn()
    if life.rng.random() < 0.4:
        work(life, arrival.admit_until + 30 * DAY, arrival.admit_until + 700 * DAY, "USC", 1)
    married = arrival.admit_until + life.days(200, 1000)
    if life.rng.random() < 0.5:
        filed = married + life.days(30, 200)
        life.file("I-130", filed, "APPROVED", decide=(90, 300))
        life.file("I-485", filed, "APPROVED", decide=(240, 500))
        permits = eads(life, filed, filed + 400 * DAY)
        hires_within(life, permits, "AUTHORIZED_ALIEN", 1)
        lpr_since = filed + 520 * DAY
    else:
        life.file("I-130", married + life.days(30, 200), "APPROVED", decide=(120, 400))
        left = married + life.days(400, 700)
        life.depart(left)
        lpr_since = left + life.days(40, 200)
        life.arrive(lpr_since, "LPR")
    life.a_number()
    life.p.citizenship = "LPR"
    became = naturalize(life, lpr_since, 1.0, years=3)
    lpr_years(life, lpr_since, became, resident_trips=1)


def naturalized_student_worker(life: Life) -> None:
    """Student, then a worker (change of status), then resident, then citizen."""
    life.settle(14)
    start = life.when(life.adult(), life.as_of - 13 * YEAR)
    visa = "F1"
    life.arrive(start - life.days(5, 25), visa, ds=True)
    record = life.study(start, visa, "COMPLETED", years=life.rng.choice((2, 4)))
    end = record.program_end
    cos = life.file("I-129", end - life.days(60, 150), "APPROVED", (30, 100), 3 * 365, end)
    if cos is None or cos.valid_from is None or cos.valid_to is None:
        return
    # The visa is stamped abroad: a short trip home, back in H-1B for the approved period.
    out = cos.valid_from + life.days(20, 120)
    life.depart(out)
    back = life.arrive(out + life.days(10, 40), "H1B", cos.valid_to)
    if back is None:
        return
    life.hire(back.date + life.days(2, 30), "AUTHORIZED_ALIEN", doc="FOREIGN_PASSPORT+I-94")
    filed = back.date + life.days(200, 800)
    adjust = life.file("I-485", filed, "APPROVED", decide=(240, 500))
    life.file("I-765", filed, "APPROVED", decide=(30, 90), valid_days=365)
    if adjust is None or adjust.decision_date is None:
        return
    life.p.citizenship = "LPR"
    became = naturalize(life, adjust.decision_date, 1.0)
    lpr_years(life, adjust.decision_date, became, resident_trips=1)


def worker_adjusted(life: Life) -> None:
    """H-1B worker who adjusts to permanent residence through the employer."""
    p = life.p
    life.settle(5)
    came = life.when(life.adult(), life.as_of - 4 * YEAR)
    petition = life.file("I-129", came - life.days(40, 200), "APPROVED", (20, 60), 3 * 365)
    arrival = life.arrive(came, "H1B", came + 3 * YEAR)
    if arrival is None or arrival.admit_until is None:
        return
    if petition is not None and petition.valid_from:
        petition.valid_from, petition.valid_to = came, arrival.admit_until
    life.ssn()
    life.hire(came + life.days(5, 30), "AUTHORIZED_ALIEN", doc="FOREIGN_PASSPORT+I-94")
    filed = life.when(came + 200 * DAY, arrival.admit_until - 60 * DAY)
    pending = life.rng.random() < 0.14
    adjust = life.file("I-485", filed, "PENDING" if pending else "APPROVED", decide=(240, 700))
    life.a_number()
    permits = eads(life, filed, life.as_of if pending else filed + 700 * DAY, most=2)
    if adjust is not None and adjust.decision == "APPROVED" and adjust.decision_date:
        p.citizenship, p.status_class = "LPR", ""
        became = naturalize(life, adjust.decision_date, 0.35)
        lpr_years(life, adjust.decision_date, became, resident_trips=1)
    else:
        p.citizenship, p.status_class = "NONIMMIGRANT", "ADJUSTMENT_PENDING"
        hires_within(life, permits, "AUTHORIZED_ALIEN", life.rng.randrange(0, 2))


def visitor_adjust(life: Life) -> None:
    """A visitor who married a citizen and adjusted status within the admission."""
    life.settle(4)
    came = life.when(life.adult(), life.as_of - 3 * YEAR)
    arrival = life.arrive(came, life.visitor_class())
    if arrival is None or arrival.admit_until is None:
        return
    filed = life.when(came + 20 * DAY, arrival.admit_until - 15 * DAY)
    life.file("I-130", filed, "APPROVED", decide=(90, 300))
    adjust = life.file("I-485", filed, "APPROVED", decide=(240, 600))
    permits = eads(life, filed, filed + 500 * DAY)
    life.ssn()
    hires_within(life, permits, "AUTHORIZED_ALIEN", 1)
    if adjust is not None and adjust.decision == "APPROVED" and adjust.decision_date:
        life.p.citizenship = "LPR"
        became = naturalize(life, adjust.decision_date, 0.35, years=3)
        lpr_years(life, adjust.decision_date, became, resident_trips=1)
    else:
        life.p.citizenship, life.p.status_class = "NONIMMIGRANT", "ADJUSTMENT_PENDING"


def refugee(life: Life, recent: bool = False) -> None:
    """Resettled refugee; adjusts to permanent residence after a year."""
    if not recent:
        life.settle(4)
    lo = life.as_of - 500 * DAY if recent else life.adult()
    hi = life.as_of - 30 * DAY if recent else life.as_of - 3 * YEAR
    came = life.when(max(lo, life.adult()), hi)
    if life.arrive(came, "RE") is None:
        return
    life.enrol(came)
    life.a_number()
    life.ssn()
    life.p.citizenship = "REFUGEE"
    life.hire(came + life.days(20, 120), "AUTHORIZED_ALIEN", doc="I-94_REFUGEE")
    if recent:
        return
    adjust = life.file("I-485", came + life.days(366, 700), "APPROVED", decide=(150, 400))
    if adjust is not None and adjust.decision == "APPROVED" and adjust.decision_date:
        life.p.citizenship = "LPR"
        became = naturalize(life, came, 0.35)  # residence counts from arrival
        lpr_years(life, adjust.decision_date, became, resident_trips=1)


def refugee_adjusted(life: Life) -> None:
    refugee(life)


def refugee_recent(life: Life) -> None:
    refugee(life, recent=True)
