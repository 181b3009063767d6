"""Enforcement requests on screen: a detainer requested from an answered status query
(``POST /ui/desk/{id}/detainer``), and the supervisor's review of the requests waiting
for approval (``/ui/enforcement``).

The service decides everything that matters -- the protections (a citizen, a protected
person, a 1367 filing are refused whatever the form says), the 287(g) approval, never
approving one's own request -- and audits each attempt; a refusal is shown in the
service's own words beside the form it answers.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from tessera.api.deps import StoreDep
from tessera.model.status_desk import EnforcementKind, ProbableCause
from tessera.security import Principal, Purpose
from tessera.service.access import AccessDeniedError
from tessera.service.enforcement import (
    EnforcementAsk,
    decide_request,
    pending_requests,
    request_enforcement,
)
from tessera.service.errors import InvalidRequestError
from tessera.service.status_desk import read_query
from tessera.store.operational import OperationalStore
from tessera.store.operational.status_desk import StaleStateError
from tessera.web.deps import CheckedForm, PagePurpose, PageUser
from tessera.web.pages.desk import flash, query_context, take_flash
from tessera.web.pages.desk_view import CAUSES
from tessera.web.render import render

router = APIRouter()

REVIEW = "/ui/enforcement"


def _cause(value: str) -> ProbableCause:
    try:
        return ProbableCause(value)
    except ValueError:
        raise InvalidRequestError("choose the probable-cause ground (Form I-247A)") from None


@router.post("/ui/desk/{query_id:int}/detainer", dependencies=[CheckedForm])
def detainer_post(
    request: Request,
    query_id: int,
    user: PageUser,
    purpose: PagePurpose,
    store: StoreDep,
    probable_cause: Annotated[str, Form()] = "",
    facility: Annotated[str, Form()] = "",
    justification: Annotated[str, Form()] = "",
) -> Response:
    """Request a detainer on the person the query's response names (never on an id typed
    into the form: the request rests on that response)."""
    query = read_query(store, user, purpose, query_id)
    context = query_context(request, user, query)
    if query.person_id is None:
        raise InvalidRequestError(f"status query {query_id} names no person")
    ask = EnforcementAsk(
        query.person_id, EnforcementKind.detainer, _cause(probable_cause), facility, justification
    )
    try:
        context["filed"] = request_enforcement(store, user, purpose, ask)
    except AccessDeniedError as refusal:
        context["refusal"] = str(refusal)
        return render(request, "desk_query.html", context, user=user, status_code=403)
    return render(request, "desk_query.html", context, user=user)


def _review_context(
    store: OperationalStore, user: Principal, purpose: Purpose, **extra: Any
) -> dict[str, Any]:
    return {"pending": pending_requests(store, user, purpose), "causes": CAUSES, **extra}


@router.get(REVIEW)
def review_page(
    request: Request, user: PageUser, purpose: PagePurpose, store: StoreDep
) -> Response:
    context = _review_context(store, user, purpose, flash=take_flash(request))
    return render(request, "enforcement_review.html", context, user=user)


@router.post(REVIEW + "/{request_id:int}", dependencies=[CheckedForm])
def decide_post(
    request: Request,
    request_id: int,
    user: PageUser,
    purpose: PagePurpose,
    store: StoreDep,
    decision: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
) -> Response:
    """Approve or refuse one request; a refusal by the service stays on the page, next to
    the request it concerns, with the reason typed kept."""
    if decision not in {"approve", "refuse"}:
        raise InvalidRequestError("choose Approve or Refuse")
    approve = decision == "approve"
    try:
        decided = decide_request(store, user, purpose, request_id, approve, reason)
    except (AccessDeniedError, InvalidRequestError, StaleStateError) as refusal:
        status = {AccessDeniedError: 403, InvalidRequestError: 422, StaleStateError: 409}
        context = _review_context(
            store, user, purpose, error_for=request_id, error=str(refusal), reason=reason
        )
        code = next(c for kind, c in status.items() if isinstance(refusal, kind))
        return render(request, "enforcement_review.html", context, user=user, status_code=code)
    verb = "approved" if approve else "refused"
    said = f"Request #{decided.id} for {decided.person_id} {verb}: {decided.decision_reason}"
    flash(request, said)
    return RedirectResponse(REVIEW, status_code=303)
