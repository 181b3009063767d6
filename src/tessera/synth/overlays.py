"""Things that happen across a chunk's people after their main histories: namesakes,
marriages, stolen SSNs, arrests and jail, warrants, second A-numbers, lost passports,
special registration, phones.
"""

from __future__ import annotations

import datetime as dt
import random

from tessera.synth import places
from tessera.synth.facts import Alias, Arrival, Benefit, Hire, Removal
from tessera.synth.ids import Ids, us_phone
from tessera.synth.justice import arrest, warrant
from tessera.synth.life import DAY, YEAR, Life
from tessera.synth.names import variants
from tessera.synth.person import Person, TravelDocumentReport

NO_STATUS = frozenset(("overstay", "fugitive", "violation"))
THIEVES = frozenset(("EWI_UNKNOWN", "EWI_COURT", "ASYLUM_EWI_DENIED"))
"""Who steals an SSN: people who entered without inspection (the exchange's drops show no
other thieves)."""
NSEERS_FROM, NSEERS_UNTIL = dt.date(2002, 9, 11), dt.date(2011, 4, 27)


def exits(p: Person) -> list[dt.date]:
    return [
        f.date
        for f in p.facts
        if (isinstance(f, Arrival) and f.kind == "DEPARTURE") or isinstance(f, Removal)
    ]


def in_country(p: Person) -> bool:
    """Lives here at the cut by its records: no exit after the last arrival."""
    arrivals = [f.date for f in p.facts if isinstance(f, Arrival) and f.kind == "ARRIVAL"]
    gone = exits(p)
    if not gone:
        return p.category != "STUDENT_CANCELED" and "NONE_ABROAD" not in p.status_class
    return bool(arrivals) and max(arrivals) > max(gone)


def since(p: Person, life: Life) -> dt.date:
    """From when the person has been here (adult), for dating arrests and jobs."""
    arrivals = [f.date for f in p.facts if isinstance(f, Arrival) and f.kind == "ARRIVAL"]
    gone = exits(p)
    lo = life.adult()
    if gone:
        lo = max(lo, max(gone) + DAY)
    elif arrivals and not p.citizen:
        lo = max(lo, min(arrivals))
    return lo


def namesakes(rng: random.Random, people: list[Person]) -> None:
    """Different people with the same (or nearly the same) name and date of birth."""
    by_key: dict[tuple[str, str], list[Person]] = {}
    for p in people:
        by_key.setdefault((p.origin.key, p.sex), []).append(p)
    for _ in range(len(people) * 6 // 1000):
        a = rng.choice(people)
        pool = by_key[(a.origin.key, a.sex)]
        b = rng.choice(pool)
        if a is b or "namesake" in a.flags or "namesake" in b.flags:
            continue
        b.given, b.middle, b.family, b.dob = a.given, a.middle, a.family, a.dob
        if rng.random() < 0.35:  # nearly the same: another spelling, or another middle name
            alt = variants(a.given, a.origin.style)
            b.given = rng.choice(alt) if alt else b.given
            b.middle = "" if a.middle else b.middle
        a.flags.add("namesake")
        b.flags.add("namesake")


def marriages(rng: random.Random, people: list[Person], as_of: dt.date) -> None:
    """Women who took a spouse's family name: records before and after differ."""
    for p in people:
        if p.sex != "F" or not p.facts or rng.random() >= 0.07:
            continue
        first = min(f.date for f in p.facts)
        if first > as_of - 3 * YEAR:
            continue
        p.name_change = first + rng.randrange(365, (as_of - first).days - 365) * DAY
        p.later_family = rng.choice(p.origin.family)
        if p.later_family == p.family.split()[0]:
            p.name_change, p.later_family = None, ""


AS_VICTIM = 0.1
VICTIMS_BIRTH = 0.2
"""How often a thief's I-9s carry the victim's name, and of those, the victim's date of
birth too: measured on the exchange's own drops, a thief's hires under the victim's name
are about one in sixteen, none seen with the victim's date of birth."""


def identity_theft(rng: random.Random, ids: Ids, as_of: dt.date, people: list[Person]) -> None:
    """A thief works on a citizen's SSN, nearly always under their own name and date of
    birth; now and then under the citizen's name (``AS_VICTIM``), rarely with the
    citizen's date of birth too (then the records cannot tell them apart)."""
    victims = [p for p in people if p.citizen and p.ssn and "sex_offender" not in p.flags]
    thieves = [p for p in people if p.category in THIEVES and not exits(p)]
    rng.shuffle(victims)
    rng.shuffle(thieves)
    for victim, thief in list(zip(victims, thieves, strict=False))[: len(people) * 16 // 1000]:
        vlife, tlife = Life(rng, ids, as_of, victim), Life(rng, ids, as_of, thief)
        if not any(isinstance(f, Hire) and f.ssn == victim.ssn for f in victim.facts):
            vlife.hire(vlife.when(vlife.adult(), as_of - 100 * DAY), "USC")
        alias = None
        if rng.random() < AS_VICTIM:
            dob = victim.dob if rng.random() < VICTIMS_BIRTH else thief.dob
            alias = Alias(victim.given, victim.middle, victim.family, dob, victim.sex, "USA")
        _drop_made_up_jobs(thief)
        tlife.hire(
            tlife.when(since(thief, tlife) + 30 * DAY, as_of), "USC", ssn=victim.ssn, alias=alias
        )
        victim.identity_theft_victim = True
        victim.flags.add("identity_theft_victim")
        thief.flags.add("identity_thief")


def _drop_made_up_jobs(thief: Person) -> None:
    """A thief works on the stolen number, not beside it on a made-up one: the exchange's
    thieves hold one I-9, on the victim's SSN (32 of the sample's 33; the other came
    back after a removal and then worked on a made-up number). So the jobs on a made-up
    number before any exit go; the number goes with them unless a later job keeps it."""
    gone = exits(thief)
    last_exit = max(gone) if gone else None
    thief.facts = [
        f
        for f in thief.facts
        if not (
            isinstance(f, Hire)
            and f.ssn == thief.ssn
            and (last_exit is None or f.date <= last_exit)
        )
    ]
    if not any(isinstance(f, Hire) and f.ssn == thief.ssn for f in thief.facts):
        thief.ssn = ""


def crime(rng: random.Random, ids: Ids, as_of: dt.date, people: list[Person]) -> None:
    """Arrests of people living here (most minor, a few serious), warrants, and people
    in jail or prison at the cut."""
    for p in people:
        if p.dob > as_of - 19 * YEAR or not in_country(p):
            continue
        life = Life(rng, ids, as_of, p)
        lo = since(p, life)
        if lo > as_of - 60 * DAY:
            continue
        r = rng.random()
        if r < 0.065:
            for _ in range(rng.randrange(1, 4)):
                family = rng.choice(
                    places.SERIOUS_FAMILIES if rng.random() < 0.2 else places.MINOR_FAMILIES
                )
                day = life.when(lo, as_of - 30 * DAY)
                arrest(life, day, rng.choice(places.OFFENCES[family]), booked=rng.random() < 0.85)
            if rng.random() < 0.12:
                warrant(
                    life,
                    life.when(lo, as_of),
                    "WANTED",
                    rng.choice(places.OFFENCES[rng.choice(places.MINOR_FAMILIES)]),
                    rng.choice(("ACTIVE", "CLEARED", "CLEARED", "CANCELLED")),
                )
        elif r < 0.072 or (r < 0.1 and p.flags & NO_STATUS):
            _jailed(rng, life, lo)
        elif 0.1 <= r < 0.102:
            offence = rng.choice(places.OFFENCES["ASSAULT"])
            warrant(life, life.when(lo, as_of), "PROTECTION_ORDER", offence, "ACTIVE")


def _jailed(rng: random.Random, life: Life, lo: dt.date) -> None:
    """In custody at the cut: held awaiting trial or serving a sentence, sometimes
    after an earlier serious conviction."""
    as_of = life.as_of
    if rng.random() < 0.4 and lo < as_of - 3 * YEAR:
        family = rng.choice(places.SERIOUS_FAMILIES)
        day = life.when(lo, as_of - 2 * YEAR)
        arrest(life, day, rng.choice(places.OFFENCES[family]), "CONVICTED")
    serious = rng.random() < 0.5
    family = rng.choice(places.SERIOUS_FAMILIES if serious else places.MINOR_FAMILIES)
    day = life.when(max(lo, as_of - 400 * DAY), as_of - 2 * DAY)
    sentenced = rng.random() < 0.35
    arrest(
        life,
        day,
        rng.choice(places.OFFENCES[family]),
        "CONVICTED" if sentenced else "PENDING",
        status="SENTENCED" if sentenced else "HELD",
        prison=sentenced and rng.random() < 0.6,
    )


def second_a_numbers(rng: random.Random, ids: Ids, people: list[Person]) -> None:
    """A person wrongly given a second A-number, which one of their records carries."""
    for p in people:
        if not p.a_numbers or rng.random() >= 0.012:
            continue
        records = [f for f in p.facts if isinstance(f, (Benefit, Hire)) and f.a_number]
        if records:
            p.a_numbers.append(ids.a_number())
            rng.choice(records).a_number = p.a_numbers[-1]


def lost_passports(
    rng: random.Random, as_of: dt.date, people: list[Person], reports: list[TravelDocumentReport]
) -> None:
    """Travellers who reported an old passport lost after they had stopped using it."""
    for p in people:
        if not p.passports or rng.random() >= 0.008:
            continue
        country, number, _ = rng.choice(p.passports)
        uses = [f.date for f in p.facts if isinstance(f, Arrival) and f.passport == number]
        uses += [f.date for f in p.facts if isinstance(f, Hire) and f.doc_number == number]
        last = max(uses, default=None)
        if last is None or last > as_of - 400 * DAY:
            continue
        reported = last + rng.randrange(30, 300) * DAY
        reports.append(TravelDocumentReport(country, number, "PASSPORT", "LOST", reported))


def stray_reports(
    rng: random.Random, ids: Ids, as_of: dt.date, size: int, reports: list[TravelDocumentReport]
) -> None:
    """Reports of documents nobody in the world used: visas, ID cards, passports."""
    start = dt.date(as_of.year - 26, 1, 1)
    for _ in range(size * 3 // 1000):
        country = rng.choice(("BRA", "COL", "PHL", "IND", "CHN", "DEU", "GBR", "MEX", "KOR"))
        kind = rng.choice(("PASSPORT", "PASSPORT", "VISA", "ID_CARD"))
        number = (
            ids.passport(rng, country) if kind == "PASSPORT" else f"{rng.randrange(10**7, 10**8)}"
        )
        status = rng.choice(("LOST", "STOLEN", "REVOKED"))
        day = start + rng.randrange((as_of - start).days) * DAY
        reports.append(TravelDocumentReport(country, number, kind, status, day))


def special_registration(rng: random.Random, people: list[Person]) -> None:
    """NSEERS (2002-2011): men from designated countries registered on arrival, were
    interviewed, and registered their exit. Identity evidence only today."""
    from tessera.synth.facts import Registration

    for p in people:
        if p.sex != "M" or p.nationalities[0] not in places.NSEERS_COUNTRIES:
            continue
        moves = sorted((f for f in p.facts if isinstance(f, Arrival)), key=lambda f: f.date)
        registered = False
        for i, a in enumerate(moves):
            if a.kind != "ARRIVAL" or not NSEERS_FROM <= a.date <= NSEERS_UNTIL or a.alias:
                continue
            if registered and rng.random() < 0.6:
                continue  # re-entries often went unregistered
            registered = True
            p.facts.append(
                Registration(a.date, event="POE_REGISTRATION", followup=a.date + 40 * DAY)
            )
            leave = next((m for m in moves[i + 1 :] if m.kind == "DEPARTURE"), None)
            interview = a.date + rng.randrange(28, 40) * DAY
            if (leave is None or leave.date > interview) and interview <= NSEERS_UNTIL:
                p.facts.append(
                    Registration(interview, event="INTERVIEW", followup=interview + 365 * DAY)
                )
            if leave is not None and leave.date <= NSEERS_UNTIL:
                p.facts.append(Registration(leave.date, event="EXIT"))


def phones(rng: random.Random, ids: Ids, people: list[Person], as_of: dt.date) -> None:
    """Phones of adults living here (calls and transfers are made from them)."""
    for p in people:
        if not p.phones and p.dob < as_of - 18 * YEAR and in_country(p) and rng.random() < 0.4:
            p.phones.append(us_phone(ids))
