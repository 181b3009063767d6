"""``pub_statements``: every value a record gives about its person, with the record that
gives it and that record's date -- statements, not rows (followthemoney's model).

A dossier groups them by property and value, so that for each name, date of birth or
identifier it shows every system that says it. A criminal history's further names and
dates of birth and a referral list's aliases are statements of their record too.
"""

from __future__ import annotations

from collections.abc import Collection

from tessera.identity import ENTITIES_TABLE
from tessera.publish.records import RECORDS, dob_text

PROPERTIES = (
    "name",
    "dob",
    "sex",
    "nationality",
    "birth_country",
    "a_number",
    "fin",
    "fbi_number",
    "sevis_id",
    "ssn",
    "passport",
)
"""Properties every person record may carry (``identity.records.COMMON``), plus ``alias``."""


def _main() -> str:
    columns = ", ".join(
        f"{'name_text' if p == 'name' else 'dob_text' if p == 'dob' else p} AS {p}"
        for p in PROPERTIES
    )
    return (
        "SELECT person_id, property, value, source, recorded_on FROM (UNPIVOT ("
        f"SELECT person_id, source, recorded_on, {columns} FROM {RECORDS}) "
        f"ON {', '.join(PROPERTIES)} INTO NAME property VALUE value)"
    )


def _entity(feed: str, alias: str) -> str:
    return (
        f"JOIN {ENTITIES_TABLE} e ON e.feed = '{feed}' AND e.record_id = {alias}.record_id "
        f"JOIN {RECORDS} r ON r.feed = '{feed}' AND r.record_id = {alias}.record_id"
    )


EXTRA: dict[str, str] = {
    "src_criminal_history__names": (
        "SELECT e.entity_id, 'alias', coalesce(n.name_family || coalesce(', ' || "
        "nullif(concat_ws(' ', n.name_given, n.name_middle), ''), ''), n.name_full), "
        "r.source, r.recorded_on FROM src_criminal_history__names n "
        f"{_entity('criminal_history', 'n')} WHERE n.seq > 1"
    ),
    "src_criminal_history__dobs": (
        f"SELECT e.entity_id, 'dob', {dob_text('d')}, r.source, r.recorded_on "
        f"FROM src_criminal_history__dobs d {_entity('criminal_history', 'd')} "
        "WHERE d.seq > 1 AND d.dob_year IS NOT NULL"
    ),
    "src_watchlist": (
        "SELECT e.entity_id, 'alias', a.alias, r.source, r.recorded_on FROM src_watchlist w "
        f"{_entity('watchlist', 'w')}, unnest(w.aliases) AS a(alias) WHERE a.alias IS NOT NULL"
    ),
}
"""Statements beyond the person record's own columns, by the table they need."""


def statements_sql(publication_id: int, present: Collection[str]) -> str:
    """Every statement, by person (needs ``_pub_records``). A record states each of its
    own columns once; the further names and dates may repeat, and are made distinct."""
    extra = [f"({sql})" for table, sql in EXTRA.items() if table in present]
    further = (
        " UNION ALL SELECT DISTINCT * FROM (" + " UNION ALL ".join(extra) + ")" if extra else ""
    )
    return (
        f"SELECT {int(publication_id)} AS publication_id, person_id, property, value, "
        "source, strftime(recorded_on, '%Y-%m-%d') AS recorded_on FROM ("
        f"{_main()}{further}) AS s(person_id, property, value, source, recorded_on) "
        "WHERE value IS NOT NULL ORDER BY person_id"
    )
