"""One chunk of the world: people, their histories, and the links between them
(stolen identities, stolen passports, namesakes, smuggling networks)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from tessera.synth import places
from tessera.synth.facts import Arrival, Hire, Listing
from tessera.synth.life import DAY, START, Life
from tessera.synth.people import Ids, Person, make_name, phone, pick_origin, random_date
from tessera.synth.scenarios import CATEGORIES

WEIGHTS = [c[3] for c in CATEGORIES]
US_CITIZEN = ("USC_BORN", "USC_DERIVED")


@dataclass
class StolenDocument:
    country: str
    number: str
    status: str
    reported: dt.date
    record_id: str = ""
    broken: bool = False


@dataclass
class Contact:
    """A call or a money transfer between two phones (not a person record)."""

    feed: str
    when: dt.datetime
    a: str
    b: str
    a_name: str = ""
    b_name: str = ""
    amount: float = 0.0
    city: tuple[str, str] = ("", "")
    country: str = ""


@dataclass
class Network:
    org_id: str
    members: list[tuple[str, str, str]] = field(default_factory=list)  # kind, id, role


@dataclass
class Chunk:
    people: list[Person]
    documents: list[StolenDocument]
    contacts: list[Contact]
    networks: list[Network]


def build_chunk(chunk: int, size: int, first_person: int, seed: int, as_of: dt.date) -> Chunk:
    rng = random.Random(f"{seed}:{chunk}")
    ids = Ids(chunk)
    people = [_person(rng, ids, as_of, first_person + i) for i in range(size)]
    documents: list[StolenDocument] = []
    contacts: list[Contact] = []
    networks: list[Network] = []
    _identity_theft(rng, ids, as_of, people)
    _stolen_passports(rng, ids, as_of, people, documents)
    _namesakes(rng, people)
    _listings(rng, ids, as_of, people)
    _custody(rng, ids, as_of, people)
    networks = _networks(rng, ids, as_of, people, contacts, chunk)
    _family_contacts(rng, as_of, people, contacts)
    return Chunk(people, documents, contacts, networks)


def _person(rng: random.Random, ids: Ids, as_of: dt.date, number: int) -> Person:
    name, citizenship, status, _, scenario = rng.choices(CATEGORIES, WEIGHTS)[0]
    nationality, origin = pick_origin(rng, "USA" if name == "USC_BORN" else None)
    birth_country = nationality
    nationalities = [nationality]
    if name == "USC_DERIVED":
        nationalities = ["USA"] + ([nationality] if rng.random() < 0.5 else [])
    elif citizenship == "USC_NATURALIZED":
        nationalities = [nationality, "USA"]
    sex = "M" if rng.random() < 0.54 else "F"
    low, high = (18, 32) if citizenship == "STUDENT" else (18, 75)
    dob = random_date(rng, as_of - high * 365 * DAY, as_of - low * 365 * DAY)
    given, middle, family = make_name(rng, origin, sex)
    p = Person(
        f"P{number:07d}",
        name,
        citizenship,
        origin,
        given,
        middle,
        family,
        dob,
        sex,
        birth_country,
        nationalities,
        status_class=status,
    )
    if rng.random() < 0.5:
        p.phones.append(phone(rng, "USA"))
    life = Life(rng, ids, as_of, p)
    scenario(life)
    if p.noncitizen and any(isinstance(f, Arrival) for f in p.facts) and rng.random() < 0.4:
        life.ensure_fin()
    if p.nationalities[0] in places.NSEERS_COUNTRIES and p.sex == "M":
        arrivals = [f for f in p.facts if isinstance(f, Arrival) and f.kind == "ARRIVAL"]
        if arrivals:
            life.register_nseers(arrivals[0].date)
    if sex == "F" and rng.random() < 0.06 and p.facts:
        _marry(rng, as_of, p)
    if any(isinstance(f, Arrival) and f.admit_until for f in p.facts):
        p.flags.add("dated_admission")
    return p


def _marry(rng: random.Random, as_of: dt.date, p: Person) -> None:
    first = min(f.date for f in p.facts)
    if first > as_of - 400 * DAY:
        return
    p.name_change = random_date(rng, first + 30 * DAY, as_of - 30 * DAY)
    p.later_family = rng.choice(p.origin.family)
    p.later_given = p.given


def _identity_theft(rng: random.Random, ids: Ids, as_of: dt.date, people: list[Person]) -> None:
    """A thief works on a citizen's SSN: both are users of one identifier."""
    victims = [p for p in people if p.category == "USC_BORN" and p.ssn]
    thieves = [
        p for p in people if p.category in ("EWI_UNKNOWN", "EWI_COURT_FUGITIVE", "VISITOR_OVERSTAY")
    ]
    rng.shuffle(victims)
    rng.shuffle(thieves)
    for victim, thief in list(zip(victims, thieves, strict=False))[: max(1, len(people) // 120)]:
        if not any(isinstance(f, Hire) for f in victim.facts):
            Life(rng, ids, as_of, victim).hire(random_date(rng, START, as_of), "USC")
        life = Life(rng, ids, as_of, thief)
        hire = life.hire(random_date(rng, START + 365 * DAY, as_of), "USC", ssn=victim.ssn)
        hire.ssn_owner = victim.pid
        victim.identity_theft_victim = True
        victim.flags.add("identity_theft_victim")
        thief.flags.add("identity_thief")


def _stolen_passports(
    rng: random.Random,
    ids: Ids,
    as_of: dt.date,
    people: list[Person],
    documents: list[StolenDocument],
) -> None:
    owners = [p for p in people if p.category in ("VISITOR_ONTIME",) and p.passports]
    impostors = [p for p in people if p.category == "EWI_UNKNOWN" and not p.passports]
    rng.shuffle(owners)
    for owner, impostor in list(zip(owners, impostors, strict=False))[: max(1, len(people) // 400)]:
        country, number = owner.passports[-1]
        last_use = max(f.date for f in owner.facts)
        if last_use > as_of - 300 * DAY:
            continue
        reported = last_use + rng.randrange(5, 60) * DAY
        documents.append(
            StolenDocument(
                country, number, rng.choice(("LOST", "STOLEN")), reported, ids.record("lost_stolen")
            )
        )
        owner.flags.add("passport_stolen")
        impostor.passports.append((country, number))
        impostor.nationalities = [country, *impostor.nationalities]
        life = Life(rng, ids, as_of, impostor)
        arrival = life.arrive(random_date(rng, reported + 10 * DAY, as_of - 200 * DAY), "B2")
        arrival.impostor_of = owner.pid
        impostor.flags.update({"impostor", "dated_admission", "overstay"})
    for _ in range(max(1, len(people) // 200)):  # reports of documents nobody used again
        country = rng.choice(("PHL", "BRA", "DEU", "COL", "GBR", "IND", "CHN", "KOR"))
        documents.append(
            StolenDocument(
                country,
                ids.passport(rng, country)[1],
                rng.choice(("LOST", "STOLEN", "REVOKED", "STOLEN_BLANK")),
                random_date(rng, START, as_of),
                ids.record("lost_stolen"),
            )
        )


def _namesakes(rng: random.Random, people: list[Person]) -> None:
    """Different people with the same name and date of birth: linkage's hardest case."""
    for _ in range(max(1, len(people) // 100)):
        a, b = rng.sample(people, 2)
        if a.origin is not b.origin or a.sex != b.sex:
            continue
        b.given, b.middle, b.family, b.dob = a.given, a.middle, a.family, a.dob
        a.flags.add("namesake")
        b.flags.add("namesake")


def _listings(rng: random.Random, ids: Ids, as_of: dt.date, people: list[Person]) -> None:
    for p in people:
        r = rng.random()
        if r < 0.004:
            offence = rng.choice(places.SEX_OFFENCES)
            when = random_date(rng, START, as_of - 200 * DAY)
            Life(rng, ids, as_of, p).convict(when, offence)
            state = rng.choice(places.STATES)
            p.facts.append(
                Listing(
                    "watchlist",
                    when + 90 * DAY,
                    list_name="SEX_OFFENDER_REGISTRY",
                    basis=f"CONVICTED {when.year} NCIC {offence}; REGISTERED {state}",
                )
            )
            p.sex_offender = True
            p.flags.add("sex_offender")
        elif r < 0.0075 and p.category in (
            "VISITOR_CURRENT",
            "VISITOR_OVERSTAY",
            "LPR_IMMIGRANT_VISA",
            "ASYLUM_DENIED",
            "VISITOR_ONTIME",
        ):
            year = rng.randrange(1975, 2000)
            p.facts.append(
                Listing(
                    "watchlist",
                    random_date(rng, START, as_of),
                    list_name="HUMAN_RIGHTS_VIOLATOR",
                    basis=f"FORMER OFFICIAL; TORTURE ALLEGATIONS, {p.nationalities[0]} {year}",
                )
            )
            p.human_rights = True
            p.flags.add("human_rights")


def _custody(rng: random.Random, ids: Ids, as_of: dt.date, people: list[Person]) -> None:
    """Some people are in jail today; for noncitizens without status that is a lead."""
    for p in people:
        if rng.random() >= 0.012:
            continue
        serious = rng.random() < 0.6
        charge = rng.choice(places.SERIOUS_OFFENCES if serious else places.MINOR_OFFENCES)
        life = Life(rng, ids, as_of, p)
        if serious and rng.random() < 0.7:
            life.convict(random_date(rng, START, as_of - 400 * DAY), charge)
        life.book(
            random_date(rng, as_of - 300 * DAY, as_of - DAY),
            (charge,),
            held=True,
            convicted=serious,
        )
        if rng.random() < 0.3:
            life.warrant(
                random_date(rng, START, as_of),
                rng.choice(("WANTED", "IMMIGRATION_VIOLATOR"))
                if p.noncitizen and p.category.startswith("EWI")
                else "WANTED",
                charge,
            )


def _networks(
    rng: random.Random,
    ids: Ids,
    as_of: dt.date,
    people: list[Person],
    contacts: list[Contact],
    chunk: int,
) -> list[Network]:
    networks: list[Network] = []
    ewi = [p for p in people if p.category.startswith("EWI")]
    payers = [p for p in people if not p.noncitizen or p.category == "LPR_IMMIGRANT_VISA"]
    for n in range(max(1, len(people) // 2000)):
        if len(ewi) < 8 or len(payers) < 10:
            break
        net = Network(f"ORG{chunk:04d}{n:02d}")
        org_phone = phone(rng, "USA")
        abroad = [phone(rng, "MEX"), phone(rng, "SLV")]
        organizer = rng.choice(payers)
        organizer.phones.append(org_phone)
        net.members += [("person", organizer.pid, "organizer"), ("phone", org_phone, "organizer")]
        net.members += [("phone", ph, "recruiter") for ph in abroad]
        drivers = rng.sample(ewi, 3)
        victims = rng.sample([p for p in ewi if p not in drivers], 5)
        for role, group in (("driver", drivers), ("victim", victims)):
            for p in group:
                if role == "driver":
                    p.phones.append(phone(rng, "USA"))
                    net.members.append(("phone", p.phones[-1], role))
                p.smuggling_org, p.smuggling_role = net.org_id, role
                p.flags.add("smuggled" if role == "victim" else "smuggler")
                net.members.append(("person", p.pid, role))
        organizer.smuggling_org, organizer.smuggling_role = net.org_id, "organizer"
        for p in rng.sample(payers, 8):
            if not p.phones:
                p.phones.append(phone(rng, "USA"))
            p.smuggling_org, p.smuggling_role = net.org_id, "payer"
            net.members += [("person", p.pid, "payer"), ("phone", p.phones[0], "payer")]
            for _ in range(rng.randrange(1, 3)):
                when = _moment(rng, as_of)
                contacts.append(
                    Contact(
                        "transfers",
                        when,
                        p.phones[0],
                        rng.choice([*abroad, org_phone]),
                        _display(p),
                        "",
                        round(rng.uniform(800, 4500), 2),
                        ("PHOENIX", "AZ"),
                        "MEX",
                    )
                )
        for d in drivers:
            for _ in range(rng.randrange(3, 8)):
                contacts.append(Contact("calls", _moment(rng, as_of), org_phone, d.phones[-1]))
        networks.append(net)
    return networks


def _family_contacts(
    rng: random.Random, as_of: dt.date, people: list[Person], contacts: list[Contact]
) -> None:
    """Ordinary remittances and calls: the background any network hides in."""
    for p in people:
        if not p.phones or rng.random() > 0.12:
            continue
        home = p.nationalities[0] if p.nationalities[0] != "USA" else "MEX"
        far = phone(rng, home)
        for _ in range(rng.randrange(1, 3)):
            contacts.append(
                Contact(
                    "transfers",
                    _moment(rng, as_of),
                    p.phones[0],
                    far,
                    _display(p),
                    f"{rng.choice(p.origin.male)} {p.family.split()[0]}",
                    round(rng.uniform(50, 900), 2),
                    (rng.choice(places.EMPLOYER_TOWNS), rng.choice(places.STATES)),
                    home,
                )
            )
        for _ in range(rng.randrange(1, 4)):
            contacts.append(Contact("calls", _moment(rng, as_of), p.phones[0], far))


def _moment(rng: random.Random, as_of: dt.date) -> dt.datetime:
    day = random_date(rng, dt.date(2005, 1, 1), as_of)
    return dt.datetime(
        day.year, day.month, day.day, rng.randrange(24), rng.randrange(60), rng.randrange(60)
    )


def _display(p: Person) -> str:
    return f"{p.given} {p.family}"
