"""The lead workflow over HTTP: ``GET /leads`` (a unit's queue), ``GET /leads/{id}``
(a lead and its history), and assignment, notes and dispositions. Thin: every decision
is the service's (``tessera.service.leads``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, status

from tessera.api.deps import CurrentUser, StatedPurpose, StoreDep, current_principal
from tessera.api.errors import ERROR_RESPONSES, INVALID, NOT_FOUND, PURPOSE_RESPONSES
from tessera.api.schemas import Problem
from tessera.api.schemas_leads import (
    AssignIn,
    DispositionIn,
    LeadDetailOut,
    LeadEventOut,
    LeadOut,
    NoteIn,
)
from tessera.api.views_leads import detail_out, event_out, lead_out
from tessera.model.leads import Disposition, LeadQuery, LeadState, Unit
from tessera.service.leads import (
    MAX_PAGE,
    Facts,
    add_note,
    assign_lead,
    dispose_lead,
    lead_detail,
    lead_queue,
    published_facts,
)

router = APIRouter(tags=["leads"], dependencies=[Depends(current_principal)])
RESPONSES: dict[int | str, dict[str, object]] = {
    **ERROR_RESPONSES,
    **PURPOSE_RESPONSES,
    **NOT_FOUND,
    **INVALID,
    409: {"model": Problem, "description": "The lead is closed: a closed lead is locked"},
}
LeadId = Annotated[int, Path(ge=1, le=2**31 - 1)]
Codes = Annotated[list[str] | None, Query(max_length=20)]


def person_facts(store: StoreDep) -> Facts:
    """What the policy knows of a lead's person (the published people)."""
    return published_facts(store)


PersonFacts = Annotated[Facts, Depends(person_facts)]


@router.get("/leads", responses=RESPONSES)
def queue(
    user: CurrentUser,
    purpose: StatedPurpose,
    store: StoreDep,
    facts: PersonFacts,
    unit: Annotated[list[Unit] | None, Query()] = None,
    state: Annotated[
        list[LeadState] | None, Query(description="Default: open and assigned")
    ] = None,
    assignee: Annotated[str | None, Query(max_length=64)] = None,
    code: Codes = None,
    severity: Codes = None,
    tier: Codes = None,
    person: Annotated[str | None, Query(max_length=32)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[LeadOut]:
    """Leads matching every filter given, most severe first, then by priority tier, then
    oldest first; only leads whose person the caller may read."""
    query = LeadQuery(
        tuple(unit or ()),
        tuple(state or ()),
        assignee,
        tuple(code or ()),
        tuple(severity or ()),
        tuple(tier or ()),
        person,
        limit,
        offset,
    )
    return [lead_out(x) for x in lead_queue(store, user, purpose, query, facts=facts)]


@router.get("/leads/{lead_id}", responses=RESPONSES)
def read(
    lead_id: LeadId, user: CurrentUser, purpose: StatedPurpose, store: StoreDep, facts: PersonFacts
) -> LeadDetailOut:
    """A lead, its whole history and why it is in its unit."""
    return detail_out(lead_detail(store, user, purpose, lead_id, facts=facts))


@router.post("/leads/{lead_id}/assign", responses=RESPONSES)
def assign(
    lead_id: LeadId,
    body: AssignIn,
    user: CurrentUser,
    purpose: StatedPurpose,
    store: StoreDep,
    facts: PersonFacts,
) -> LeadOut:
    """Give the lead to an active user whose role works leads (409 once it is closed)."""
    return lead_out(assign_lead(store, user, purpose, lead_id, body.assignee, facts=facts))


@router.post("/leads/{lead_id}/notes", status_code=status.HTTP_201_CREATED, responses=RESPONSES)
def note(
    lead_id: LeadId,
    body: NoteIn,
    user: CurrentUser,
    purpose: StatedPurpose,
    store: StoreDep,
    facts: PersonFacts,
) -> LeadEventOut:
    """Add a note to the lead's history (409 once it is closed)."""
    return event_out(add_note(store, user, purpose, lead_id, body.text, facts=facts))


@router.post("/leads/{lead_id}/disposition", responses=RESPONSES)
def dispose(
    lead_id: LeadId,
    body: DispositionIn,
    user: CurrentUser,
    purpose: StatedPurpose,
    store: StoreDep,
    facts: PersonFacts,
) -> LeadOut:
    """Close the lead for good: confirmed and referred (to whom), closed as an error, or
    closed with no action; always with a reason. A closed lead is locked."""
    disposition = Disposition(body.disposition)
    closed = dispose_lead(
        store, user, purpose, lead_id, disposition, body.reason, body.referred_to, facts=facts
    )
    return lead_out(closed)
