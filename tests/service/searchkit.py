"""Noisy person searches built from a generated world's answer key: the name as an officer
would type it (given, middle, family; the name the person goes by now), with the slips
the search must survive -- a typo, given and family names swapped, the second surname
dropped, a wrong date of birth (day and month swapped, or one digit off)."""

from __future__ import annotations

import csv
import datetime as dt
import random
import string
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from anyascii import anyascii

SLIPS = ("typo", "swapped", "dropped_surname", "wrong_dob")


@dataclass(frozen=True)
class NoisyQuery:
    truth_person: str
    given: str
    middle: str
    family: str
    dob: str
    sex: str
    slips: tuple[str, ...]

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.given, self.middle, self.family) if p)


def _upper(text: str) -> str:
    return " ".join(anyascii(text).upper().split())


def typo(word: str, rng: random.Random) -> str:
    """One keying slip inside ``word`` (never its first letter)."""
    if len(word) < 4:
        return word
    at = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:at] + rng.choice(string.ascii_uppercase) + word[at + 1 :]
    if kind == 1:
        return word[:at] + word[at + 1 :]
    if kind == 2:
        return word[: at + 1] + word[at:]
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


def _typo_in(name: str, rng: random.Random) -> str:
    words = name.split()
    if not words:
        return name
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    words[longest] = typo(words[longest], rng)
    return " ".join(words)


def wrong_dob(dob: dt.date, rng: random.Random) -> dt.date:
    """Day and month swapped when that is another date, else one digit off by one."""
    if dob.day <= 12 and dob.day != dob.month and rng.random() < 0.5:
        return dob.replace(month=dob.day, day=dob.month)
    text = dob.strftime("%Y%m%d")
    for at in rng.sample([2, 3, 5, 6, 7], 5):
        for step in (-1, 1):
            digit = int(text[at]) + step
            try:
                if 0 <= digit <= 9:
                    changed = text[:at] + str(digit) + text[at + 1 :]
                    return dt.datetime.strptime(changed, "%Y%m%d").date()
            except ValueError:
                continue
    return dob + dt.timedelta(days=1)


def slipped(query: NoisyQuery, slip: str, rng: random.Random) -> NoisyQuery:
    given, family, dob = query.given, query.family, query.dob
    if slip == "typo":
        if rng.random() < 0.6:
            family = _typo_in(family, rng)
        else:
            given = _typo_in(given, rng)
    elif slip == "swapped":
        given, family = family, given
    elif slip == "dropped_surname" and len(family.split()) > 1:
        family = family.split()[0]
    elif slip == "wrong_dob":
        dob = wrong_dob(dt.date.fromisoformat(dob), rng).isoformat()
    return NoisyQuery(
        query.truth_person, given, query.middle, family, dob, query.sex, (*query.slips, slip)
    )


def records_of(truth: Path) -> dict[str, list[tuple[str, str]]]:
    """Each true person's records, ``(feed, record_id)``."""
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with (truth / "links.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            found[row["person_id"]].append((row["feed"], row["record_id"]))
    return found


def noisy_queries(truth: Path, count: int, seed: int) -> list[NoisyQuery]:
    """``count`` searches for people with records: a third clean, the rest with one slip
    or (one in five) two."""
    rng = random.Random(seed)
    linked = records_of(truth)
    with (truth / "people.csv").open(newline="", encoding="utf-8") as handle:
        people = [r for r in csv.DictReader(handle) if r["person_id"] in linked]
    queries = []
    for row in rng.sample(people, min(count, len(people))):
        query = NoisyQuery(
            row["person_id"],
            _upper(row["later_given_name"] or row["given_name"]),
            _upper(row["middle_name"]),
            _upper(row["later_family_name"] or row["family_name"]),
            row["dob"],
            row["sex"],
            (),
        )
        if rng.random() >= 1 / 3:
            for slip in rng.sample(SLIPS, 2 if rng.random() < 0.2 else 1):
                query = slipped(query, slip, rng)
        queries.append(query)
    return queries
