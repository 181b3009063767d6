"""Special casts added to every chunk in fixed proportions: people travelling on a
stolen or blank passport, people on the human-rights list, registered sex offenders.

Each cast member is a person of the chunk (they count towards its size); impostors
need a victim among the chunk's ordinary visitors.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from tessera.synth import places
from tessera.synth.facts import Alias, Arrival, Benefit, Hire, StudentRecord
from tessera.synth.justice import arrest, court, listing
from tessera.synth.life import DAY, YEAR, Life
from tessera.synth.person import Person, TravelDocumentReport
from tessera.synth.scenarios import irregular as ir
from tessera.synth.scenarios import residents as rs
from tessera.synth.scenarios import visitors as vs

CastFn = Callable[[Life, "CastContext"], None]


class CastContext:
    """What casts share within a chunk: its people and the travel-document reports."""

    def __init__(self, people: list[Person], reports: list[TravelDocumentReport]) -> None:
        self.people = people
        self.reports = reports
        self.used_owners: set[str] = set()


def _owner(life: Life, ctx: CastContext) -> tuple[Person, str, str, dt.date] | None:
    """A visitor whose passport was last used long enough ago to be stolen since."""
    rng = life.rng
    for _ in range(40):
        owner = rng.choice(ctx.people)
        if owner.category != "VISITOR_ONTIME" or owner.pid in ctx.used_owners:
            continue
        if any(isinstance(f, (Hire, StudentRecord, Benefit)) for f in owner.facts):
            continue
        uses = [f for f in owner.facts if isinstance(f, Arrival)]
        if not uses:
            continue
        last = max(uses, key=lambda f: f.date)
        if last.date > life.as_of - 3 * YEAR or any(
            u.passport == last.passport and u.date > last.date for u in uses
        ):
            continue
        ctx.used_owners.add(owner.pid)
        return owner, last.country, last.passport, last.date
    return None


def impostor(life: Life, ctx: CastContext, stays: bool) -> None:
    """Travels on a visitor's stolen passport, as that visitor (the FIN is their own)."""
    found = _owner(life, ctx)
    p, rng = life.p, life.rng
    if found is None:
        vs.visitor_overstay(life) if stays else vs.visitor_ontime(life)
        return
    owner, country, number, last_use = found
    reported = last_use + life.days(10, 200)
    ctx.reports.append(
        TravelDocumentReport(country, number, "PASSPORT", rng.choice(("STOLEN", "LOST")), reported)
    )
    owner.flags.add("passport_stolen")
    alias = Alias(owner.given, owner.middle, owner.family, owner.dob, owner.sex, country)
    came = life.when(reported + 30 * DAY, life.as_of - (400 if stays else 200) * DAY)
    cls = "WT" if owner.nationalities[0] in ("GBR", "DEU", "FRA", "ESP", "ITA", "KOR") else "B2"
    arrival = life.arrive(came, cls, country=country, alias=alias, number=number)
    life.enrol(came)
    p.flags.update(("impostor", "dated_admission"))
    p.status_class = cls
    if arrival is None or arrival.admit_until is None:
        return
    if stays:
        p.flags.add("overstay")
        life.ssn()
        day = life.when(arrival.admit_until + 30 * DAY, life.as_of)
        life.hire(day, "AUTHORIZED_ALIEN", doc="FOREIGN_PASSPORT+I-94", doc_number=number)
    else:
        life.depart(life.when(came + 5 * DAY, arrival.admit_until - DAY), country, number, alias)


def blank_passport_user(life: Life, ctx: CastContext) -> None:
    """One of a batch of blank passports stolen from an issuing office, filled in with
    the user's own name: never issued, so nobody else ever used the number."""
    rng = life.rng
    country = rng.choice(("PHL", "VEN", "SYR", "HTI", "NGA"))
    stolen = life.when(life.start + 3 * YEAR, life.as_of - 3 * YEAR)
    numbers = [life.ids.passport(rng, country) for _ in range(rng.randrange(4, 9))]
    ctx.reports.extend(
        TravelDocumentReport(country, n, "PASSPORT", "STOLEN_BLANK", stolen) for n in numbers
    )
    came = life.when(stolen + 60 * DAY, life.as_of - 300 * DAY)
    arrival = life.arrive(came, "B2", country=country, number=numbers[0])
    life.enrol(came)
    life.p.flags.update(("blank_passport", "overstay", "dated_admission"))
    life.p.status_class = "B2"
    if arrival is not None and arrival.admit_until:
        vs.unauthorised_jobs(life, arrival.admit_until, 0.3)


def human_rights(life: Life, ctx: CastContext, kind: str) -> None:
    """A person on the human-rights violator list, in one of several situations."""
    p, rng = life.p, life.rng
    year = rng.randrange(1975, 2016)
    basis = f"{rng.choice(places.HRV_BASES)}, {p.nationalities[0]} {year}"
    p.dob = min(p.dob, dt.date(year - 22, 6, 1))
    if kind == "PRESENT_VISITOR":
        vs.visitor_current(life)
    elif kind == "PRESENT_LPR":
        rs.immigrant(life, life.when(life.adult(), life.as_of - 2 * YEAR), 0.0)
    elif kind == "PENDING_FILING":
        vs.visitor_extension(life, "PENDING")
    elif kind == "DEPARTED":
        vs.visitor_ontime(life)
    elif kind == "NATURALIZED":
        rs.naturalized_iv(life)
    elif kind == "ASYLUM_PENDING":
        ir.asylum(life, "B2", "PENDING")
    else:  # NEVER_ARRIVED: listed, never came
        p.citizenship, p.status_class = "NONIMMIGRANT", "NONE_ABROAD"
    listing(
        life, life.when(life.start + YEAR, life.as_of - 30 * DAY), "HUMAN_RIGHTS_VIOLATOR", basis
    )


def sex_offender(life: Life, ctx: CastContext, kind: str) -> None:
    """A registered sex offender: a citizen, an overstayed visitor, a resident, or a
    person in removal proceedings; all convicted of a sex offence first."""
    p, rng = life.p, life.rng
    life.settle(8)
    if kind == "USC":
        rs.usc_born(life)
        lo = life.adult()
    elif kind == "OVERSTAY":
        vs.visitor_overstay(life, latest=life.as_of - 4 * YEAR)
        arrival = max((f for f in p.facts if isinstance(f, Arrival)), key=lambda f: f.date)
        lo = (arrival.admit_until or arrival.date) + 30 * DAY
    elif kind == "LPR":
        rs.immigrant(life, life.when(life.adult(), life.as_of - 6 * YEAR), 0.0)
        lo = life.start + 3 * YEAR
        arrivals = [f.date for f in p.facts if isinstance(f, Arrival)]
        lo = min(arrivals, default=lo) + 200 * DAY
    else:
        ir.ewi_unknown(life)
        lo = life.when(life.adult(), life.as_of - 5 * YEAR)
        court(life, lo + life.days(30, 300))
    day = life.when(lo, life.as_of - 500 * DAY)
    code = rng.choice(places.SEX_OFFENCE_CODES)
    arrest(life, day, code, "CONVICTED", prison=rng.random() < 0.4)
    state = rng.choice(places.STATES)
    basis = f"CONVICTED {day.year} NCIC {code}; REGISTERED {state}"
    listing(life, life.when(day + 200 * DAY, life.as_of - 10 * DAY), "SEX_OFFENDER_REGISTRY", basis)


# (category, citizenship, per 1,000 people, history)
CASTS: tuple[tuple[str, str, float, CastFn], ...] = (
    ("IMPOSTOR_OVERSTAY", "NONIMMIGRANT", 1.5, lambda lf, c: impostor(lf, c, True)),
    ("IMPOSTOR_DEPARTED", "NONIMMIGRANT", 0.5, lambda lf, c: impostor(lf, c, False)),
    ("BLANK_PASSPORT_USER", "NONIMMIGRANT", 0.5, blank_passport_user),
    (
        "HRV_PRESENT_VISITOR",
        "NONIMMIGRANT",
        0.5,
        lambda lf, c: human_rights(lf, c, "PRESENT_VISITOR"),
    ),
    ("HRV_PRESENT_LPR", "LPR", 0.5, lambda lf, c: human_rights(lf, c, "PRESENT_LPR")),
    (
        "HRV_PENDING_FILING",
        "NONIMMIGRANT",
        0.5,
        lambda lf, c: human_rights(lf, c, "PENDING_FILING"),
    ),
    ("HRV_DEPARTED", "NONIMMIGRANT", 0.5, lambda lf, c: human_rights(lf, c, "DEPARTED")),
    ("HRV_NATURALIZED", "LPR", 0.5, lambda lf, c: human_rights(lf, c, "NATURALIZED")),
    (
        "HRV_ASYLUM_PENDING",
        "ASYLUM_PENDING",
        0.5,
        lambda lf, c: human_rights(lf, c, "ASYLUM_PENDING"),
    ),
    ("HRV_NEVER_ARRIVED", "NONIMMIGRANT", 0.5, lambda lf, c: human_rights(lf, c, "NEVER_ARRIVED")),
    ("USC_BORN_SEX_OFFENDER", "USC_BORN", 2.0, lambda lf, c: sex_offender(lf, c, "USC")),
    (
        "VISITOR_OVERSTAY_SEX_OFFENDER",
        "NONIMMIGRANT",
        1.0,
        lambda lf, c: sex_offender(lf, c, "OVERSTAY"),
    ),
    ("LPR_IMMIGRANT_VISA_SEX_OFFENDER", "LPR", 0.5, lambda lf, c: sex_offender(lf, c, "LPR")),
    ("EWI_COURT_SEX_OFFENDER", "EWI", 0.5, lambda lf, c: sex_offender(lf, c, "EWI")),
)
BORN_HERE = frozenset(("USC_BORN_SEX_OFFENDER",))


def cast_counts(rng: random.Random, size: int) -> list[tuple[str, str, CastFn]]:
    """The cast members of a chunk of ``size`` people (at least one of each kind that
    makes a finding, when the chunk is big enough to hold them)."""
    members: list[tuple[str, str, CastFn]] = []
    for name, citizenship, rate, fn in CASTS:
        expected = rate * size / 1000
        n = int(expected) + (1 if rng.random() < expected - int(expected) else 0)
        if n == 0 and size >= 1500 and name in ("IMPOSTOR_OVERSTAY", "HRV_PRESENT_VISITOR"):
            n = 1
        members += [(name, citizenship, fn)] * n
    return members
