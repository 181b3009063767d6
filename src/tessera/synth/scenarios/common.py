"""Steps many histories share: working, renewing work permits, naturalising."""

from __future__ import annotations

import datetime as dt

from tessera.synth.facts import Benefit
from tessera.synth.life import DAY, YEAR, Life


def work(
    life: Life,
    lo: dt.date,
    hi: dt.date,
    attestation: str,
    n: int,
    doc: str = "",
    doc_number: str = "",
) -> None:
    """``n`` hires spread over [lo, hi] (later hires are later jobs)."""
    lo = max(lo, life.adult())
    if n <= 0 or lo > hi:
        return
    for day in sorted(life.when(lo, hi) for _ in range(n)):
        life.hire(day, attestation, doc=doc, doc_number=doc_number)


def jobs(life: Life) -> int:
    """How many hires a working adult has on record: most have a few."""
    return life.rng.choice((0, 0, 1, 1, 1, 1, 2, 2, 3))


def eads(life: Life, filed: dt.date, until: dt.date, gap: int = 90, most: int = 2) -> list[Benefit]:
    """Work permits (I-765), renewed back to back from ``filed`` while needed up to
    ``until`` (at most ``most`` of them on record)."""
    found: list[Benefit] = []
    day = filed
    while day <= min(until, life.as_of) and len(found) < most:
        ead = life.file("I-765", day, "APPROVED", decide=(30, gap), valid_days=730)
        if ead is None or ead.valid_to is None:
            break
        found.append(ead)
        day = ead.valid_to - life.days(60, 150)
    return found


def hires_within(life: Life, permits: list[Benefit], attestation: str, n: int) -> None:
    """Hires dated inside the validity of approved permits (so they are authorised)."""
    windows = [(b.valid_from, b.valid_to) for b in permits if b.valid_from and b.valid_to]
    for _ in range(n):
        if not windows:
            return
        lo, hi = life.rng.choice(windows)
        assert lo is not None and hi is not None
        day = life.when(lo + DAY, min(hi - DAY, life.as_of))
        if lo < day < hi:
            life.hire(day, attestation, doc="EAD")


def naturalize(life: Life, lpr_since: dt.date, chance: float, years: int = 5) -> dt.date | None:
    """An N-400 once eligible; returns the day of citizenship if it was granted."""
    eligible = lpr_since + years * YEAR + life.days(0, 900)
    if life.rng.random() >= chance or not life.ok(eligible + 200 * DAY):
        return None
    n400 = life.file("N-400", eligible, "APPROVED", decide=(120, 420))
    if n400 is None or n400.decision != "APPROVED" or n400.decision_date is None:
        return None
    became = n400.decision_date
    p = life.p
    p.citizenship = "USC_NATURALIZED"
    p.status_class = ""
    if "USA" not in p.nationalities:
        p.nationalities.append("USA")
    if life.rng.random() < 0.12:  # a new given name taken at the oath ceremony
        pool = p.origin.male if p.sex == "M" else p.origin.female
        p.later_given = life.rng.choice(pool)
        if p.later_given != p.given:
            p.name_change = became
        else:
            p.later_given = ""
    if life.rng.random() < 0.5:
        life.trips_abroad("USC", became, life.rng.randrange(1, 5), "USA")
    if life.rng.random() < 0.35:
        work(life, became + 30 * DAY, life.as_of, "USC", 1)
    return became


def lpr_years(
    life: Life, since: dt.date, until: dt.date | None = None, resident_trips: int = 2
) -> None:
    """A permanent resident's life until ``until``: jobs, trips abroad (back as LPR)."""
    until = until or life.as_of
    work(life, since + 15 * DAY, until, "LPR", jobs(life), doc="PERMANENT_RESIDENT_CARD")
    if resident_trips and life.rng.random() < 0.6:
        life.trips_abroad("LPR", since, life.rng.randrange(1, resident_trips + 2), until=until)
