"""``_pub_records``: every person record with its person, its name and date of birth as
text and its date, once, for the published tables drawn from records (people,
statements, search keys)."""

from __future__ import annotations

from tessera.identity import ENTITIES_TABLE

RECORDS = "_pub_records"


def dob_text(alias: str) -> str:
    """``alias``'s date of birth as text, ``YYYY-MM-DD`` with unknown parts ``??``
    (NULL without a year)."""
    return (
        f"CASE WHEN {alias}.dob_year IS NULL THEN NULL ELSE "
        f"lpad(CAST({alias}.dob_year AS VARCHAR), 4, '0') || '-' || "
        f"coalesce(lpad(CAST({alias}.dob_month AS VARCHAR), 2, '0'), '??') || '-' || "
        f"coalesce(lpad(CAST({alias}.dob_day AS VARCHAR), 2, '0'), '??') END"
    )


_NAME_TEXT = (
    "CASE WHEN p.family IS NOT NULL THEN p.family || "
    "coalesce(', ' || nullif(concat_ws(' ', p.given, p.middle), ''), '') "
    "ELSE array_to_string(p.name_tokens, ' ') END"
)


def records_sql(criminal_cycles: bool) -> str:
    """``_pub_records``; a criminal history is dated by its first arrest when the cycles
    were ingested (the record itself carries no date)."""
    first_arrest = (
        "(SELECT record_id, min(arrest_date) AS first_arrest FROM src_criminal_history__cycles "
        "GROUP BY record_id)"
        if criminal_cycles
        else "(SELECT NULL::VARCHAR AS record_id, NULL::DATE AS first_arrest)"
    )
    return (
        f"CREATE OR REPLACE TEMP TABLE {RECORDS} AS SELECT e.entity_id AS person_id, p.*, "
        "p.feed || ':' || p.record_id AS source, "
        "coalesce(p.record_date, CASE WHEN p.feed = 'criminal_history' THEN c.first_arrest END) "
        f"AS recorded_on, {_NAME_TEXT} AS name_text, {dob_text('p')} AS dob_text "
        f"FROM person_records p JOIN {ENTITIES_TABLE} e USING (feed, record_id) "
        f"LEFT JOIN {first_arrest} c ON c.record_id = p.record_id"
    )
