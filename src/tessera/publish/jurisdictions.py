"""Where each person's records were made, as jurisdiction codes (``security.jurisdiction``):
what a partner (287(g)) officer's need-to-know is judged on.

The records name places through the agencies and employers behind them:

- a wanted-person record's ORI, and a custody booking's ORI (the holding agency, which
  the custody system exports beside SPEC's columns): an NCIC ORI begins with the state;
- each criminal-history cycle's arresting agency (an ORI too);
- an I-9's worksite state.

Only the state can be read from these: an ORI's other characters are no county code a
partner's agreement names. A county-level grant therefore does not reach these records;
a state-level one does (erring toward showing a partner less).
"""

from __future__ import annotations

from collections.abc import Collection

from tessera.identity import ENTITIES_TABLE
from tessera.security.jurisdiction import us_states


def _of(feed: str, alias: str, code: str, table: str | None = None) -> str:
    source = table or f"src_{feed}"
    return (
        f"SELECT e.entity_id AS person_id, upper(substr({code}, 1, 2)) AS code "
        f"FROM {source} {alias} JOIN {ENTITIES_TABLE} e "
        f"ON e.feed = '{feed}' AND e.record_id = {alias}.record_id"
    )


SOURCES: dict[str, str] = {
    "src_wanted": _of("wanted", "w", "w.ori"),
    "src_custody": _of("custody", "c", "json_extract_string(c.extras, '$.ori')"),
    "src_criminal_history__cycles": _of(
        "criminal_history", "h", "h.agency", "src_criminal_history__cycles"
    ),
    "src_employment": _of("employment", "m", "m.worksite_state"),
}
"""Per workspace table, the codes its records give (first two letters: the state)."""


def jurisdictions_sql(present: Collection[str]) -> str:
    """``person_id, codes``: each person's sorted jurisdiction codes, from the tables
    among ``present`` (a drop may leave a feed out)."""
    arms = [sql for table, sql in SOURCES.items() if table in present]
    arms.append("SELECT NULL::VARCHAR AS person_id, NULL::VARCHAR AS code")
    states = ", ".join(f"'{s}'" for s in sorted(us_states()))
    return (
        "SELECT person_id, list_sort(list_distinct(list(code))) AS codes FROM ("
        + " UNION ALL ".join(arms)
        + f") WHERE code IN ({states}) GROUP BY person_id"
    )
