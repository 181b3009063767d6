"""Leads as API schemas: the only place the service's lead types and the API's meet."""

from __future__ import annotations

from tessera.api.schemas_leads import LeadDetailOut, LeadEventOut, LeadOut
from tessera.model.leads import Unit, verification_needed
from tessera.service.leads import Lead, LeadDetail, LeadEvent


def lead_out(lead: Lead) -> LeadOut:
    return LeadOut(
        lead_id=lead.lead_id,
        person_id=lead.person_id,
        code=lead.code,
        role=lead.role,
        unit=Unit(lead.unit),
        state=lead.state,
        severity=lead.severity,
        tier=lead.tier,
        confidence=lead.confidence,
        identity_check=lead.identity_check,
        subject_on=lead.subject_on,
        evidence=list(lead.evidence),
        detail=lead.detail,
        legal_basis=lead.legal_basis,
        rule_version=lead.rule_version,
        policy=lead.policy,
        finding_id=lead.finding_id,
        verification=list(verification_needed(lead.code, lead.role, lead.identity_check)),
        assignee=lead.assignee,
        disposition=lead.disposition,
        disposition_reason=lead.disposition_reason,
        referred_to=lead.referred_to,
        previous_lead_id=lead.previous_lead_id,
        opened_at=lead.opened_at,
        opened_in_run=lead.opened_in_run,
        closed_at=lead.closed_at,
        closed_by=lead.closed_by,
        updated_at=lead.updated_at,
    )


def event_out(event: LeadEvent) -> LeadEventOut:
    return LeadEventOut(
        event_id=event.event_id,
        kind=event.kind,
        at=event.at,
        actor=event.actor,
        text=event.text,
        run_id=event.run_id,
    )


def detail_out(detail: LeadDetail) -> LeadDetailOut:
    return LeadDetailOut(
        lead=lead_out(detail.lead),
        history=[event_out(e) for e in detail.history],
        unit_reason=detail.routing.why if detail.routing else None,
    )
