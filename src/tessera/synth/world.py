"""One chunk of the world: its people, their histories, and what ties them together.

Everything here draws from one random generator seeded by (seed, chunk), so a chunk is
the same whichever process builds it.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from tessera.synth import casts, overlays, places
from tessera.synth.countries import US_PLACES, country
from tessera.synth.facts import Arrival
from tessera.synth.ids import Ids
from tessera.synth.life import DAY, YEAR, Life
from tessera.synth.names import make_name, pick_nationality, pick_us_origin
from tessera.synth.networks import NETWORK_CAST, PEOPLE_PER_NETWORK, build_network, family_contacts
from tessera.synth.person import Contact, Network, Person, TravelDocumentReport
from tessera.synth.scenarios import CATEGORIES, irregular, residents
from tessera.synth.scenarios.common import jobs, work

_CUM = tuple(sum(c.weight for c in CATEGORIES[: i + 1]) for i in range(len(CATEGORIES)))
SECOND_PASSPORTS = {"COL": "ESP", "VEN": "ESP", "ARG": "ITA", "BRA": "ITA", "MEX": "ESP"}


@dataclass
class Chunk:
    people: list[Person] = field(default_factory=list)
    reports: list[TravelDocumentReport] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    networks: list[Network] = field(default_factory=list)


def chunk_rng(seed: int, chunk: int) -> random.Random:
    return random.Random(f"tessera-synth:{seed}:{chunk}")


def new_person(
    rng: random.Random, as_of: dt.date, number: int, category: str, citizenship: str, born: str
) -> Person:
    """A person with a name in their tradition, a date of birth and birth place."""
    sex = "M" if rng.random() < 0.52 else "F"
    dob = as_of - rng.randrange(19 * 365, 82 * 365) * DAY
    if born == "us":
        origin = pick_us_origin(rng)
        nationality, nationalities, birth_place = "USA", ["USA"], rng.choice(US_PLACES)
    else:
        nationality, origin = pick_nationality(rng)
        nationalities = [nationality]
        cities = country(nationality).cities
        birth_place = rng.choice(cities) if cities else ""
        if born == "derived":
            nationalities = ["USA"] + ([nationality] if rng.random() < 0.5 else [])
        elif nationality in SECOND_PASSPORTS and rng.random() < 0.06:
            nationalities.append(SECOND_PASSPORTS[nationality])
    given, middle, family = make_name(rng, origin, sex)
    return Person(
        f"P{number:07d}",
        category,
        citizenship,
        origin,
        given,
        middle,
        family,
        dob,
        sex,
        "USA" if born == "us" else nationality,
        nationalities,
        birth_place=birth_place,
        city=rng.randrange(len(places.TOWNS)),
    )


def _finish(p: Person) -> None:
    """Derived truth: the class a nonimmigrant was last admitted in, dated admissions."""
    arrivals = [f for f in p.facts if isinstance(f, Arrival) and f.kind == "ARRIVAL"]
    if p.citizenship in ("NONIMMIGRANT", "STUDENT") and not p.status_class and arrivals:
        p.status_class = max(arrivals, key=lambda a: a.date).cls
    if any(a.admit_until for a in arrivals):
        p.flags.add("dated_admission")


def build_chunk(chunk: int, size: int, first: int, seed: int, as_of: dt.date) -> Chunk:
    rng = chunk_rng(seed, chunk)
    ids = Ids(chunk)
    out = Chunk()
    networks = size // PEOPLE_PER_NETWORK
    if size >= 60 and rng.random() < (size % PEOPLE_PER_NETWORK) / PEOPLE_PER_NETWORK:
        networks += 1
    members = casts.cast_counts(rng, size) if size >= 200 else []
    regular = size - len(members) - networks * len(NETWORK_CAST)
    number = first
    for _ in range(regular):
        category = rng.choices(CATEGORIES, cum_weights=_CUM)[0]
        p = new_person(rng, as_of, number, category.name, category.citizenship, category.born)
        category.history(Life(rng, ids, as_of, p))
        _finish(p)
        out.people.append(p)
        number += 1
    overlays.namesakes(rng, out.people)
    ctx = casts.CastContext(out.people, out.reports)
    for name, citizenship, fn in members:
        p = new_person(rng, as_of, number, name, citizenship, _born(name))
        fn(Life(rng, ids, as_of, p), ctx)
        _finish(p)
        out.people.append(p)
        number += 1
    regulars = out.people[:regular]
    for n in range(networks):
        cast: list[tuple[Person, str]] = []
        for name, citizenship, role in NETWORK_CAST:
            p = new_person(
                rng, as_of, number, name, citizenship, "us" if role == "organizer" else "abroad"
            )
            if role != "organizer":
                _central_american(rng, p)
            _network_history(Life(rng, ids, as_of, p), name)
            _finish(p)
            out.people.append(p)
            cast.append((p, role))
            number += 1
        payers = [p for p in rng.sample(regulars, min(len(regulars), 40)) if overlays.in_country(p)]
        net = build_network(
            rng, ids, as_of, f"ORG{chunk:04d}{n:02d}", cast, payers[:13], out.contacts
        )
        out.networks.append(net)
    overlays.marriages(rng, out.people, as_of)
    overlays.identity_theft(rng, ids, as_of, out.people)
    overlays.crime(rng, ids, as_of, out.people)
    overlays.second_a_numbers(rng, ids, out.people)
    overlays.lost_passports(rng, as_of, out.people, out.reports)
    overlays.stray_reports(rng, ids, as_of, size, out.reports)
    overlays.special_registration(rng, out.people)
    overlays.phones(rng, ids, out.people, as_of)
    family_contacts(rng, as_of, out.people, out.contacts)
    return out


def _born(cast_name: str) -> str:
    return "us" if cast_name in casts.BORN_HERE else "abroad"


def _central_american(rng: random.Random, p: Person) -> None:
    """Network members (other than the organizer) come from Mexico and Central America."""
    from tessera.synth.names import NATIONALITIES, make_name

    code = rng.choice(("MEX", "GTM", "HND", "SLV"))
    origin = NATIONALITIES[code][0]
    p.origin, p.birth_country, p.nationalities = origin, code, [code]
    p.given, p.middle, p.family = make_name(rng, origin, p.sex)
    p.birth_place = rng.choice(country(code).cities)


def _network_history(life: Life, name: str) -> None:
    if name == "SMUGGLER_USC":
        residents.usc_born(life)
    elif name == "SMUGGLER_STASH_HOUSE":
        residents.immigrant(life, life.when(life.adult(), life.as_of - 10 * YEAR), 0.2)
    elif name in ("SMUGGLER_EWI", "SMUGGLED_EWI_UNKNOWN"):
        came = life.when(life.as_of - 9 * YEAR, life.as_of - YEAR)
        work(life, came + 30 * DAY, life.as_of, "USC", jobs(life))
        if life.rng.random() < 0.2:
            work(life, came + 60 * DAY, life.as_of, "LPR", 1)
    elif name == "SMUGGLED_T_VISA":
        irregular.victim_visa(life, "I-914")
    elif name == "SMUGGLED_EWI_COURT":
        irregular.ewi_court(life, "PENDING")
    elif name == "SMUGGLED_EWI_RETURNED":
        irregular.ewi_returned(life)
    else:
        irregular.relief(life)
