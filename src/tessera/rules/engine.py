"""The rule engine: propose, score, prioritise, then protect and publish.

Each rule in effect on the drop's date proposes findings into ``rules_candidates``
(one SQL statement per rule, set-based over every person at once). Confidence and
priority are attached, and ``protections.publish`` writes ``findings``: the only way a
proposal becomes a finding.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from tessera.model.priorities import DEFAULT_POLICY
from tessera.rules.attachment import build_attachment
from tessera.rules.catalogue import RULES
from tessera.rules.confidence import CONFIDENCE_TABLE, score_candidates
from tessera.rules.lawful import build_no_lawful_status
from tessera.rules.priorities import PRIORITY_TABLE, assign_priorities, policy_named
from tessera.rules.protections import FINDINGS_TABLE, Withheld, publish
from tessera.rules.rule import Rule
from tessera.status import drop_as_of
from tessera.status.tables import date_literal

CANDIDATES = "rules_candidates"
READY = "rules_ready"
CATALOGUE = "rules_catalogue"


@dataclass(frozen=True)
class RulesRun:
    as_of: dt.date
    policy: str
    rules: tuple[str, ...]
    """``CODE v<version>`` of every rule that ran (those in effect on ``as_of``)."""
    proposed: int
    findings: dict[str, int]
    withheld: tuple[Withheld, ...]


def run_rules(
    con: duckdb.DuckDBPyConnection,
    as_of: dt.date | None = None,
    policy_id: str = DEFAULT_POLICY,
    rules: Sequence[Rule] = RULES,
) -> RulesRun:
    """Judge every person of the status tables as of ``as_of`` (default: the drop's)."""
    day = as_of or drop_as_of(con)
    policy = policy_named(policy_id)
    active = [r for r in rules if r.in_effect(day)]
    _write_catalogue(con, rules, day)
    build_no_lawful_status(con, date_literal(day))
    proposed = _propose(con, active, day)
    build_attachment(con, CANDIDATES)
    score_candidates(con, CANDIDATES)
    assign_priorities(con, policy)
    con.execute(
        f"CREATE OR REPLACE TABLE {READY} AS SELECT c.*, k.severity, "
        "coalesce(f.confidence, 1.0) AS confidence, k.version AS rule_version, "
        "k.legal_basis, k.when_unknown, p.tier, p.tier_reason, "
        f"'{policy.id}' AS policy, {date_literal(day)} AS as_of "
        f"FROM {CANDIDATES} c JOIN {CATALOGUE} k USING (code) "
        f"LEFT JOIN {CONFIDENCE_TABLE} f USING (cid) LEFT JOIN {PRIORITY_TABLE} p USING (entity_id)"
    )
    withheld = publish(con, READY)
    counts = con.execute(f"SELECT code, count(*) FROM {FINDINGS_TABLE} GROUP BY ALL").fetchall()
    return RulesRun(
        day,
        policy.id,
        tuple(f"{r.code} v{r.version}" for r in active),
        proposed,
        {str(c): int(n) for c, n in counts},
        tuple(withheld),
    )


def _write_catalogue(con: duckdb.DuckDBPyConnection, rules: Sequence[Rule], day: dt.date) -> None:
    con.execute(
        f"CREATE OR REPLACE TABLE {CATALOGUE} (code VARCHAR, version VARCHAR, title VARCHAR, "
        "legal_basis VARCHAR, effective_from DATE, effective_to DATE, severity VARCHAR, "
        "when_unknown VARCHAR, in_effect BOOLEAN)"
    )
    con.executemany(
        f"INSERT INTO {CATALOGUE} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                r.code,
                r.version,
                r.title,
                r.basis,
                r.effective_from,
                r.effective_to,
                r.severity.value,
                r.when_unknown.value,
                r.in_effect(day),
            )
            for r in rules
        ],
    )


def _propose(con: duckdb.DuckDBPyConnection, rules: Sequence[Rule], day: dt.date) -> int:
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _proposals (code VARCHAR, entity_id VARCHAR, "
        "subject_on DATE, evidence VARCHAR[], detail VARCHAR, role VARCHAR DEFAULT 'SUBJECT')"
    )
    for rule in rules:
        query = rule.query.replace("{as_of}", date_literal(day))
        con.execute(
            f"INSERT INTO _proposals BY NAME SELECT '{rule.code}' AS code, * FROM ({query})"
        )
    con.execute(
        f"CREATE OR REPLACE TABLE {CANDIDATES} AS SELECT row_number() OVER "
        "(ORDER BY code, entity_id, subject_on, evidence) AS cid, * FROM _proposals"
    )
    row = con.execute(f"SELECT count(*) FROM {CANDIDATES}").fetchone()
    return int(row[0]) if row else 0
