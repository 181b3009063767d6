"""Publishing the workspace into the operational store: the pipeline's last stage, and
again whenever the workspace is judged anew (``findings.assess``)."""

from __future__ import annotations

import duckdb

from tessera.model.leads import LeadSource
from tessera.publish import PublishReport, publish_results
from tessera.rules.query import FindingFilter, select_findings
from tessera.service.identity import trained_model
from tessera.service.leads import sync_leads
from tessera.service.operational import operational_store
from tessera.service.people import facts_for
from tessera.settings import Settings
from tessera.status.tables import existing_tables


def publish_workspace(
    settings: Settings, con: duckdb.DuckDBPyConnection, run_id: int | None = None
) -> PublishReport:
    """Publish what the workspace holds now; ``run_id`` is the ingest run it came from
    (default: the latest that succeeded)."""
    with operational_store(settings) as store:
        if run_id is None:
            run_id = next((r.id for r in store.ingest_runs() if r.status == "succeeded"), None)
        report = publish_results(con, store, run_id, trained=trained_model(settings))
        sources = lead_sources(con)
        facts = facts_for(store, (s.person_id for s in sources))
        sync_leads(store, sources, redirects(con), run_id, facts=facts)
        return report


def lead_sources(con: duckdb.DuckDBPyConnection) -> list[LeadSource]:
    """Every current finding, as the lead workflow takes it."""
    return [
        LeadSource(
            finding_id=f.finding_id,
            person_id=f.entity_id,
            code=f.code,
            role=f.role,
            severity=f.severity,
            confidence=f.confidence,
            identity_check=f.identity_check,
            subject_on=f.subject_on,
            evidence=f.evidence,
            detail=f.detail,
            rule_version=f.rule_version,
            legal_basis=f.legal_basis,
            tier=f.tier,
            policy=f.policy,
        )
        for f in select_findings(con, FindingFilter())
    ]


def redirects(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Person ids that were merged or split into another (withdrawn ones have none: their
    findings are gone, so their leads close on their own)."""
    if "person_redirects" not in existing_tables(con):
        return {}
    rows = con.execute(
        "SELECT old_id, new_id FROM person_redirects WHERE new_id IS NOT NULL"
    ).fetchall()
    return {str(old): str(new) for old, new in rows}
