"""Identity resolution on the sample: every record in one person, no person holding
records that may never be one, the same ids on a second run, no Splink leftovers."""

from __future__ import annotations

import duckdb

from tessera.identity import assign_people, resolve
from tessera.identity.model import HOLDERS_DIFFER, NEVER_THE_SAME
from tests.identity.conftest import Resolved


def test_every_person_record_has_exactly_one_person(resolved_sample: Resolved) -> None:
    con = duckdb.connect(str(resolved_sample.workspace), read_only=True)
    counts = con.execute(
        "SELECT (SELECT count(*) FROM person_records), count(*), "
        "count(DISTINCT (feed, record_id)), count(DISTINCT entity_id) FROM record_entities"
    ).fetchone()
    con.close()
    assert counts is not None
    records, rows, distinct, people = counts
    assert records == rows == distinct == resolved_sample.resolution.records
    assert people == resolved_sample.resolution.people
    assert resolved_sample.model.is_file()


def test_no_person_holds_two_records_that_may_never_be_one(resolved_sample: Resolved) -> None:
    con = duckdb.connect(str(resolved_sample.workspace), read_only=True)
    people = (
        "WITH p AS (SELECT r.person_id, i.*, mode(i.dob) OVER (PARTITION BY r.person_id) "
        "AS usual_dob FROM person_registry r JOIN linkage_input i USING (unique_id)) "
    )
    hard = con.execute(
        f"{people} SELECT count(*) FROM p l JOIN p r ON l.person_id = r.person_id "
        f"AND l.unique_id < r.unique_id WHERE {HOLDERS_DIFFER}"
    ).fetchone()
    # Dates of birth are held by each person's usual date: two records may be two slips
    # apart when each is one slip from it (a few), but none conflicts with the usual date.
    dates = con.execute(
        f"{people} SELECT count(*) FILTER (WHERE l.dob = l.usual_dob OR r.dob = r.usual_dob), "
        "count(*) FROM p l JOIN p r ON l.person_id = r.person_id "
        f"AND l.unique_id < r.unique_id WHERE {NEVER_THE_SAME}"
    ).fetchone()
    fins = con.execute(
        "SELECT count(*) FROM (SELECT r.person_id FROM person_registry r JOIN linkage_input i "
        "USING (unique_id) GROUP BY r.person_id HAVING count(DISTINCT i.fin) > 1)"
    ).fetchone()
    chained = con.execute(
        "SELECT count(*) FROM scored_pairs WHERE NOT never_same AND match_probability >= 0.5"
    ).fetchone()
    con.close()
    assert hard == (0,) and fins == (0,)
    assert dates is not None and dates[0] == 0 and dates[1] < 50
    assert chained is not None and chained[0] > 1000  # there were ties to cluster


def test_splink_leaves_no_working_tables_behind(resolved_sample: Resolved) -> None:
    con = duckdb.connect(str(resolved_sample.workspace), read_only=True)
    left = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE '\\_\\_splink%' ESCAPE '\\'"
    ).fetchone()
    con.close()
    assert left == (0,)


def test_resolving_the_same_records_again_keeps_every_id(resolved_copy: Resolved) -> None:
    con = duckdb.connect(str(resolved_copy.workspace))
    before = dict(con.execute("SELECT unique_id, person_id FROM person_registry").fetchall())
    again = resolve(con)
    after = dict(con.execute("SELECT unique_id, person_id FROM person_registry").fetchall())
    reassigned = assign_people(con)
    con.close()
    assert after == before
    assert (again.assignment.naming.created, again.assignment.naming.redirects) == (0, ())
    assert reassigned.naming.kept == reassigned.people == again.people
