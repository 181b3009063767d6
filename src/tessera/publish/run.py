"""``publish_results``: the batch pipeline's results, from the workspace into the
operational store, as one new publication.

Rows are computed set-based in DuckDB (a few temporary tables, then one sorted query per
published table) and streamed in batches to the store, which writes them through the
backend's bulk path and switches publications atomically (``store.operational.published``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import duckdb
from sqlalchemy import Table

from tessera.identity.model import settings as declared_model
from tessera.publish import links, search_index, statements, status, stream
from tessera.publish.jurisdictions import jurisdictions_sql
from tessera.publish.keys import common_postings
from tessera.publish.people import people_sql
from tessera.publish.records import records_sql
from tessera.status import drop_as_of
from tessera.status.tables import existing_tables
from tessera.store.operational import OperationalStore
from tessera.store.operational.published_rows import Bulk
from tessera.store.operational.schema_published import (
    pub_findings,
    pub_link_levels,
    pub_links,
    pub_people,
    pub_periods,
    pub_redirects,
    pub_search_keys,
    pub_statements,
    pub_timeline,
)

BATCH = 50_000
"""Rows per batch: large enough for the bulk paths to run at speed, small enough that a
batch's transaction holds SQLite's write lock only briefly."""

REQUIRED = (
    "person_records",
    "record_entities",
    "status_people",
    "status_timeline",
    "status_periods",
    "findings",
    "rules_catalogue",
)
"""What a workspace must hold to be published: every stage has run on it."""

LINKED_ELSEWHERE = {
    "person_registry": "SELECT feed || ':' || record_id AS unique_id, entity_id AS person_id "
    "FROM record_entities",
    "person_redirects": "SELECT NULL::VARCHAR AS old_id, NULL::VARCHAR AS new_id, "
    "NULL::VARCHAR AS reason, NULL::TIMESTAMPTZ AS redirected_at WHERE false",
    "scored_pairs": "SELECT NULL::VARCHAR AS unique_id_l, NULL::VARCHAR AS unique_id_r, "
    "NULL::DOUBLE AS match_weight, NULL::DOUBLE AS match_probability, "
    "NULL::BOOLEAN AS never_same WHERE false",
}
"""Stand-ins (TEMP tables) for the identity stage's tables when the people were linked
elsewhere -- by the answer key in the benchmarks, by hand in tests: their records are
published with no ties to explain and no redirects."""


class NotPublishableError(RuntimeError):
    """The workspace lacks a stage's tables (the pipeline has not run through rules)."""


@dataclass(frozen=True)
class PublishReport:
    publication_id: int
    run_id: int | None
    counts: Mapping[str, int]
    """Rows published per table (``people``, ``statements``, ``timeline``...)."""
    seconds: float


def _prepare(con: duckdb.DuckDBPyConnection, present: set[str]) -> None:
    missing = [t for t in REQUIRED if t not in present]
    if missing:
        raise NotPublishableError(
            f"the workspace has no {', '.join(missing)}: run the whole pipeline "
            "(`tessera run DROP`) before publishing"
        )
    for table, stand_in in LINKED_ELSEWHERE.items():
        if table not in present:
            con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS {stand_in}")
    con.execute(records_sql("src_criminal_history__cycles" in present))
    search_index.build_word_tables(con)
    search_index.build_name_keys(con)
    links.build_ties(con)


def _plan(
    con: duckdb.DuckDBPyConnection, store: OperationalStore, present: set[str]
) -> list[tuple[Table, Callable[[int], str]]]:
    """Per published table (but the level labels), its SQL for a publication id."""
    places = jurisdictions_sql(present)
    filings, unreadable = "status_filings" in present, "status_unreadable" in present
    suffix = "+00:00" if store.engine.dialect.name == "postgresql" else ""
    people = con.execute("SELECT count(*) FROM status_people").fetchone()
    common = common_postings(int(people[0]) if people else 0)
    return [
        (pub_people, lambda p: people_sql(p, places, filings, unreadable)),
        (pub_statements, lambda p: statements.statements_sql(p, present)),
        (pub_timeline, status.timeline_sql),
        (pub_periods, status.periods_sql),
        (pub_findings, status.findings_sql),
        (pub_links, links.links_sql(con)),
        (pub_redirects, lambda p: status.redirects_sql(p, suffix)),
        (pub_search_keys, lambda p: search_index.search_keys_sql(p, common)),
    ]


def publish_results(
    con: duckdb.DuckDBPyConnection,
    store: OperationalStore,
    run_id: int | None,
    *,
    trained: Mapping[str, Any] | None = None,
) -> PublishReport:
    """Publish the workspace's people, statements, timelines, periods, findings, ties,
    redirects and search keys as the store's new current publication. ``trained`` is
    the linkage model whose level labels explain the ties (default: the declared one)."""
    started = time.perf_counter()
    present = existing_tables(con)
    model = trained if trained is not None else _declared()
    try:
        _prepare(con, present)
        plan = _plan(con, store, present)

        def tables(publication_id: int) -> Iterator[Bulk]:
            for table, sql in plan:
                rows = stream.batches(con, sql(publication_id), BATCH)
                yield Bulk(table.name, _columns(table), rows)
            levels = links.level_rows(publication_id, model)
            yield Bulk(pub_link_levels.name, _columns(pub_link_levels), levels)

        publication = store.published.replace(run_id, drop_as_of(con), tables)
    finally:
        _drop_temporary(con)
    return PublishReport(
        publication.id, run_id, dict(publication.counts), time.perf_counter() - started
    )


def _declared() -> dict[str, Any]:
    """The model as declared (its comparisons and level labels, untrained)."""
    declared: dict[str, Any] = declared_model().get_settings("duckdb").as_dict()  # type: ignore[no-untyped-call]
    return declared


def _drop_temporary(con: duckdb.DuckDBPyConnection) -> None:
    """The publication's working tables, gone (a million people's records in memory)."""
    found = con.execute(
        "SELECT table_name FROM duckdb_tables() "
        "WHERE temporary AND starts_with(table_name, '_pub_')"
    ).fetchall()
    for (name,) in found:
        con.execute(f'DROP TABLE IF EXISTS "{name}"')


def _columns(table: Table) -> tuple[str, ...]:
    return tuple(c.name for c in table.columns)
