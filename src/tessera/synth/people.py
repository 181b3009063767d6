"""A person of the synthetic world: who they truly are, before any system writes them."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from tessera.synth.facts import Fact
from tessera.synth.names import ORIGINS, US_ORIGINS, Origin

LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"


@dataclass(slots=True)
class Person:
    pid: str
    category: str
    citizenship: str
    origin: Origin
    given: str
    middle: str
    family: str
    dob: dt.date
    sex: str
    birth_country: str
    nationalities: list[str]
    status_class: str = ""
    later_given: str = ""
    later_family: str = ""
    name_change: dt.date | None = None
    protection: str = ""
    smuggling_org: str = ""
    smuggling_role: str = ""
    trafficking_victim: bool = False
    identity_theft_victim: bool = False
    human_rights: bool = False
    sex_offender: bool = False
    a_number: str = ""
    fin: str = ""
    fbi: str = ""
    ssn: str = ""
    passports: list[tuple[str, str]] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    facts: list[Fact] = field(default_factory=list)

    @property
    def noncitizen(self) -> bool:
        return not self.citizenship.startswith("USC")


class Ids:
    """Deterministic, unique identifiers for one chunk of the world."""

    def __init__(self, chunk: int) -> None:
        self.chunk = chunk
        self.counters: dict[str, int] = {}

    def next(self, kind: str) -> int:
        n = self.counters.get(kind, 0) + 1
        self.counters[kind] = n
        return n

    def a_number(self) -> str:
        # Real A-numbers of this era start 0 and run to 9 digits: A0NNNNNNNN.
        return f"A0{(20_000_000 + self.chunk * 100_000 + self.next('a')) % 10**8:08d}"

    def fin(self) -> str:
        return f"FIN{self.chunk:04d}{self.next('fin'):06d}"

    def fbi(self, rng: random.Random) -> str:
        return f"{self.chunk:03d}{self.next('fbi'):04d}{rng.choice(LETTERS)}{rng.choice(LETTERS)}"

    def ssn(self) -> str:
        digits = f"9{(self.chunk * 100_000 + self.next('ssn')) % 10**8:08d}"
        return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"

    def passport(self, rng: random.Random, country: str) -> tuple[str, str]:
        n = self.next("passport")
        if country == "USA":
            return country, f"5{self.chunk:03d}{n:05d}"
        return country, f"{rng.choice(LETTERS)}{rng.choice(LETTERS)}{self.chunk:03d}{n:04d}"

    def record(self, feed: str) -> str:
        n = self.next(feed)
        c = self.chunk
        return {
            "arrivals": f"{c:04d}{n:07d}",
            "students": f"N{c:04d}{n:06d}",
            "registrations": f"NS{c:04d}{n:05d}",
            "benefits": f"{c:04d}{n:06d}",
            "court": f"{c:04d}{n:05d}",
            "removals": f"R{c:04d}{n:05d}",
            "custody": f"{c:04d}{n:06d}",
            "wanted": f"W{c:04d}{n:05d}",
            "employment": f"I9-{c:04d}{n:05d}",
            "lost_stolen": f"LS{c:04d}{n:04d}",
            "transfers": f"T{c:04d}{n:06d}",
            "calls": f"CL{c:04d}{n:06d}",
            "watchlist": f"{c:04d}{n:04d}",
        }[feed]


def pick_origin(rng: random.Random, nationality: str | None) -> tuple[str, Origin]:
    if nationality == "USA":
        origin = rng.choices([o for o, _ in US_ORIGINS], [w for _, w in US_ORIGINS])[0]
        return "USA", origin
    if nationality is None:
        codes = list(ORIGINS)
        nationality = rng.choices(codes, [ORIGINS[c][1] for c in codes])[0]
    return nationality, ORIGINS[nationality][0]


def make_name(rng: random.Random, origin: Origin, sex: str) -> tuple[str, str, str]:
    """(given, middle, family) in the origin's own manner."""
    given_pool = origin.male if sex == "M" else origin.female
    given = rng.choice(given_pool)
    middle = ""
    if origin.language in ("english", "german", "french", "filipino", "arabic", "russian"):
        middle = rng.choice(given_pool) if rng.random() < 0.45 else ""
    family = rng.choice(origin.family)
    if origin.language in ("hispanic", "portuguese") and rng.random() < 0.7:
        second = rng.choice(origin.family)
        if second != family:
            family = f"{family} {second}"
    if origin.language == "hispanic" and rng.random() < 0.3:
        middle = rng.choice(given_pool)
    if middle == given:
        middle = ""
    return given, middle, family


def random_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    span = (end - start).days
    return start + dt.timedelta(days=rng.randrange(max(span, 1)))


def phone(rng: random.Random, country: str) -> str:
    if country == "USA":
        npa = rng.choice(
            (
                "520",
                "602",
                "713",
                "214",
                "210",
                "312",
                "404",
                "305",
                "212",
                "213",
                "415",
                "702",
                "919",
                "973",
                "816",
                "904",
                "503",
                "313",
                "303",
            )
        )
        return f"+1{npa}555{rng.randrange(10000):04d}"
    code = {
        "MEX": "52",
        "GTM": "502",
        "HND": "504",
        "SLV": "503",
        "IND": "91",
        "CHN": "86",
        "PHL": "63",
        "VNM": "84",
        "NGA": "234",
        "COL": "57",
    }.get(country, "44")
    return f"+{code}{rng.randrange(10**9, 10**10)}"
