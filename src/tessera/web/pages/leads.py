"""The lead queues (``/ui/leads``) and one lead (``/ui/leads/{id}``) with its finding,
evidence, history, notes, assignment and disposition.

Every read and write goes through ``tessera.service.leads`` (authorized and audited
there). The queue reads with the purpose the person stated; a lead's page states its own,
``lead:{id}``: the lead is the reason to read the person, and the audit log says so. A
closed lead is shown locked, without forms; the service refuses writes to it anyway.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, Path, Query, Request, Response
from fastapi.responses import RedirectResponse

from tessera.api.deps import StoreDep
from tessera.model.access import PurposeKind
from tessera.model.findings import Severity
from tessera.model.leads import Disposition, LeadQuery, LeadState, Unit, route
from tessera.security import Action, Principal, Purpose, parse_purpose
from tessera.security.policy import ROLES
from tessera.service.errors import ConflictError, InvalidRequestError, NotFoundError
from tessera.service.leads import (
    Lead,
    LeadDetail,
    add_note,
    assign_lead,
    dispose_lead,
    lead_detail,
    lead_queue,
    published_facts,
)
from tessera.service.people import Dossier, dossier
from tessera.store.operational import OperationalStore
from tessera.web.deps import CheckedForm, PagePurpose, PageUser
from tessera.web.render import render

router = APIRouter()

LeadId = Annotated[int, Path(ge=1, le=2**31 - 1)]
Filter = Annotated[list[str] | None, Query(max_length=20)]
QUEUE_PAGE = 200
"""A shift's screenful: the queue shows the most urgent this many."""

DISPOSITIONS: tuple[tuple[Disposition, str], ...] = (
    (Disposition.confirmed_referred, "Confirmed: refer it"),
    (Disposition.closed_error, "Closed as an error"),
    (Disposition.closed_no_action, "Closed, no action"),
)
TIERS = ("P1", "P2", "P3")


def lead_purpose(lead_id: int) -> Purpose:
    """What a lead's page reads for: the lead itself."""
    return Purpose(PurposeKind.lead, str(lead_id), f"working lead {lead_id}")


def _chosen(values: list[str] | None, allowed: set[str]) -> tuple[str, ...]:
    """The filter values that mean something (an unknown one is dropped, not an error)."""
    return tuple(v for v in (values or []) if v in allowed)


def _filters(
    unit: list[str] | None,
    state: list[str] | None,
    assignee: str | None,
    code: list[str] | None,
    severity: list[str] | None,
    tier: list[str] | None,
) -> LeadQuery:
    return LeadQuery(
        units=tuple(Unit(u) for u in _chosen(unit, set(Unit))),
        states=tuple(LeadState(s) for s in _chosen(state, set(LeadState))),
        assignee=(assignee or "").strip().lower() or None,
        codes=tuple(c.strip().upper() for text in code or [] for c in text.split(",") if c.strip()),
        severities=_chosen(severity, set(Severity)),
        tiers=_chosen(tier, set(TIERS)),
        limit=QUEUE_PAGE,
    )


def _unit_links(query: LeadQuery) -> list[dict[str, Any]]:
    """A tab per unit (and one for all), each keeping the other filters."""
    kept: dict[str, Any] = {
        "state": list(query.states),
        "assignee": query.assignee or [],
        "code": list(query.codes),
        "severity": list(query.severities),
        "tier": list(query.tiers),
    }
    tabs: list[tuple[str, list[str], bool]] = [("All units", [], not query.units)]
    tabs += [(u.value, [u.value], query.units == (u,)) for u in Unit]
    return [
        {
            "label": label,
            "href": "/ui/leads?" + urlencode({**kept, "unit": units}, doseq=True),
            "current": current,
        }
        for label, units, current in tabs
    ]


@router.get("/ui/leads")
def queue_page(
    request: Request,
    user: PageUser,
    purpose: PagePurpose,
    store: StoreDep,
    unit: Filter = None,
    state: Filter = None,
    assignee: Annotated[str | None, Query(max_length=64)] = None,
    code: Filter = None,
    severity: Filter = None,
    tier: Filter = None,
) -> Response:
    query = _filters(unit, state, assignee, code, severity, tier)
    leads = lead_queue(store, user, purpose, query, facts=published_facts(store))
    context = {
        "leads": leads,
        "query": query,
        "tabs": _unit_links(query),
        "units": list(Unit),
        "states": list(LeadState),
        "severities": list(Severity),
        "tiers": TIERS,
        "limit": QUEUE_PAGE,
    }
    return render(request, "leads_queue.html", context, user=user)


@dataclass(frozen=True)
class EvidenceRow:
    """One record a finding rests on, with what the published records say of it."""

    key: str
    name: str
    dob: str
    identifiers: tuple[str, ...]
    recorded_on: Any
    events: tuple[Any, ...]
    periods: tuple[Any, ...]


def _evidence(lead: Lead, person: Dossier | None) -> list[EvidenceRow]:
    lines = {r.key: r for r in person.links.records} if person else {}
    rows = []
    for key in lead.evidence:
        line = lines.get(key)
        events = tuple(e for e in person.timeline if e.key == key) if person else ()
        periods = tuple(p for p in person.periods if p.key == key) if person else ()
        rows.append(
            EvidenceRow(
                key,
                line.name if line else "",
                line.dob if line else "",
                line.identifiers if line else (),
                line.recorded_on if line else None,
                events,
                periods,
            )
        )
    return rows


def _person(
    store: OperationalStore, user: Principal, purpose: Purpose, person_id: str
) -> Dossier | None:
    """The lead's person as the dossier shows them (``None`` when no longer published)."""
    try:
        return dossier(store, user, purpose, person_id)
    except NotFoundError:
        return None


def _lead_context(
    store: OperationalStore, user: Principal, purpose: Purpose, detail: LeadDetail
) -> dict[str, Any]:
    lead = detail.lead
    person = _person(store, user, purpose, lead.person_id)
    finding = (
        next((f for f in person.findings if f.finding_id == lead.finding_id), None)
        if person
        else None
    )
    routing = route(lead.code, lead.role)
    return {
        "lead": lead,
        "detail": detail,
        "person": person,
        "finding": finding,
        "evidence": _evidence(lead, person),
        "enforcement": routing.enforcement if routing else True,
        "dossier_href": f"/ui/people/{lead.person_id}?purpose={quote(str(purpose))}",
        "may_work": Action.lead_work in ROLES[user.role].permissions,
        "dispositions": DISPOSITIONS,
        "queue_href": f"/ui/leads?unit={lead.unit}",
        "form": {},
    }


def _purpose_of(request: Request, lead_id: int) -> Purpose:
    carried = request.query_params.get("purpose")
    return parse_purpose(carried) if carried else lead_purpose(lead_id)


@router.get("/ui/leads/{lead_id}")
def lead_page(request: Request, lead_id: LeadId, user: PageUser, store: StoreDep) -> Response:
    purpose = _purpose_of(request, lead_id)
    detail = lead_detail(store, user, purpose, lead_id, facts=published_facts(store))
    context = _lead_context(store, user, purpose, detail)
    return render(request, "leads_detail.html", context, user=user)


def _done(lead_id: int, anchor: str) -> Response:
    return RedirectResponse(f"/ui/leads/{lead_id}#{anchor}", status_code=303)


def _refused(
    request: Request,
    store: StoreDep,
    user: Principal,
    lead_id: int,
    refusal: Exception,
    form: dict[str, str],
    status_code: int,
) -> Response:
    """The lead again, with the service's reason and what was typed kept."""
    purpose = lead_purpose(lead_id)
    detail = lead_detail(store, user, purpose, lead_id, facts=published_facts(store))
    context = {**_lead_context(store, user, purpose, detail), "error": str(refusal), "form": form}
    return render(request, "leads_detail.html", context, user=user, status_code=status_code)


def _work(
    request: Request,
    store: OperationalStore,
    user: Principal,
    lead_id: int,
    act: Callable[[], object],
    typed: dict[str, str],
    then: str,
) -> Response:
    """Do ``act`` on the lead and go back to its ``then`` section; a refusal shows the lead
    again with the reason (and, for a request that cannot be done as asked, what was
    typed; a lead that changed first keeps nothing)."""
    try:
        act()
    except InvalidRequestError as refusal:
        return _refused(request, store, user, lead_id, refusal, typed, 422)
    except ConflictError as refusal:
        return _refused(request, store, user, lead_id, refusal, {}, 409)
    return _done(lead_id, then)


@router.post("/ui/leads/{lead_id}/assign", dependencies=[CheckedForm])
def assign_post(
    request: Request,
    lead_id: LeadId,
    user: PageUser,
    store: StoreDep,
    assignee: Annotated[str, Form(max_length=64)] = "",
    to_me: Annotated[str, Form(max_length=8)] = "",
) -> Response:
    name = user.username if to_me else assignee
    purpose, facts = lead_purpose(lead_id), published_facts(store)
    return _work(
        request,
        store,
        user,
        lead_id,
        lambda: assign_lead(store, user, purpose, lead_id, name, facts=facts),
        {"assignee": assignee},
        "work",
    )


@router.post("/ui/leads/{lead_id}/notes", dependencies=[CheckedForm])
def note_post(
    request: Request,
    lead_id: LeadId,
    user: PageUser,
    store: StoreDep,
    text: Annotated[str, Form(max_length=8000)] = "",
) -> Response:
    purpose, facts = lead_purpose(lead_id), published_facts(store)
    return _work(
        request,
        store,
        user,
        lead_id,
        lambda: add_note(store, user, purpose, lead_id, text, facts=facts),
        {"note": text},
        "history",
    )


@router.post("/ui/leads/{lead_id}/disposition", dependencies=[CheckedForm])
def disposition_post(
    request: Request,
    lead_id: LeadId,
    user: PageUser,
    store: StoreDep,
    disposition: Annotated[str, Form(max_length=32)] = "",
    reason: Annotated[str, Form(max_length=8000)] = "",
    referred_to: Annotated[str, Form(max_length=8000)] = "",
) -> Response:
    typed = {"disposition": disposition, "reason": reason, "referred_to": referred_to}
    purpose, facts = lead_purpose(lead_id), published_facts(store)

    def dispose() -> None:
        if disposition not in {d.value for d, _ in DISPOSITIONS}:
            raise InvalidRequestError("choose how the lead ends")
        chosen = Disposition(disposition)
        dispose_lead(
            store, user, purpose, lead_id, chosen, reason, referred_to or None, facts=facts
        )

    return _work(request, store, user, lead_id, dispose, typed, "top")
