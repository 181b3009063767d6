"""Connected components of records, for SQL that hands over its edges as numbers.

DuckDB numbers the records and lists the edges between them; SciPy's
``connected_components`` labels them in one pass over a sparse matrix (ADR 0023).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
import numpy as np
from scipy.sparse import coo_array
from scipy.sparse.csgraph import connected_components

LABELS_VIEW = "_component_labels"
"""What ``component_labels`` registers: ``node`` (BIGINT), ``label`` (BIGINT)."""


@contextmanager
def component_labels(cur: duckdb.DuckDBPyConnection, edges_sql: str, nodes: int) -> Iterator[str]:
    """While open, ``_component_labels(node, label)`` on ``cur`` (its name is yielded):
    the component of each node ``0 .. nodes - 1`` under the edges of ``edges_sql``
    (columns ``l``, ``r``: node numbers)."""
    ends = cur.execute(edges_sql).fetchnumpy()
    graph = coo_array(
        (np.ones(len(ends["l"]), dtype=np.int8), (ends["l"], ends["r"])), shape=(nodes, nodes)
    )
    _, labels = connected_components(graph, directed=False)
    found = {"node": np.arange(nodes, dtype=np.int64), "label": labels.astype(np.int64)}
    cur.register(LABELS_VIEW, found)
    try:
        yield LABELS_VIEW
    finally:
        cur.unregister(LABELS_VIEW)
