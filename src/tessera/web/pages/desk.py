"""The status-query desk's screens: the operators' queue (``/ui/desk``), one query with its
candidates and the form that completes it (``/ui/desk/{id}``), and the form a partner
officer files a query with (``/ui/desk/ask``).

Every read and write goes through ``tessera.service.status_desk``, which authorizes and
audits it; this module only turns forms into the service's values and its answers into
pages. The IAQ form is validated by the API's own schema, so a query filed in a browser
is held to exactly the rules of one filed by a partner system.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any
from urllib.parse import quote_plus

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse
from pydantic import ValidationError

from tessera.api.deps import StoreDep
from tessera.api.schemas_desk import StatusQueryIn
from tessera.api.views_desk import query_request
from tessera.model.status_desk import Determination, QueryState
from tessera.security import Action, Principal
from tessera.security.policy import ROLES
from tessera.service.errors import InvalidRequestError
from tessera.service.status_desk import (
    Completion,
    ask_status,
    complete_query,
    read_query,
    waiting_queries,
)
from tessera.store.operational.status_desk import StaleStateError, StoredStatusQuery
from tessera.web.deps import CheckedForm, PagePurpose, PageUser
from tessera.web.pages.desk_view import (
    CAUSES,
    DETERMINATIONS,
    PURPOSE_CODES,
    RECOMMENDATIONS,
    age,
    query_view,
)
from tessera.web.render import render

router = APIRouter()

FLASH_KEY = "flash"


def flash(request: Request, message: str) -> None:
    """A one-line confirmation shown once on the next page (kept in the signed session)."""
    request.session[FLASH_KEY] = message


def take_flash(request: Request) -> str | None:
    message = request.session.pop(FLASH_KEY, None)
    return message if isinstance(message, str) else None


def may(user: Principal, action: Action) -> bool:
    """Whether the role may take ``action`` at all: to offer a form, never to allow it
    (the service decides each request)."""
    return action in ROLES[user.role].permissions


def desk_purpose(query_id: int) -> str:
    """The ``?purpose=`` a link to one query carries: the query is the reason to read."""
    return quote_plus(f"status_query:{query_id} answering status query {query_id}")


def queue_order(queries: list[StoredStatusQuery]) -> list[StoredStatusQuery]:
    """People held in custody first (the agency must decide before it releases them),
    then oldest first."""
    return sorted(queries, key=lambda q: (not q.in_custody, q.received_at, q.id))


def _queue_context(queries: list[StoredStatusQuery]) -> dict[str, Any]:
    now = dt.datetime.now(dt.UTC)
    rows = [
        {"q": q, "age": age(now - q.received_at), "purpose": desk_purpose(q.id)}
        for q in queue_order(queries)
    ]
    return {"rows": rows, "checked_at": now, "purpose_codes": PURPOSE_CODES}


@router.get("/ui/desk")
def queue_page(request: Request, user: PageUser, purpose: PagePurpose, store: StoreDep) -> Response:
    context = _queue_context(waiting_queries(store, user, purpose))
    context["flash"] = take_flash(request)
    return render(request, "desk_queue.html", context, user=user)


@router.get("/ui/desk/queue")
def queue_rows(request: Request, user: PageUser, purpose: PagePurpose, store: StoreDep) -> Response:
    """The queue's rows alone, for the page's polling (htmx swaps them in place)."""
    context = _queue_context(waiting_queries(store, user, purpose))
    context["fragment"] = True
    return render(request, "desk_queue_rows.html", context, user=user)


def query_context(request: Request, user: Principal, query: StoredStatusQuery) -> dict[str, Any]:
    """What the query page shows; the detainer form's outcome is added by its caller."""
    return {
        "view": query_view(query),
        "determinations": DETERMINATIONS,
        "recommendations": RECOMMENDATIONS,
        "purpose_codes": PURPOSE_CODES,
        "causes": CAUSES,
        "purpose_param": desk_purpose(query.id),
        "may_complete": may(user, Action.status_query_answer)
        and query.state is QueryState.awaiting_operator,
        "may_request": may(user, Action.enforcement_request),
        # the page's own ?purpose=, which its forms carry on
        "carry": f"?{request.url.query}" if request.url.query else "",
        "flash": take_flash(request),
    }


@router.get("/ui/desk/{query_id:int}")
def query_page(
    request: Request, query_id: int, user: PageUser, purpose: PagePurpose, store: StoreDep
) -> Response:
    query = read_query(store, user, purpose, query_id)
    return render(request, "desk_query.html", query_context(request, user, query), user=user)


def _completion(person_id: str, determination: str, remark: str) -> Completion:
    try:
        chosen = Determination(determination)
    except ValueError:
        raise InvalidRequestError(f"{determination!r} is not a determination") from None
    return Completion(person_id.strip() or None, chosen, remark)


@router.post("/ui/desk/{query_id:int}", dependencies=[CheckedForm])
def complete_post(
    request: Request,
    query_id: int,
    user: PageUser,
    purpose: PagePurpose,
    store: StoreDep,
    person_id: Annotated[str, Form()] = "",
    determination: Annotated[str, Form()] = "",
    remark: Annotated[str, Form()] = "",
) -> Response:
    """Complete the response; back to the queue, where the next query waits."""
    try:
        done = complete_query(
            store, user, purpose, query_id, _completion(person_id, determination, remark)
        )
    except (InvalidRequestError, StaleStateError) as refusal:
        query = read_query(store, user, purpose, query_id)
        context = query_context(request, user, query)
        context.update(error=str(refusal), remark=remark, chosen_person=person_id)
        status = 409 if isinstance(refusal, StaleStateError) else 422
        return render(request, "desk_query.html", context, user=user, status_code=status)
    said = DETERMINATIONS[Determination(determination)]
    flash(request, f"Status query {done.id} completed: {said}.")
    return RedirectResponse("/ui/desk", status_code=303)


def _ask_context(user: Principal, **extra: Any) -> dict[str, Any]:
    return {
        "partner": user.partner,
        "may_ask": may(user, Action.status_query_ask),
        "purpose_codes": PURPOSE_CODES,
        "form": extra.pop("form", {}),
        "errors": extra.pop("errors", {}),
        **extra,
    }


@router.get("/ui/desk/ask")
def ask_form(request: Request, user: PageUser, _purpose: PagePurpose) -> Response:
    """The IAQ form. The purpose is asked for first, so that filling the form is the
    last step (a purpose form after it would lose what was typed)."""
    defaults = {"attention": user.full_name, "offence_code": "0399", "purpose_code": "C"}
    return render(request, "desk_ask.html", _ask_context(user, form=defaults), user=user)


ASK_FIELDS = (
    "ori", "purpose_code", "attention", "phone", "name", "dob", "sex", "place_of_birth",
    "offence_code", "a_number", "fbi_number", "state_id",
)  # fmt: skip
FLAGS = ("in_custody", "citizenship_claimed")


def _ask_fields(form: dict[str, str], user: Principal) -> dict[str, Any]:
    """The form as the API's schema takes it: empty fields absent, flags as booleans, the
    ORI the partner's agency's own (an officer cannot ask in another agency's name)."""
    fields: dict[str, Any] = {
        name: form[name].strip() for name in ASK_FIELDS if form.get(name, "").strip()
    }
    for name in ("ori", "name", "a_number", "place_of_birth"):
        if name in fields:
            fields[name] = fields[name].upper()
    if user.partner is not None:
        fields["ori"] = user.partner.ori
    for flag in FLAGS:
        fields[flag] = form.get(flag) == "on"
    return fields


def _field_errors(error: ValidationError) -> dict[str, str]:
    return {str(e["loc"][0]): str(e["msg"]) for e in error.errors() if e["loc"]}


@router.post("/ui/desk/ask", dependencies=[CheckedForm])
async def ask_post(
    request: Request, user: PageUser, purpose: PagePurpose, store: StoreDep
) -> Response:
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    try:
        body = StatusQueryIn.model_validate(_ask_fields(form, user))
    except ValidationError as invalid:
        context = _ask_context(user, form=form, errors=_field_errors(invalid))
        return render(request, "desk_ask.html", context, user=user, status_code=422)
    filed = ask_status(store, user, purpose, query_request(body))
    return RedirectResponse(f"/ui/desk/{filed.id}", status_code=303)
