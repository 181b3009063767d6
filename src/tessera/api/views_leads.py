"""Leads as API schemas: the only place the service's lead types and the API's meet."""

from __future__ import annotations

from dataclasses import asdict

from tessera.api.schemas_leads import LeadDetailOut, LeadEventOut, LeadOut
from tessera.model.leads import verification_needed
from tessera.service.leads import Lead, LeadDetail, LeadEvent


def lead_out(lead: Lead) -> LeadOut:
    verification = verification_needed(lead.code, lead.role, lead.identity_check)
    return LeadOut(**asdict(lead), verification=list(verification))


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
