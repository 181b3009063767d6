"""Every stored person record, in the one shape identity resolution reads."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb

from tessera.feeds import DropLoad
from tessera.identity import PERSON_FEEDS, build_person_records


def test_every_stored_person_record_is_there_once(
    sample_drop: Path, sample_workspace: tuple[duckdb.DuckDBPyConnection, DropLoad]
) -> None:
    con, _ = sample_workspace
    build_person_records(con)
    with (sample_drop / "truth" / "links.csv").open() as handle:
        links = {(r["feed"], r["record_id"]) for r in csv.DictReader(handle)}
    with (sample_drop / "truth" / "broken_rows.csv").open() as handle:
        broken = {(r["feed"], r["record_id"]) for r in csv.DictReader(handle)}
    got = con.execute("SELECT feed, record_id FROM person_records").fetchall()
    assert len(got) == len(set(got))
    assert set(got) == links - broken
    assert {feed for feed, _ in got} == set(PERSON_FEEDS)


def test_records_carry_names_dates_and_canonical_identifiers(
    sample_workspace: tuple[duckdb.DuckDBPyConnection, DropLoad],
) -> None:
    con, _ = sample_workspace
    build_person_records(con)
    no_tokens = con.execute(
        "SELECT count(*) FROM person_records WHERE len(name_tokens) = 0 OR name_tokens IS NULL"
    ).fetchone()
    assert no_tokens == (0,)
    bad_ids = con.execute(
        "SELECT count(*) FROM person_records "
        "WHERE NOT regexp_full_match(a_number, 'A\\d{9}') "
        "OR NOT regexp_full_match(fin, 'FIN\\d{10}') "
        "OR NOT regexp_full_match(ssn, '9\\d{2}-\\d{2}-\\d{4}')"
    ).fetchone()
    assert bad_ids == (0,)
    ch = con.execute(
        "SELECT count(*) FROM person_records WHERE feed = 'criminal_history' "
        "AND fbi_number = record_id AND dob_year IS NOT NULL"
    ).fetchone()
    total = con.execute(
        "SELECT count(DISTINCT record_id) FROM src_criminal_history__dobs WHERE seq = 1"
    ).fetchone()
    assert ch == total
