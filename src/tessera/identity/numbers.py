"""Whose SSN is it: a number of one's own, or one in other hands too.

An SSN is a claim of one's own (SPEC: "may be used by more than one person (identity
theft)"). Where one component of the model's ties works on a number no other component
holds and also on a different number that another component holds, two citizenship
claims on two numbers meet in one person: a thief's borrowed number and a namesake's own
(a citizen's I-9s joined to a thief's records by name and date of birth), or, rarely, a
thief's made-up number beside the borrowed one. The records cannot say which, so such a
component is partitioned (``partition.py``), where the group on its own number stays
apart for an analyst rather than lend a noncitizen's findings to a possible citizen.
"""

from __future__ import annotations

import duckdb

from tessera.identity.linkage_input import INPUT_TABLE

HANDS_TABLE = "_ssn_hands"
"""``(cluster_id, unique_id, ssn, elsewhere)``: the SSN of each record of a component of
two or more records, and whether another component holds it too."""


def find_hands(cur: duckdb.DuckDBPyConnection, components: str) -> None:
    """Write ``HANDS_TABLE`` from ``components(unique_id, cluster_id)``."""
    cur.execute(
        f"CREATE OR REPLACE TEMP TABLE {HANDS_TABLE} AS "
        "WITH held AS (SELECT c.cluster_id, c.unique_id, i.ssn FROM "
        f"{components} c JOIN {INPUT_TABLE} i USING (unique_id) WHERE i.ssn IS NOT NULL), "
        "spread AS (SELECT ssn, count(DISTINCT cluster_id) > 1 AS elsewhere FROM held "
        "GROUP BY ssn), "
        f"multi AS (SELECT cluster_id FROM {components} GROUP BY cluster_id "
        "HAVING count(*) > 1) "
        "SELECT h.cluster_id, h.unique_id, h.ssn, s.elsewhere FROM held h "
        "JOIN spread s USING (ssn) SEMI JOIN multi m USING (cluster_id)"
    )


CLASHING_SQL = (
    f"SELECT DISTINCT o.cluster_id FROM {HANDS_TABLE} o JOIN {HANDS_TABLE} b "
    "ON o.cluster_id = b.cluster_id AND NOT o.elsewhere AND b.elsewhere "
    "AND damerau_levenshtein(o.ssn, b.ssn) > 1"
)
"""Components holding a number of their own and a different one in other hands."""
