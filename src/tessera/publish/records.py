"""``_pub_records``: every person record with its person, its name and date of birth as
text and its date, once, for the published tables drawn from records (people,
statements, search keys)."""

from __future__ import annotations

from tessera.identity import ENTITIES_TABLE

RECORDS = "_pub_records"

_DOB_TEXT = (
    "CASE WHEN p.dob_year IS NULL THEN NULL ELSE "
    "lpad(CAST(p.dob_year AS VARCHAR), 4, '0') || '-' || "
    "coalesce(lpad(CAST(p.dob_month AS VARCHAR), 2, '0'), '??') || '-' || "
    "coalesce(lpad(CAST(p.dob_day AS VARCHAR), 2, '0'), '??') END"
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
        f"AS recorded_on, {_NAME_TEXT} AS name_text, {_DOB_TEXT} AS dob_text "
        f"FROM person_records p JOIN {ENTITIES_TABLE} e USING (feed, record_id) "
        f"LEFT JOIN {first_arrest} c ON c.record_id = p.record_id"
    )
