"""Visitors and temporary workers: most leave on time; some are here now within their
admission; some extend, change or adjust status in time; some overstay.

A timely, undenied extension (I-539 / I-129) or adjustment (I-485) means no overstay
even after ``admit_until`` has passed; a late departure ends an overstay too.
"""

from __future__ import annotations

import datetime as dt

from tessera.synth.facts import Arrival
from tessera.synth.life import DAY, VISIT_DAYS, YEAR, Life
from tessera.synth.scenarios.common import work


def _country(life: Life) -> str:
    """Dual nationals (often Latin Americans with a Spanish or Italian passport) may
    travel on either passport."""
    p = life.p
    return p.nationalities[-1] if len(p.nationalities) > 1 and life.rng.random() < 0.7 else ""


def _past_visits(life: Life, n: int, before: dt.date) -> None:
    day = life.when(life.adult(), life.adult() + 8 * YEAR)
    for _ in range(n):
        if day > before - 200 * DAY:
            return
        day = life.when(day, before - 200 * DAY)
        end = life.trip(life.visitor_class(), day, day + 10 * DAY, _country(life) or None)
        if end is None or end > before - 200 * DAY:
            return
        day = end + life.days(30, 1500)


def visitor_ontime(life: Life) -> None:
    _past_visits(life, life.rng.choice((1, 1, 2, 2, 3, 3, 4, 5, 6, 8)), life.as_of)


def visitor_current(life: Life) -> None:
    """Here now, within the admission."""
    _past_visits(life, life.rng.randrange(0, 3), life.as_of - 300 * DAY)
    cls = life.visitor_class()
    came = life.when(life.as_of - (VISIT_DAYS[cls] - 5) * DAY, life.as_of - DAY)
    life.arrive(came, cls, country=_country(life) or None)


def unauthorised_jobs(
    life: Life, after: dt.date, chance: float, until: dt.date | None = None
) -> None:
    """Work without authorisation: a made-up SSN, and USC or a fake card attested."""
    if life.rng.random() >= chance:
        return
    attestation = life.rng.choice(("USC", "USC", "AUTHORIZED_ALIEN", "LPR"))
    work(life, after + 20 * DAY, until or life.as_of, attestation, life.rng.randrange(1, 3))


def visitor_overstay(life: Life, latest: dt.date | None = None) -> None:
    """Came on a visit and never left (``latest``: the last day the visit may begin);
    earlier visits, if any, ended in time before it."""
    cls = life.visitor_class()
    life.settle(2)
    lo = max(life.adult(), life.as_of - 12 * YEAR)
    hi = latest or life.as_of - (VISIT_DAYS[cls] + 60) * DAY
    came = life.when(min(lo, hi - 400 * DAY), hi)
    _past_visits(life, life.rng.randrange(0, 3), came - 30 * DAY)
    arrival = life.arrive(came, cls, country=_country(life) or None)
    if arrival is not None and arrival.admit_until is not None:
        life.p.flags.add("overstay")
        unauthorised_jobs(life, arrival.admit_until, 0.45)


def visitor_late(life: Life) -> None:
    """Left after the admission ended: an out-of-country overstay, no longer a lead."""
    _past_visits(life, life.rng.randrange(0, 2), life.as_of - 3 * YEAR)
    cls = life.visitor_class()
    life.settle(2)
    came = life.when(life.adult(), life.as_of - (VISIT_DAYS[cls] + 400) * DAY)
    arrival = life.arrive(came, cls)
    if arrival is not None and arrival.admit_until is not None:
        life.depart(arrival.admit_until + life.days(5, 300))


def visitor_extension(life: Life, decision: str) -> None:
    """An I-539 filed inside the admission: approved, pending or denied."""
    cls = "B2" if life.rng.random() < 0.7 else "B1"
    if decision == "PENDING":
        came = life.when(life.as_of - 330 * DAY, life.as_of - 150 * DAY)
    else:
        life.settle(3)
        came = life.when(life.adult(), life.as_of - 2 * YEAR)
    arrival = life.arrive(came, cls)
    if arrival is None or arrival.admit_until is None:
        return
    until = arrival.admit_until
    filed = life.when(until - 80 * DAY, until - 10 * DAY)
    decide = (30, 120) if decision != "PENDING" else (0, 0)
    ext = life.file("I-539", filed, decision, decide=decide, valid_days=180, valid_from=until)
    if ext is None:
        return
    if ext.decision == "APPROVED" and ext.valid_to is not None:
        life.depart(ext.valid_to - life.days(1, 60))
    elif ext.decision == "DENIED":
        if life.rng.random() < 0.25:
            life.depart(max(until, ext.decision_date or until) + life.days(3, 40))
        else:
            life.p.flags.add("overstay")
            unauthorised_jobs(life, until, 0.3)


def worker(life: Life, outcome: str) -> None:
    """A temporary worker (H-1B, L-1, O-1, TN): departs, stays current, extends, or
    overstays after a denied extension or adjustment."""
    rng, p = life.rng, life.p
    life.settle(5)
    cls = "TN" if p.nationalities[0] in ("CAN", "MEX") and rng.random() < 0.6 else "H1B"
    cls = rng.choice((cls, cls, cls, "L1", "O1"))
    p.status_class = cls
    if outcome == "CURRENT":
        came = life.when(life.as_of - 3 * YEAR + 60 * DAY, life.as_of - 20 * DAY)
    else:
        came = life.when(life.adult(), life.as_of - 4 * YEAR)
    petition = life.file("I-129", came - life.days(40, 200), "APPROVED", (20, 60))
    arrival = life.arrive(came, cls, came + 3 * YEAR)
    if arrival is None or arrival.admit_until is None:
        return
    until = arrival.admit_until
    if petition is not None and petition.decision == "APPROVED":
        petition.valid_from, petition.valid_to = came, until
    life.ssn()
    life.hire(came + life.days(5, 40), "AUTHORIZED_ALIEN", doc="FOREIGN_PASSPORT+I-94")
    if rng.random() < 0.3:
        life.trip(cls, came + 200 * DAY, until - 200 * DAY, until=until)  # a trip home
    if outcome == "DEPARTED":
        life.depart(life.when(max(until - 300 * DAY, life.last_arrival() + 5 * DAY), until - DAY))
    elif outcome == "EXTENDED":
        _extended(life, cls, arrival)
    elif outcome in ("DENIED_OVERSTAY", "DENIED_DEPARTED"):
        filed = life.when(until - 150 * DAY, until - 20 * DAY)
        ext = life.file("I-129", filed, "DENIED", decide=(40, 200))
        if ext is not None and ext.decision == "DENIED":
            if outcome == "DENIED_DEPARTED":
                life.depart(max(until, ext.decision_date or until) + life.days(5, 60))
            else:
                p.flags.add("overstay")
                unauthorised_jobs(life, until, 0.5)
    elif outcome == "ADJUSTED_DENIED":
        filed = life.when(came + 200 * DAY, until - 90 * DAY)
        life.file("I-485", filed, "DENIED", decide=(300, 700))
        life.file("I-765", filed, "APPROVED", decide=(40, 90), valid_days=365)
        life.a_number()
        p.flags.add("overstay")
        unauthorised_jobs(life, until + 400 * DAY, 0.4)


def _extended(life: Life, cls: str, arrival: Arrival) -> None:
    """An extension approved in time; the worker re-enters on the new validity."""
    until = arrival.admit_until
    assert until is not None
    filed = life.when(until - 180 * DAY, until - 30 * DAY)
    ext = life.file("I-129", filed, "APPROVED", (30, 120), 3 * 365, until + DAY)
    if ext is None or ext.valid_to is None or ext.decision != "APPROVED":
        return
    out = life.when(until - 25 * DAY, until - 2 * DAY)
    if not life.ok(out + 30 * DAY) or ext.decision_date is None or out <= ext.decision_date:
        return
    life.depart(out)
    back = life.arrive(out + life.days(5, 25), cls, ext.valid_to)
    if back is not None and ext.valid_to < life.as_of:
        life.depart(ext.valid_to - life.days(5, 120))


def seasonal(life: Life) -> None:
    """H-2A / H-2B seasons: arrive in spring, leave before the admission ends."""
    cls = life.rng.choice(("H2A", "H2B"))
    life.settle(4)
    life.p.status_class = cls
    life.ssn()
    day = life.when(life.adult(), life.as_of - 3 * YEAR)
    for _ in range(life.rng.randrange(1, 5)):
        petition = life.file("I-129", day - life.days(30, 90), "APPROVED", (10, 30))
        arrival = life.arrive(day, cls, day + life.days(200, 300))
        if arrival is None or arrival.admit_until is None:
            return
        if petition is not None and petition.decision == "APPROVED":
            petition.valid_from, petition.valid_to = day, arrival.admit_until
        life.hire(day + life.days(1, 10), "AUTHORIZED_ALIEN", doc="FOREIGN_PASSPORT+I-94")
        if life.depart(arrival.admit_until - life.days(3, 40)) is None:
            return
        day = day + life.days(330, 400)
