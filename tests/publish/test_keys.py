"""The search keys a query computes in Python are the keys the publication computed in SQL:
names normalised as the feeds normalise them, words keyed by the same functions, year
keys spelt alike."""

from __future__ import annotations

from collections import defaultdict

import duckdb
import pytest

from tessera.publish import search_index
from tessera.publish.keys import (
    COMMON_MARK,
    date_key,
    name_key,
    name_words,
    pair_key,
    sound_key,
    with_year,
    word_keys,
)
from tessera.publish.records import records_sql
from tessera.status.tables import existing_tables as present_tables

Day = tuple[int, int, int]

SINGLE_NAME = (
    "src_custody",
    "src_wanted",
    "src_court",
    "src_registrations",
    "src_watchlist",
    "src_removals",
    "src_criminal_history__names",
)
SPLIT_NAME = {
    "src_arrivals": ("family_name", "given_names"),
    "src_benefits": ("family_name", "given_name"),
    "src_employment": ("employee_family_name", "employee_given_name"),
    "src_students": ("surname", "given_name"),
}


@pytest.mark.parametrize("table", SINGLE_NAME)
def test_python_reads_a_name_as_the_feeds_store_it(
    workspace: duckdb.DuckDBPyConnection, table: str
) -> None:
    rows = workspace.execute(f"SELECT name_raw, name_tokens FROM {table}").fetchall()
    assert rows
    for raw, tokens in rows:
        assert name_words(raw or "") == list(tokens or []), raw


@pytest.mark.parametrize(("table", "parts"), SPLIT_NAME.items())
def test_python_reads_name_parts_as_the_feeds_store_them(
    workspace: duckdb.DuckDBPyConnection, table: str, parts: tuple[str, str]
) -> None:
    columns = ", ".join(f"{p}_raw, {p}" for p in parts)
    for row in workspace.execute(f"SELECT {columns} FROM {table}").fetchall():
        for raw, stored in zip(row[::2], row[1::2], strict=True):
            assert (" ".join(name_words(raw or "")) or None) == stored, raw


def _published(con: duckdb.DuckDBPyConnection, common: int) -> dict[str, set[str]]:
    con.execute(records_sql("src_criminal_history__cycles" in present_tables(con)))
    search_index.build_word_tables(con)
    search_index.build_name_keys(con)
    found: dict[str, set[str]] = defaultdict(set)
    for _pid, key, person in con.execute(search_index.search_keys_sql(1, common)).fetchall():
        found[str(person)].add(str(key))
    return found


def _held(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[set[str], set[int], set[Day]]]:
    """Per person: the name words, years and full dates of birth of their records."""
    held: dict[str, tuple[set[str], set[int], set[Day]]] = defaultdict(
        lambda: (set(), set(), set())
    )
    rows = con.execute(
        "SELECT e.entity_id, p.name_tokens, p.dob_year, p.dob_month, p.dob_day "
        "FROM person_records p JOIN record_entities e USING (feed, record_id)"
    ).fetchall()
    for person, tokens, year, month, day in rows:
        words, years, days = held[person]
        words |= set(tokens)
        if year is not None:
            years.add(int(year))
            if month is not None and day is not None:
                days.add((int(year), int(month), int(day)))
    return held


def _expected(
    held: dict[str, tuple[set[str], set[int], set[Day]]], common: int
) -> tuple[dict[str, set[str]], set[str]]:
    """The keys ``keys.py`` gives each person, and the common ones (posting to a marker)."""
    base: dict[str, set[str]] = {}
    for person, (words, _years, _days) in held.items():
        keys = [k for w in words for k in word_keys(w)]
        base[person] = {name_key(k.key) for k in keys} | {sound_key(k.sound) for k in keys}
    postings: dict[str, int] = defaultdict(int)
    for keys in base.values():
        for key in keys:
            postings[key] += 1
    marked = {k for k, n in postings.items() if n > common}
    expected = {}
    for person, keys in base.items():
        _words, years, days = held[person]
        common_keys = keys & marked
        names = sorted(k[2:] for k in common_keys if k.startswith("n:"))
        narrower = {with_year(k, y) for k in common_keys for y in years or {None}}
        narrower |= {date_key(n, *day) for n in names for day in days}
        narrower |= {pair_key(a, b) for i, a in enumerate(names) for b in names[i + 1 :]}
        expected[person] = (keys - marked) | narrower
    by_year: dict[str, int] = defaultdict(int)
    for keys in expected.values():
        for key in keys:
            by_year[key] += "y:" in key
    crowded = {k for k, n in by_year.items() if n > common}  # year keys marked in turn
    return {p: keys - crowded for p, keys in expected.items()}, marked | crowded


def test_each_persons_keys_are_the_python_keys_of_their_records(
    workspace: duckdb.DuckDBPyConnection,
) -> None:
    common = 5  # low enough that the sample's common names get year, date and pair keys
    published = _published(workspace, common)
    expected, marked = _expected(_held(workspace), common)
    for person, keys in expected.items():
        assert {k for k in published[person] if not k.startswith("id:")} == keys, person
    assert marked and published[COMMON_MARK] == marked
    kinds = {k.split(":", 1)[0] for ks in published.values() for k in ks}
    assert kinds == {"n", "s", "ny", "sy", "nd", "np", "id"}
