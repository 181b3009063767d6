"""Stable person ids across runs: a persistent registry in the workspace.

Each run clusters records afresh; the registry decides which id each cluster carries:

- a cluster that shares records with exactly one old person, who shares records with no
  other cluster, keeps that person's id (new records joining, unrelated people changing:
  nothing moves) -- decided set-based, in SQL, for the great majority;
- where people merged or split, (cluster, old id) pairs are taken greedily, most shared
  records first, then the oldest id: on a merge the id with the most records survives
  (tie: the oldest); on a split the largest part keeps the id;
- an id that disappears is redirected to the person holding most of its records
  (``person_redirects``), and the records it held are remembered (``person_retired``);
  redirects chain, and a chain ends at a live person (or at nothing, if every record
  of the person left the workspace);
- a cluster still without an id takes back a retired id whose records it holds (a
  revoked merge, a borderline pair that parts again: the person gets their id back and
  the redirect is removed); only then are new ids issued, in order of first record.

An id is never given to records it did not hold: ``person_id_counter`` only grows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import duckdb

from tessera.identity.linkage_input import INPUT_TABLE
from tessera.identity.person_ids import person_id_sql
from tessera.identity.tables import (
    CLUSTERS_TABLE,
    COUNTER_TABLE,
    ENTITIES_TABLE,
    REDIRECTS_TABLE,
    REGISTRY_TABLE,
    RETIRED_TABLE,
)

_DDL = (
    f"CREATE TABLE IF NOT EXISTS {REGISTRY_TABLE} (unique_id VARCHAR, person_id VARCHAR)",
    f"CREATE TABLE IF NOT EXISTS {REDIRECTS_TABLE} (old_id VARCHAR PRIMARY KEY, "
    "new_id VARCHAR, reason VARCHAR NOT NULL, redirected_at TIMESTAMPTZ NOT NULL)",
    f"CREATE TABLE IF NOT EXISTS {RETIRED_TABLE} (person_id VARCHAR, unique_id VARCHAR)",
    f"CREATE TABLE IF NOT EXISTS {COUNTER_TABLE} (last_number BIGINT NOT NULL)",
)

MERGED = "merged"
WITHDRAWN = "records withdrawn"


@dataclass(frozen=True)
class Redirect:
    old_id: str
    new_id: str | None
    reason: str


@dataclass(frozen=True)
class Naming:
    """What one naming pass did."""

    people: int
    kept: int
    revived: tuple[str, ...]
    created: int
    redirects: tuple[Redirect, ...]


def ensure_registry(con: duckdb.DuckDBPyConnection) -> None:
    for ddl in _DDL:
        con.execute(ddl)
    if con.execute(f"SELECT count(*) FROM {COUNTER_TABLE}").fetchone() == (0,):
        con.execute(f"INSERT INTO {COUNTER_TABLE} VALUES (0)")


def _overlaps(con: duckdb.DuckDBPyConnection) -> None:
    """``_cluster_info`` (first record) and ``_overlap``: records each cluster shares with
    each old person, with how many old people / clusters each side touches."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _cluster_info AS SELECT cluster_key, "
        f"min(unique_id) AS first_uid FROM {CLUSTERS_TABLE} GROUP BY cluster_key"
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _overlap AS SELECT *, "
        "count(*) OVER (PARTITION BY cluster_key) AS old_ids, "
        "count(*) OVER (PARTITION BY person_id) AS clusters FROM ("
        f"SELECT c.cluster_key, r.person_id, count(*) AS shared FROM {CLUSTERS_TABLE} c "
        f"JOIN {REGISTRY_TABLE} r USING (unique_id) GROUP BY ALL)"
    )


def _greedy(rows: list[tuple[Any, ...]]) -> tuple[dict[str, str], dict[str, str]]:
    """Over (cluster, id, shared records, cluster's first record): most shared first, then
    the oldest id; each cluster takes one id and each id goes to one cluster. Returns the
    cluster -> id taken, and each id's best cluster (where most of its records are)."""
    ranked = sorted(
        ((str(c), str(i), int(n), str(f)) for c, i, n, f in rows),
        key=lambda r: (-r[2], len(r[1]), r[1], r[3]),
    )
    taken: dict[str, str] = {}
    used: set[str] = set()
    best: dict[str, str] = {}
    for cluster, person_id, _, _ in ranked:
        best.setdefault(person_id, cluster)
        if cluster not in taken and person_id not in used:
            taken[cluster] = person_id
            used.add(person_id)
    return taken, best


def _add_named(con: duckdb.DuckDBPyConnection, named: dict[str, str]) -> None:
    con.execute(
        "INSERT INTO _named SELECT unnest($1::VARCHAR[]), unnest($2::VARCHAR[])",
        [list(named), list(named.values())],
    )


def _keep_old(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """``_named``: clusters that keep a live id; return each lost id with its best cluster."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _named AS SELECT cluster_key, person_id FROM _overlap "
        "WHERE old_ids = 1 AND clusters = 1"
    )
    contested = con.execute(
        "SELECT o.cluster_key, o.person_id, o.shared, i.first_uid FROM _overlap o "
        "JOIN _cluster_info i USING (cluster_key) WHERE o.old_ids > 1 OR o.clusters > 1"
    ).fetchall()
    taken, best = _greedy(contested)
    _add_named(con, taken)
    kept = set(taken.values())
    return [(person_id, cluster) for person_id, cluster in best.items() if person_id not in kept]


def _unnamed(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _unnamed AS SELECT cluster_key, first_uid FROM _cluster_info "
        "WHERE cluster_key NOT IN (SELECT cluster_key FROM _named)"
    )


def _revive(con: duckdb.DuckDBPyConnection) -> tuple[str, ...]:
    """Clusters without an id take back retired ids whose records they hold."""
    _unnamed(con)
    candidates = con.execute(
        "SELECT u.cluster_key, t.person_id, count(*), u.first_uid FROM _unnamed u "
        f"JOIN {CLUSTERS_TABLE} c USING (cluster_key) JOIN {RETIRED_TABLE} t USING (unique_id) "
        "GROUP BY ALL"
    ).fetchall()
    taken, _ = _greedy(candidates)
    _add_named(con, taken)
    revived = sorted(taken.values())
    for table, column in ((REDIRECTS_TABLE, "old_id"), (RETIRED_TABLE, "person_id")):
        con.execute(
            f"DELETE FROM {table} WHERE {column} IN (SELECT unnest($1::VARCHAR[]))", [revived]
        )
    return tuple(revived)


def _name_new(con: duckdb.DuckDBPyConnection) -> int:
    """Issue new ids, numbered on from the counter, to the clusters still without one."""
    _unnamed(con)
    last = con.execute(f"SELECT last_number FROM {COUNTER_TABLE}").fetchone()
    start = int(last[0]) if last else 0
    con.execute(
        f"INSERT INTO _named SELECT cluster_key, {person_id_sql('number')} FROM ("
        f"SELECT cluster_key, {start} + row_number() OVER (ORDER BY first_uid) AS number "
        "FROM _unnamed)"
    )
    row = con.execute("SELECT count(*) FROM _unnamed").fetchone()
    fresh = int(row[0]) if row else 0
    con.execute(f"UPDATE {COUNTER_TABLE} SET last_number = last_number + {fresh}")
    return fresh


def _retire(
    con: duckdb.DuckDBPyConnection, lost: list[tuple[str, str]], at: dt.datetime
) -> list[Redirect]:
    """Redirect every id that disappears, and remember the records it held."""
    rows = con.execute(
        "SELECT cluster_key, person_id FROM _named WHERE cluster_key IN "
        "(SELECT unnest($1::VARCHAR[]))",
        [[cluster for _, cluster in lost]],
    ).fetchall()
    named = {str(cluster): str(person_id) for cluster, person_id in rows}
    redirects = [Redirect(old_id, named[cluster], MERGED) for old_id, cluster in lost]
    withdrawn = con.execute(
        f"SELECT DISTINCT person_id FROM {REGISTRY_TABLE} "
        "WHERE person_id NOT IN (SELECT person_id FROM _overlap) ORDER BY 1"
    ).fetchall()
    redirects += [Redirect(str(old_id), None, WITHDRAWN) for (old_id,) in withdrawn]
    for r in redirects:
        con.execute(
            f"INSERT INTO {REDIRECTS_TABLE} VALUES (?, ?, ?, ?)",
            [r.old_id, r.new_id, r.reason, at],
        )
    con.execute(
        f"INSERT INTO {RETIRED_TABLE} SELECT person_id, unique_id FROM {REGISTRY_TABLE} "
        "WHERE person_id IN (SELECT unnest($1::VARCHAR[]))",
        [[r.old_id for r in redirects]],
    )
    return sorted(redirects, key=lambda r: r.old_id)


def _rewrite(con: duckdb.DuckDBPyConnection) -> int:
    con.execute(
        f"CREATE OR REPLACE TABLE {REGISTRY_TABLE} AS SELECT c.unique_id, n.person_id "
        f"FROM {CLUSTERS_TABLE} c JOIN _named n USING (cluster_key)"
    )
    con.execute(
        f"CREATE OR REPLACE TABLE {ENTITIES_TABLE} AS SELECT i.feed, i.record_id, "
        f"r.person_id AS entity_id FROM {REGISTRY_TABLE} r JOIN {INPUT_TABLE} i USING (unique_id)"
    )
    people = con.execute("SELECT count(*) FROM _named").fetchone()
    return int(people[0]) if people else 0


def name_people(con: duckdb.DuckDBPyConnection, at: dt.datetime) -> Naming:
    """Give every cluster of ``person_clusters`` its person id; rewrite the registry and
    ``record_entities`` in one transaction."""
    ensure_registry(con)
    con.execute("BEGIN TRANSACTION")
    try:
        _overlaps(con)
        lost = _keep_old(con)
        revived = _revive(con)
        created = _name_new(con)
        redirects = _retire(con, lost, at)
        people = _rewrite(con)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    kept = people - created - len(revived)
    return Naming(people, kept, revived, created, tuple(redirects))
