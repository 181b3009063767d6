"""Status queries and enforcement requests, from the service's values to API schemas."""

from __future__ import annotations

from tessera.api.schemas_desk import (
    AutomaticAnswer,
    EnforcementIn,
    EnforcementOut,
    StatusQueryIn,
    StatusQueryOut,
)
from tessera.model.status_desk import Determination, EnforcementKind, ProbableCause
from tessera.service.enforcement import EnforcementAsk
from tessera.service.status_desk import StatusQueryRequest
from tessera.store.operational.status_desk import StoredEnforcementRequest, StoredStatusQuery


def query_request(body: StatusQueryIn) -> StatusQueryRequest:
    identifiers = {
        kind: value
        for kind, value in (
            ("a_number", body.a_number),
            ("fbi_number", body.fbi_number),
            ("state_id", body.state_id),
        )
        if value
    }
    return StatusQueryRequest(
        ori=body.ori,
        purpose_code=body.purpose_code,
        attention=body.attention,
        name=body.name,
        offence_code=body.offence_code,
        in_custody=body.in_custody,
        dob=body.dob,
        sex=body.sex,
        place_of_birth=body.place_of_birth,
        phone=body.phone,
        identifiers=identifiers,
        citizenship_claimed=body.citizenship_claimed,
    )


def query_out(query: StoredStatusQuery) -> StatusQueryOut:
    return StatusQueryOut(
        id=query.id,
        received_at=query.received_at,
        state=query.state,
        requires_verification=bool(query.verification_reasons),
        verification_reasons=list(query.verification_reasons),
        ori=query.ori,
        name=query.name,
        dob=query.dob,
        in_custody=query.in_custody,
        citizenship_claimed=query.citizenship_claimed,
        answer=AutomaticAnswer.model_validate(query.automatic_answer),
        person_id=query.person_id,
        determination=Determination(query.determination) if query.determination else None,
        response_text=query.response_text,
        completed_by=query.completed_by,
        completed_at=query.completed_at,
    )


def enforcement_ask(body: EnforcementIn) -> EnforcementAsk:
    return EnforcementAsk(
        person_id=body.person_id,
        kind=body.kind,
        probable_cause=body.probable_cause,
        facility=body.facility,
        justification=body.justification,
    )


def enforcement_out(request: StoredEnforcementRequest) -> EnforcementOut:
    return EnforcementOut(
        id=request.id,
        person_id=request.person_id,
        kind=EnforcementKind(request.kind),
        probable_cause=ProbableCause(request.probable_cause),
        facility=request.facility,
        justification=request.justification,
        requested_by=request.requested_by,
        requested_at=request.requested_at,
        state=request.state,
        approver_role=request.approver_role,
        decided_by=request.decided_by,
        decided_at=request.decided_at,
        decision_reason=request.decision_reason,
    )
