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
    name_key,
    name_words,
    sound_key,
    with_year,
    word_keys,
)
from tessera.publish.records import records_sql
from tessera.status.tables import existing_tables as present_tables

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


def test_each_persons_keys_are_the_python_keys_of_their_records(
    workspace: duckdb.DuckDBPyConnection,
) -> None:
    common = 5  # low enough that the sample's common names get year keys too
    published = _published(workspace, common)
    words: dict[str, set[str]] = defaultdict(set)
    years: dict[str, set[int]] = defaultdict(set)
    rows = workspace.execute(
        "SELECT e.entity_id, p.name_tokens, p.dob_year FROM person_records p "
        "JOIN record_entities e USING (feed, record_id)"
    ).fetchall()
    for person, tokens, year in rows:
        words[person] |= set(tokens)
        if year is not None:
            years[person].add(int(year))
    expected: dict[str, set[str]] = {}
    for person, held in words.items():
        keys = [k for w in held for k in word_keys(w)]
        expected[person] = {name_key(k.key) for k in keys} | {sound_key(k.sound) for k in keys}
    postings: dict[str, int] = defaultdict(int)
    for keys in expected.values():
        for key in keys:
            postings[key] += 1
    for person, keys in expected.items():
        common_keys = {k for k in keys if postings[k] > common}
        keys -= common_keys  # a common key posts to its marker, and by year
        keys |= {with_year(k, y) for k in common_keys for y in years[person] or {None}}
        assert {k for k in published[person] if not k.startswith("id:")} == keys, person
    marked = {k for k, n in postings.items() if n > common}
    assert marked and published[COMMON_MARK] == marked
