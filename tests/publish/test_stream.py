"""Rows read ahead on a thread: every row once and in order, errors raised to the reader,
and a reader that stops early leaves the connection free."""

from __future__ import annotations

import duckdb
import pytest

from tessera.publish.stream import batches


def test_every_row_arrives_once_in_order_in_batches() -> None:
    con = duckdb.connect()
    got = list(batches(con, "SELECT range AS n FROM range(10007) ORDER BY n", 1000))
    assert [len(b) for b in got] == [1000] * 10 + [7]
    assert [row[0] for b in got for row in b] == list(range(10007))


def test_an_error_reading_is_raised_to_the_writer() -> None:
    con = duckdb.connect()
    with pytest.raises(duckdb.CatalogException, match="no_such_table"):
        list(batches(con, "SELECT * FROM no_such_table", 10))


def test_stopping_early_frees_the_connection_for_the_next_query() -> None:
    con = duckdb.connect()
    rows = batches(con, "SELECT range FROM range(100000)", 10)
    assert len(next(rows)) == 10
    rows.close()
    assert con.execute("SELECT 42").fetchone() == (42,)
