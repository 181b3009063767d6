"""Smuggling networks and the ordinary calls and remittances they hide among.

A network has an organizer (with a US and a Mexican phone), recruiters abroad (phones
only), drivers, a stash house, the people smuggled, and payers: relatives already here
who wire the fee. Calls and transfers tie the phones together; ``networks.csv`` lists
the members and phones.
"""

from __future__ import annotations

import datetime as dt
import random

from tessera.synth import places
from tessera.synth.countries import country
from tessera.synth.ids import Ids, us_phone
from tessera.synth.justice import arrest, court
from tessera.synth.life import DAY, Life
from tessera.synth.overlays import in_country
from tessera.synth.person import Contact, Network, Person

# Cast of one network: (category, citizenship, role)
NETWORK_CAST: tuple[tuple[str, str, str], ...] = (
    ("SMUGGLER_USC", "USC_BORN", "organizer"),
    ("SMUGGLER_EWI", "EWI", "driver"),
    ("SMUGGLER_EWI", "EWI", "driver"),
    ("SMUGGLER_EWI", "EWI", "driver"),
    ("SMUGGLER_EWI", "EWI", "driver"),
    ("SMUGGLER_STASH_HOUSE", "LPR", "stash_house"),
    ("SMUGGLED_EWI_UNKNOWN", "EWI", "victim"),
    ("SMUGGLED_EWI_UNKNOWN", "EWI", "victim"),
    ("SMUGGLED_EWI_UNKNOWN", "EWI", "victim"),
    ("SMUGGLED_EWI_UNKNOWN", "EWI", "victim"),
    ("SMUGGLED_T_VISA", "T_VISA", "victim"),
    ("SMUGGLED_T_VISA", "T_VISA", "victim"),
    ("SMUGGLED_EWI_COURT", "EWI", "victim"),
    ("SMUGGLED_EWI_RETURNED", "EWI", "victim"),
    ("SMUGGLED_EWI_COURT_RELIEF", "LPR", "victim"),
)
PEOPLE_PER_NETWORK = 2000


def foreign_phone(rng: random.Random, code: str) -> str:
    c = country(code)
    return f"+{c.dial}{rng.randrange(10 ** (c.digits - 1), 10**c.digits)}"


def moment(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.datetime:
    day = lo + rng.randrange(max((hi - lo).days, 1)) * DAY
    return dt.datetime(day.year, day.month, day.day, rng.randrange(24), rng.randrange(60), 0)


def display(p: Person, day: dt.date) -> str:
    given, _, family = p.name_on(day)
    return f"{given} {family}"


def build_network(
    rng: random.Random,
    ids: Ids,
    as_of: dt.date,
    org_id: str,
    cast: list[tuple[Person, str]],
    payers: list[Person],
    contacts: list[Contact],
) -> Network:
    """Roles, phones, arrests and the network's calls and transfers."""
    net = Network(org_id)
    lo = dt.date(as_of.year - 9, 1, 1) + rng.randrange(5 * 365) * DAY
    hi = min(lo + rng.randrange(2 * 365, 4 * 365) * DAY, as_of - 30 * DAY)
    recruiters = [foreign_phone(rng, rng.choice(("SLV", "GTM", "HND"))) for _ in range(2)]
    org_phone = ""
    role_phone: list[tuple[Person, str, str]] = []
    drivers = 0
    for p, role in cast:
        p.smuggling_org, p.smuggling_role = org_id, role
        p.flags.add("smuggled" if role == "victim" else "smuggler")
        net.members.append(("person", p.pid, role))
        if role == "victim":
            continue
        phone = us_phone(ids)
        p.phones.append(phone)
        net.members.append(("phone", phone, role))
        if role == "organizer":
            org_phone = phone
            mexican = foreign_phone(rng, "MEX")
            p.phones.append(mexican)
            net.members.append(("phone", mexican, role))
        role_phone.append((p, role, phone))
        life = Life(rng, ids, as_of, p)
        if role == "driver":
            drivers += 1
            _driver_record(rng, life, lo, hi, drivers)
        elif role == "organizer" and rng.random() < 0.5:
            arrest(life, life.when(hi - 200 * DAY, hi), "4801", "CONVICTED", prison=True)
    net.members += [("phone", ph, "recruiter") for ph in recruiters]
    for _, role, phone in role_phone:
        if role == "organizer":
            for r in recruiters:
                _calls(rng, contacts, phone, r, lo, hi, rng.randrange(4, 10))
        else:
            _calls(rng, contacts, org_phone, phone, lo, hi, rng.randrange(3, 9))
    stash = next((ph for _, role, ph in role_phone if role == "stash_house"), "")
    for _, role, ph in role_phone:
        if role == "driver" and stash:
            _calls(rng, contacts, ph, stash, lo, hi, rng.randrange(1, 4))
    for p in payers:
        if not p.phones:
            p.phones.append(us_phone(ids))
        p.smuggling_org, p.smuggling_role = org_id, "payer"
        net.members += [("person", p.pid, "payer"), ("phone", p.phones[0], "payer")]
        to = rng.choice([*recruiters, org_phone])
        _calls(rng, contacts, p.phones[0], to, lo, hi, rng.randrange(1, 3))
        for _ in range(rng.randrange(1, 3)):
            when = moment(rng, lo, hi)
            town = places.TOWNS[p.city]
            abroad = to != org_phone
            border = rng.choice(places.BORDER_TOWNS)
            contacts.append(
                Contact(
                    "transfers",
                    when,
                    p.phones[0],
                    to,
                    display(p, when.date()),
                    _receiver(rng, cast[0][0], when.date()) if not abroad else _stranger(rng),
                    round(rng.uniform(800, 4500), 0),
                    (town[0], town[1]),
                    ("", "") if abroad else (border[0], border[1]),
                    rng.choice(("SLV", "GTM", "HND", "MEX")) if abroad else "",
                )
            )
    return net


def _receiver(rng: random.Random, organizer: Person, day: dt.date) -> str:
    return display(organizer, day) if rng.random() < 0.6 else _stranger(rng)


def _stranger(rng: random.Random) -> str:
    from tessera.synth.names.americas import HISPANIC

    return f"{rng.choice(HISPANIC.male)} {rng.choice(HISPANIC.family)}"


def _driver_record(rng: random.Random, life: Life, lo: dt.date, hi: dt.date, n: int) -> None:
    """Drivers get caught: one convicted and released, one re-arrested and held now
    (after proceedings began), the others never."""
    if n == 1:
        arrest(life, life.when(lo, hi), "4801", "CONVICTED", prison=True)
    elif n == 2:
        first = life.when(lo, hi - 100 * DAY)
        arrest(life, first, "4801", "CONVICTED")
        court(life, first + life.days(30, 200))
        day = life.when(max(hi, life.as_of - 300 * DAY), life.as_of - 5 * DAY)
        arrest(life, day, rng.choice(("4801", "3562", "5212")), "PENDING", status="HELD")


def _calls(
    rng: random.Random,
    contacts: list[Contact],
    a: str,
    b: str,
    lo: dt.date,
    hi: dt.date,
    n: int,
) -> None:
    for _ in range(n):
        caller, callee = (a, b) if rng.random() < 0.6 else (b, a)
        contacts.append(
            Contact("calls", moment(rng, lo, hi), caller, callee, seconds=rng.randrange(15, 1800))
        )


def family_contacts(
    rng: random.Random, as_of: dt.date, people: list[Person], contacts: list[Contact]
) -> None:
    """Ordinary remittances and calls home: the background any network hides in."""
    start = dt.date(as_of.year - 15, 1, 1)
    for p in people:
        if not p.phones or rng.random() >= 0.3 or not in_country(p):
            continue
        home = p.birth_country if p.birth_country != "USA" else rng.choice(("MEX", "PHL", "IND"))
        far = foreign_phone(rng, home)
        relative = f"{rng.choice(p.origin.male + p.origin.female)} {p.family.split()[0]}"
        town = places.TOWNS[p.city]
        for _ in range(rng.randrange(1, 3)):
            when = moment(rng, start, as_of)
            contacts.append(
                Contact(
                    "transfers",
                    when,
                    p.phones[0],
                    far,
                    display(p, when.date()),
                    relative,
                    round(rng.uniform(40, 900), 2),
                    (town[0], town[1]),
                    ("", ""),
                    home,
                )
            )
        _calls(rng, contacts, p.phones[0], far, start, as_of, rng.randrange(1, 7))
