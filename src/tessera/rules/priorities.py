"""Priority tiers under the active policy: facts per person, then the first tier met.

The policies themselves are data (``model.priorities``); this module computes the facts
their predicates read, from convictions and final orders only.
"""

from __future__ import annotations

import duckdb

from tessera.model.immigration import sql_list
from tessera.model.priorities import (
    AGGRAVATED_FAMILIES,
    AGGRAVATED_WITH_YEAR,
    DUI_CODES,
    FELONY_SENTENCE_DAYS,
    MINOR_TRAFFIC_FAMILY,
    POLICIES,
    SIGNIFICANT_FAMILIES,
    SIGNIFICANT_SENTENCE_DAYS,
    PriorityPolicy,
)

FACTS_TABLE = "rules_priority_facts"
PRIORITY_TABLE = "rules_priority"

_YEAR = "coalesce(sentence_days, 0)"
_MISDEMEANOUR = f"{_YEAR} <= {FELONY_SENTENCE_DAYS}"
_FACTS = f"""
CREATE OR REPLACE TABLE {FACTS_TABLE} AS
WITH convicted AS (
  SELECT entity_id, count(*) AS convictions,
    count(*) FILTER (WHERE family IN {sql_list(AGGRAVATED_FAMILIES)}
      OR (family IN {sql_list(AGGRAVATED_WITH_YEAR)} AND {_YEAR} >= {FELONY_SENTENCE_DAYS}))
      AS aggravated_felonies,
    count(*) FILTER (WHERE {_YEAR} > {FELONY_SENTENCE_DAYS}) AS felonies,
    count(*) FILTER (WHERE {_MISDEMEANOUR} AND (family IS DISTINCT FROM
      '{MINOR_TRAFFIC_FAMILY}' OR offense IN {sql_list(DUI_CODES)})) AS misdemeanours,
    count(*) FILTER (WHERE {_MISDEMEANOUR} AND (family IN {sql_list(SIGNIFICANT_FAMILIES)}
      OR offense IN {sql_list(DUI_CODES)} OR {_YEAR} >= {SIGNIFICANT_SENTENCE_DAYS}))
      AS significant_misdemeanours
  FROM status_dispositions WHERE disposition = 'CONVICTED' GROUP BY entity_id
), orders AS (
  SELECT entity_id, max(final_on) AS final_order_on FROM status_orders
  WHERE final_on IS NOT NULL GROUP BY entity_id
)
SELECT p.entity_id, coalesce(c.convictions, 0) AS convictions,
  coalesce(c.aggravated_felonies, 0) AS aggravated_felonies,
  coalesce(c.felonies, 0) AS felonies, coalesce(c.misdemeanours, 0) AS misdemeanours,
  coalesce(c.significant_misdemeanours, 0) AS significant_misdemeanours, o.final_order_on
FROM status_people p LEFT JOIN convicted c USING (entity_id) LEFT JOIN orders o USING (entity_id)
"""


class UnknownPolicyError(ValueError):
    pass


def policy_named(policy_id: str) -> PriorityPolicy:
    try:
        return POLICIES[policy_id]
    except KeyError:
        known = ", ".join(sorted(POLICIES))
        raise UnknownPolicyError(f"no priority policy {policy_id!r}; known: {known}") from None


def _text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _tier_sql(policy: PriorityPolicy) -> tuple[str, str]:
    """(tier, reason) CASE expressions: the first tier, and its first criterion, met."""
    tiers, reasons = [], []
    for tier in policy.tiers:
        for criterion in tier.criteria:
            tiers.append(f"WHEN {criterion.predicate} THEN {_text(tier.code)}")
            reasons.append(f"WHEN {criterion.predicate} THEN {_text(criterion.label)}")
    return f"CASE {' '.join(tiers)} END", f"CASE {' '.join(reasons)} END"


def assign_priorities(con: duckdb.DuckDBPyConnection, policy: PriorityPolicy) -> None:
    """``rules_priority(entity_id, tier, tier_reason)`` under ``policy``."""
    con.execute(_FACTS)
    tier, reason = _tier_sql(policy)
    con.execute(
        f"CREATE OR REPLACE TABLE {PRIORITY_TABLE} AS SELECT entity_id, {tier} AS tier, "
        f"{reason} AS tier_reason FROM {FACTS_TABLE}"
    )
