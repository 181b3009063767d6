"""A query set for the search and status-query benchmarks, from a generated world's answer
key: people as a police officer would name them, with the slips officers and records make.

    python benchmarks/queryset.py build DROP_DIR --out queries.jsonl [--count 2000] [--seed 7]
    python benchmarks/queryset.py attach queries.jsonl --data-dir DATA_DIR

``build`` reads ``truth/people.csv`` and ``truth/links.csv`` and writes one JSON line per
query: the name and date of birth to ask with (noised), the noise applied, the true
person (``truth_person``) and the keys of the records the world made for them
(``records``: ``feed:record_id``). The pipeline assigns its own person ids, so ``attach``
then maps each query to the id that holds most of those records (``record_entities`` in
the workspace) as ``expected_person_id``: the person recall@10 looks for.

Names are upper-case ASCII, as an Nlets message carries them.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import string
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import duckdb
from anyascii import anyascii

NOISES = ("typo", "swapped_names", "dropped_second_surname", "wrong_dob")
"""Every kind of slip a query may carry (0, 1 or 2 of them)."""

CLEAN_SHARE = 0.3
"""Queries asked exactly as the records hold the person: the easy case must work too."""

TWO_SLIPS_SHARE = 0.2
"""Of the noised queries, those with two slips at once (a typo and a wrong date...)."""


@dataclass(frozen=True)
class Query:
    query_id: str
    given: str
    middle: str
    family: str
    dob: str
    sex: str
    birth_country: str
    truth_person: str
    noise: list[str] = field(default_factory=list)
    records: list[str] = field(default_factory=list)
    expected_person_id: str | None = None

    @property
    def name(self) -> str:
        """The whole name in reading order, as typed into a search box."""
        return " ".join(part for part in (self.given, self.middle, self.family) if part)


# --- the slips: pure functions of their input and a seeded random source ---------------


def ascii_upper(text: str) -> str:
    return " ".join(anyascii(text).upper().split())


def typo(word: str, rng: random.Random) -> str:
    """One keying slip inside ``word``: a letter replaced, dropped, doubled or swapped
    with its neighbour. Never the first letter (people rarely mistype the letter a name
    starts with) and never in a word too short to survive it."""
    if len(word) < 4:
        return word
    at = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("replace", "drop", "double", "swap"))
    if kind == "replace":
        other = rng.choice([c for c in string.ascii_uppercase if c != word[at]])
        return word[:at] + other + word[at + 1 :]
    if kind == "drop":
        return word[:at] + word[at + 1 :]
    if kind == "double":
        return word[: at + 1] + word[at:]
    if word[at] == word[at + 1]:  # swapping equal letters changes nothing: drop one
        return word[:at] + word[at + 1 :]
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


def typo_in_name(name: str, rng: random.Random) -> str:
    """A typo in the longest word of ``name`` (the one a slip is likeliest to hit)."""
    words = name.split()
    if not words:
        return name
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    words[longest] = typo(words[longest], rng)
    return " ".join(words)


def drop_second_surname(family: str) -> str | None:
    """``GARCIA LOPEZ`` -> ``GARCIA``: the maternal surname many systems leave out;
    ``None`` when the family name has one word."""
    words = family.split()
    return words[0] if len(words) > 1 else None


def swap_day_month(dob: dt.date) -> dt.date | None:
    """The US and most of the world write dates in opposite orders; ``None`` when the
    swap gives no other valid date."""
    if dob.day > 12 or dob.day == dob.month:
        return None
    return dob.replace(month=dob.day, day=dob.month)


def digit_off(dob: dt.date, rng: random.Random) -> dt.date:
    """One digit of the year, month or day off by one, as long as the date stays valid."""
    text = dob.strftime("%Y%m%d")
    positions = [2, 3, 5, 6, 7]  # decade, year, month units, day tens and units
    rng.shuffle(positions)
    for at in positions:
        for step in rng.sample((-1, 1), 2):
            digit = int(text[at]) + step
            if not 0 <= digit <= 9:
                continue
            candidate = text[:at] + str(digit) + text[at + 1 :]
            try:
                return dt.datetime.strptime(candidate, "%Y%m%d").date()
            except ValueError:
                continue
    return dob + dt.timedelta(days=1)  # unreachable for real dates; a slip all the same


def wrong_dob(dob: dt.date, rng: random.Random) -> dt.date:
    """One slip in a date of birth: day and month swapped when that reads as a date,
    otherwise (and half the time anyway) one digit off."""
    swapped = swap_day_month(dob)
    if swapped is not None and rng.random() < 0.5:
        return swapped
    return digit_off(dob, rng)


def apply_noise(query: Query, kind: str, rng: random.Random) -> Query:
    """``query`` with one slip of ``kind``; unchanged (and not labelled) if it cannot
    apply, e.g. dropping the second surname of a one-word family name."""
    if kind == "typo":
        if rng.random() < 0.6:
            changed = replace(query, family=typo_in_name(query.family, rng))
        else:
            changed = replace(query, given=typo_in_name(query.given, rng))
    elif kind == "swapped_names":
        changed = replace(query, given=query.family, family=query.given)
    elif kind == "dropped_second_surname":
        family = drop_second_surname(query.family)
        changed = query if family is None else replace(query, family=family)
    elif kind == "wrong_dob":
        dob = wrong_dob(dt.date.fromisoformat(query.dob), rng)
        changed = replace(query, dob=dob.isoformat())
    else:
        raise ValueError(f"unknown noise {kind!r}")
    if changed == query:
        return query
    return replace(changed, noise=[*query.noise, kind])


def noise_plan(rng: random.Random) -> list[str]:
    """Which slips one query gets: none, one, or two different ones."""
    if rng.random() < CLEAN_SHARE:
        return []
    count = 2 if rng.random() < TWO_SLIPS_SHARE else 1
    return rng.sample(NOISES, count)


# --- reading the answer key -----------------------------------------------------------


def clean_query(row: dict[str, str], query_id: str, records: list[str]) -> Query:
    # The name the person goes by now: the one an officer meets them under.
    given = row["later_given_name"] or row["given_name"]
    family = row["later_family_name"] or row["family_name"]
    return Query(
        query_id=query_id,
        given=ascii_upper(given),
        middle=ascii_upper(row["middle_name"]),
        family=ascii_upper(family),
        dob=row["dob"],
        sex=row["sex"],
        birth_country=row["birth_country"],
        truth_person=row["person_id"],
        records=records,
    )


def records_by_person(links: Path, wanted: set[str] | None = None) -> dict[str, list[str]]:
    """``feed:record_id`` of each person's records (only ``wanted`` people, if given)."""
    found: dict[str, list[str]] = {}
    with links.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if wanted is None or row["person_id"] in wanted:
                found.setdefault(row["person_id"], []).append(f"{row['feed']}:{row['record_id']}")
    return found


def linked_people(links: Path) -> set[str]:
    """Everyone with at least one record: the only people a search can find."""
    with links.open(newline="", encoding="utf-8") as handle:
        return {row["person_id"] for row in csv.DictReader(handle)}


def _people(path: Path) -> Iterator[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        yield from csv.DictReader(handle)


def build_queries(drop: Path, count: int, seed: int) -> list[Query]:
    """``count`` queries about people drawn at random (seeded) among those with records."""
    rng = random.Random(seed)
    truth = drop / "truth"
    linked = linked_people(truth / "links.csv")
    people = [row for row in _people(truth / "people.csv") if row["person_id"] in linked]
    chosen = rng.sample(people, min(count, len(people)))
    records = records_by_person(truth / "links.csv", {row["person_id"] for row in chosen})
    queries = []
    for i, row in enumerate(chosen, start=1):
        query = clean_query(row, f"Q{i:06d}", records[row["person_id"]])
        for kind in noise_plan(rng):
            query = apply_noise(query, kind, rng)
        queries.append(query)
    return queries


# --- mapping to the pipeline's person ids ----------------------------------------------


def majority_person(ids: Iterable[str]) -> str | None:
    """The person id holding most of a true person's records (ties: the smallest id)."""
    counts = Counter(ids)
    if not counts:
        return None
    return min(counts, key=lambda pid: (-counts[pid], pid))


def attach_expected(queries: list[Query], workspace: Path) -> list[Query]:
    """Each query with ``expected_person_id`` from the workspace's ``record_entities``."""
    keys = [(q.query_id, *r.split(":", 1)) for q in queries for r in q.records]
    con = duckdb.connect(str(workspace), read_only=True)
    try:
        con.execute("CREATE TEMP TABLE asked (query_id VARCHAR, feed VARCHAR, record_id VARCHAR)")
        con.executemany("INSERT INTO asked VALUES (?, ?, ?)", keys)
        rows = con.execute(
            "SELECT a.query_id, e.entity_id FROM asked a "
            "JOIN record_entities e USING (feed, record_id)"
        ).fetchall()
    finally:
        con.close()
    held: dict[str, list[str]] = {}
    for query_id, person_id in rows:
        held.setdefault(query_id, []).append(person_id)
    return [
        replace(q, expected_person_id=majority_person(held.get(q.query_id, []))) for q in queries
    ]


# --- files ------------------------------------------------------------------------------


def write_queries(queries: list[Query], path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for query in queries:
            handle.write(json.dumps({**asdict(query), "name": query.name}) + "\n")


def read_queries(path: Path) -> list[Query]:
    fields = set(Query.__dataclass_fields__)
    with path.open(encoding="utf-8") as handle:
        return [
            Query(**{k: v for k, v in json.loads(line).items() if k in fields})
            for line in handle
            if line.strip()
        ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="queries from a drop's answer key")
    build.add_argument("drop", type=Path)
    build.add_argument("--out", type=Path, required=True)
    build.add_argument("--count", type=int, default=2000)
    build.add_argument("--seed", type=int, default=7)
    attach = commands.add_parser("attach", help="add each query's expected person id")
    attach.add_argument("queries", type=Path)
    attach.add_argument("--data-dir", type=Path, required=True)
    args = parser.parse_args()
    if args.command == "build":
        write_queries(build_queries(args.drop, args.count, args.seed), args.out)
    else:
        queries = attach_expected(read_queries(args.queries), args.data_dir / "workspace.duckdb")
        write_queries(queries, args.queries)


if __name__ == "__main__":
    main()
