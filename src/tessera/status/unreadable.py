"""Rows that could not be read, and the people they may protect.

A quarantined row is not an absence: it is a record the system could not read. A benefits
row naming an asylum, T, U or naturalisation form, or no form that can be read, and not
marked denied or withdrawn, may be the very filing that protects a person. It is matched
to people by the identifiers its raw text carries, whatever the drop's column order:
their A-number, or their family name and date of birth. A matched person is treated as
protected. Such a row only ever withholds a finding; it is never evidence against anyone.

Unreadable rows are not read as possible departures: a stay's end is judged on the
records that could be read, as SPEC's answer keys judge it.
"""

from __future__ import annotations

from tessera.identity import ENTITIES_TABLE
from tessera.model.codes import BENEFIT_FORMS
from tessera.model.immigration import NATURALISATION_FORM, PROTECTION_FORMS
from tessera.status.movements import ENTITY, KEY
from tessera.status.tables import Source, Table

_FORMS = "[" + ", ".join(f"'{f}'" for f in (*PROTECTION_FORMS, NATURALISATION_FORM)) + "]"
_OTHER_FORMS = "[" + ", ".join(f"'{f}'" for f in BENEFIT_FORMS if f not in _FORMS) + "]"

_TOKENS = (
    "SELECT 'quarantine:' || q.feed || ':' || q.drop_id || ':' || q.line AS key, q.feed, "
    "list_transform(string_split(upper(q.raw_text), ','), lambda t: trim(t, ' \"')) AS tokens "
    "FROM quarantine q WHERE q.feed = '{feed}' AND (q.record_id IS NULL OR q.record_id "
    "NOT IN (SELECT record_id FROM src_{feed}))"
)

# A-numbers are written A012345678, 012345678 or 12345678: the canonical form is A + 9.
_A_NUMBERS = (
    "list_transform(list_filter(tokens, lambda t: regexp_full_match(t, 'A?[0-9]{7,9}')), "
    "lambda t: 'A' || lpad(ltrim(t, 'A'), 9, '0'))"
)
_US_DATES = (
    "list_filter(list_transform(tokens, lambda t: try_strptime(t, '%m/%d/%Y')::DATE), "
    "lambda d: d IS NOT NULL)"
)

# Matching is by equality on unnested tokens (hash joins): an A-number, or a family name
# and a date of birth both among the row's fields.
_PROTECTION = f"""
WITH rows AS (
  SELECT key, tokens, {_A_NUMBERS} AS a_numbers, {_US_DATES} AS dates
  FROM ({_TOKENS.format(feed="benefits")})
  WHERE (list_has_any(tokens, {_FORMS}) OR NOT list_has_any(tokens, {_OTHER_FORMS}))
    AND NOT list_has_any(tokens, ['DENIED', 'WITHDRAWN'])
), people AS (
  SELECT r.entity_id, p.a_number, p.family, p.dob FROM person_records p
  JOIN {ENTITIES_TABLE} r USING (feed, record_id)
), by_number AS (
  SELECT p.entity_id, q.key FROM (SELECT key, unnest(a_numbers) AS a_number FROM rows) q
  JOIN people p USING (a_number)
), by_name AS (
  SELECT p.entity_id, q.key FROM (
    SELECT key, family, dob FROM (SELECT key, unnest(tokens) AS family, dates FROM rows),
    unnest(dates) AS d(dob)) q
  JOIN people p USING (family, dob)
)
SELECT DISTINCT m.entity_id, m.key, 'PROTECTION' AS kind,
  'unreadable benefits row naming ' || coalesce(nullif(array_to_string(
    list_intersect(q.tokens, {_FORMS}), ', '), ''), 'no form it could read') AS detail
FROM (SELECT * FROM by_number UNION SELECT * FROM by_name) m JOIN rows q USING (key)
"""

UNREADABLE = Table(
    "status_unreadable",
    "Quarantined rows that may protect a person (kind PROTECTION).",
    (ENTITY, KEY, ("kind", "VARCHAR"), ("detail", "VARCHAR")),
    (Source(("quarantine", "src_benefits", "person_records"), _PROTECTION),),
)
