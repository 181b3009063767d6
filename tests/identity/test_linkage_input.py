"""The linkage input's document facts: which uses of a passport came after its report."""

from __future__ import annotations

import duckdb

from tessera.feeds import DropLoad
from tessera.identity import build_person_records
from tessera.identity.linkage_input import INPUT_TABLE, build_linkage_input


def test_a_passport_use_is_dated_against_the_number_s_first_report(
    sample_workspace: tuple[duckdb.DuckDBPyConnection, DropLoad],
) -> None:
    con, _ = sample_workspace
    build_person_records(con)
    build_linkage_input(con)
    expected = con.execute(
        "SELECT p.feed || ':' || p.record_id, any_value(p.record_date) > min(s.reported_date) "
        "FROM person_records p JOIN src_lost_stolen s ON s.document_number = p.passport "
        "AND s.document_type = 'PASSPORT' GROUP BY p.feed, p.record_id"
    ).fetchall()
    got = dict(
        con.execute(
            f"SELECT unique_id, passport_after_report FROM {INPUT_TABLE} "
            "WHERE passport_after_report IS NOT NULL"
        ).fetchall()
    )
    assert got == {key: after for key, after in expected if after is not None}
    # The sample holds both: owners' uses before a report and later holders' after it.
    assert set(got.values()) == {True, False}


def test_without_a_lost_and_stolen_feed_no_use_is_dated(
    sample_workspace: tuple[duckdb.DuckDBPyConnection, DropLoad],
) -> None:
    con, _ = sample_workspace
    build_person_records(con)
    records = con.cursor().sql("SELECT * FROM person_records").to_arrow_table()
    alone = duckdb.connect()
    alone.execute("CREATE TABLE person_records AS SELECT * FROM records")
    rows = build_linkage_input(alone)
    dated = alone.execute(
        f"SELECT count(*) FROM {INPUT_TABLE} WHERE passport_after_report IS NOT NULL"
    ).fetchone()
    assert rows == records.num_rows and dated == (0,)
