"""The analysts' identity judgements: ``/ui/judge`` puts two people side by side with the
model's explanation of their closest records and offers "Merge" and "Not the same";
``/ui/judge/split`` lists a person's records with what ties each to the others and
splits the checked ones off. Every judgement needs a reason.

Reads and judgements go through ``tessera.service.judging`` (authorized, audited,
published at once). A refusal -- a judgement that keeps the two apart, a missing reason
-- is shown on the same screen with what was typed kept; a judgement made sends the
analyst to the dossier of the person it leaves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request, Response
from fastapi.responses import RedirectResponse

from tessera.api.deps import StoreDep
from tessera.security import Action, Principal, Purpose
from tessera.security.policy import ROLES
from tessera.service.errors import ConflictError, InvalidRequestError, NotFoundError
from tessera.service.judging import (
    Comparison,
    JudgementResult,
    compare_people,
    merge_people,
    not_same_people,
    split_records,
)
from tessera.service.people import Dossier, PersonQuery, dossier, search_people
from tessera.service.people_dossier import PROPERTY_ORDER, Tie
from tessera.settings import Settings
from tessera.web.deps import CheckedForm, PagePurpose, PageUser
from tessera.web.render import render

router = APIRouter()

PersonParam = Annotated[str | None, Query(max_length=32)]
Reason = Annotated[str, Form(max_length=8000)]
PersonField = Annotated[str, Form(max_length=32)]
REFUSALS = (ConflictError, InvalidRequestError, NotFoundError)


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _may_judge(user: Principal) -> bool:
    """Whether to offer the judgement forms (the service decides each judgement)."""
    return Action.identity_judge in ROLES[user.role].permissions


def _status(refusal: Exception) -> int:
    if isinstance(refusal, ConflictError):
        return 409
    return 404 if isinstance(refusal, NotFoundError) else 422


def _stated(purpose: Purpose) -> str:
    """The purpose as a query string value, so that a form posts under the purpose the
    page was read with (a link may carry one that is not the session's)."""
    return quote(str(purpose), safe="")


LABELS = {
    "dob": "date of birth",
    "a_number": "A-number",
    "fin": "FIN",
    "fbi_number": "FBI number",
    "sevis_id": "SEVIS id",
    "ssn": "SSN",
    "birth_country": "country of birth",
}
"""Property names as an analyst reads them (others: underscores as spaces)."""


@dataclass(frozen=True)
class ClaimRow:
    """One property of the two people: each one's values, and those both have."""

    property: str
    label: str
    a: tuple[tuple[str, int], ...]
    """(value, how many records say it)."""
    b: tuple[tuple[str, int], ...]
    shared: frozenset[str]


def claim_rows(a: Dossier, b: Dossier) -> list[ClaimRow]:
    def values(d: Dossier, prop: str) -> tuple[tuple[str, int], ...]:
        return tuple((c.value, len(c.sources)) for c in d.claims if c.property == prop)

    rows = []
    for prop in PROPERTY_ORDER:
        va, vb = values(a, prop), values(b, prop)
        if va or vb:
            shared = frozenset(v for v, _ in va) & frozenset(v for v, _ in vb)
            label = LABELS.get(prop, prop.replace("_", " "))
            rows.append(ClaimRow(prop, label, va, vb, shared))
    return rows


def _compare_context(seen: Comparison, purpose: Purpose) -> dict[str, Any]:
    explained = seen.explanation
    return {
        "a": seen.a,
        "b": seen.b,
        "rows": claim_rows(seen.a, seen.b),
        "explained": explained,
        "flipped": explained is not None and explained.person_l != seen.a.person_id,
        "stated": _stated(purpose),
        "form": {},
    }


@router.get("/ui/judge")
def judge_page(
    request: Request,
    user: PageUser,
    purpose: PagePurpose,
    store: StoreDep,
    a: PersonParam = None,
    b: PersonParam = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    if a and b:
        seen = compare_people(_settings(request), store, user, purpose, a, b)
        context = {**_compare_context(seen, purpose), "may_judge": _may_judge(user)}
        return render(request, "judge.html", context, user=user)
    first = dossier(store, user, purpose, a) if a else None
    found = []
    if first is not None and q and q.strip():
        found = search_people(store, user, purpose, PersonQuery(name=q.strip()), limit=10)
        found = [c for c in found if c.person_id != first.person_id]
    context = {"first": first, "q": q or "", "found": found, "stated": _stated(purpose)}
    return render(request, "judge_pick.html", context, user=user)


def _judged(result: JudgementResult) -> Response:
    return RedirectResponse(f"/ui/people/{result.person_id}", status_code=303)


def _pair_refused(
    request: Request,
    store: StoreDep,
    user: Principal,
    purpose: Purpose,
    pair: tuple[str, str],
    refusal: Exception,
    form: dict[str, str],
) -> Response:
    """The comparison again, with the service's reason and the reason typed kept."""
    seen = compare_people(_settings(request), store, user, purpose, *pair)
    context = {
        **_compare_context(seen, purpose),
        "may_judge": _may_judge(user),
        "error": str(refusal),
        "form": form,
    }
    return render(request, "judge.html", context, user=user, status_code=_status(refusal))


_PAIR_FORMS = {
    "merge": (merge_people, "merge_reason"),
    "not_same": (not_same_people, "apart_reason"),
}
"""Each pair judgement: the service call, and the form field its reason is typed in."""


def _judge_pair(
    request: Request,
    store: StoreDep,
    user: Principal,
    purpose: Purpose,
    people: tuple[str, str],
    reason: str,
    kind: str,
) -> Response:
    """Merge or not-the-same; a refusal shows the pair again with the reason kept in the
    field it was typed in."""
    judge, field = _PAIR_FORMS[kind]
    try:
        done = judge(_settings(request), store, user, purpose, *people, reason)
    except REFUSALS as refusal:
        return _pair_refused(request, store, user, purpose, people, refusal, {field: reason})
    return _judged(done)


@router.post("/ui/judge/merge", dependencies=[CheckedForm])
def merge_post(
    request: Request,
    user: PageUser,
    purpose: PagePurpose,
    store: StoreDep,
    a: PersonField = "",
    b: PersonField = "",
    reason: Reason = "",
) -> Response:
    return _judge_pair(request, store, user, purpose, (a, b), reason, "merge")


@router.post("/ui/judge/not-same", dependencies=[CheckedForm])
def not_same_post(
    request: Request,
    user: PageUser,
    purpose: PagePurpose,
    store: StoreDep,
    a: PersonField = "",
    b: PersonField = "",
    reason: Reason = "",
) -> Response:
    return _judge_pair(request, store, user, purpose, (a, b), reason, "not_same")


@dataclass(frozen=True)
class RecordChoice:
    """A record of the person, and the ties that hold it to the others."""

    key: str
    name: str
    dob: str
    identifiers: tuple[str, ...]
    recorded_on: Any
    ties: tuple[Tie, ...]


def record_choices(person: Dossier) -> list[RecordChoice]:
    ties = person.links.ties
    return [
        RecordChoice(
            r.key,
            r.name,
            r.dob,
            r.identifiers,
            r.recorded_on,
            tuple(t for t in ties if r.key in (t.record_l, t.record_r)),
        )
        for r in person.links.records
    ]


def _split_page(
    request: Request,
    user: Principal,
    purpose: Purpose,
    person: Dossier,
    *,
    error: str | None = None,
    form: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    context = {
        "d": person,
        "records": record_choices(person),
        "untied": set(person.links.untied),
        "stated": _stated(purpose),
        "may_judge": _may_judge(user),
        "error": error,
        "form": form or {"records": []},
    }
    return render(request, "judge_split.html", context, user=user, status_code=status_code)


@router.get("/ui/judge/split")
def split_page(
    request: Request,
    user: PageUser,
    purpose: PagePurpose,
    store: StoreDep,
    person: Annotated[str, Query(max_length=32)],
) -> Response:
    return _split_page(request, user, purpose, dossier(store, user, purpose, person))


@router.post("/ui/judge/split", dependencies=[CheckedForm])
def split_post(
    request: Request,
    user: PageUser,
    purpose: PagePurpose,
    store: StoreDep,
    person: PersonField = "",
    record: Annotated[list[str] | None, Form(max_length=500)] = None,
    reason: Reason = "",
) -> Response:
    keys = record or []
    try:
        done = split_records(_settings(request), store, user, purpose, keys, reason)
    except REFUSALS as refusal:
        shown = dossier(store, user, purpose, person)
        form = {"records": keys, "reason": reason}
        code = _status(refusal)
        return _split_page(
            request, user, purpose, shown, error=str(refusal), form=form, status_code=code
        )
    return _judged(done)
