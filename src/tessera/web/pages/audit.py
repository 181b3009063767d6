"""The auditor's view of the audit log (``/ui/audit``): who did what, to whom, why, and how
the access decision came out, filtered and paged newest first; and the hash chain's
verification (``POST /ui/audit/verify``).

Both go through ``tessera.service.audit``, so reading the log is itself an entry in it.
The log is filtered by user, person and dates where it is kept; action and outcome are
filtered here, over a batch read in one call, and paging continues from the last entry
looked at, so no entry is skipped or shown twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request, Response

from tessera.api.deps import StoreDep
from tessera.model.access import Outcome
from tessera.model.audit import AuditEntry, AuditQuery
from tessera.security import Action, Principal, Purpose
from tessera.service.audit import Verification, find_entries, verify_log
from tessera.service.auth import API_KEY, SIGN_IN, SIGN_OUT
from tessera.store.operational import OperationalStore
from tessera.web.deps import CheckedForm, PagePurpose, PageUser
from tessera.web.render import render

router = APIRouter()

PAGE = 50

ACTIONS = (SIGN_IN, SIGN_OUT, API_KEY, *(a.value for a in Action))
Text = Annotated[str, Query(max_length=128)]


class BadFilterError(ValueError):
    """A filter the log cannot be searched by; the message says which and why."""


@dataclass(frozen=True)
class Filters:
    user: str = ""
    person: str = ""
    action: str = ""
    outcome: str = ""
    since: str = ""
    until: str = ""
    """Both dates are days (YYYY-MM-DD, UTC), ``until`` included."""

    def link(self, before: int | None = None) -> str:
        """The page's address with these filters (and a paging cursor)."""
        fields = {k: v for k, v in vars(self).items() if v}
        if before is not None:
            fields["before"] = str(before)
        return "/ui/audit" + (f"?{urlencode(fields)}" if fields else "")

    def narrowed(self, **changes: str) -> str:
        """The address of these filters narrowed further (a click on a user or a person)."""
        return replace(self, **changes).link()


def _day(value: str, name: str) -> dt.datetime | None:
    if not value:
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise BadFilterError(f"{name} must be a date written YYYY-MM-DD, not {value!r}") from None
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def store_query(filters: Filters, before: int | None) -> AuditQuery:
    """The part of the filters the log itself answers; ``until`` is made exclusive."""
    since = _day(filters.since, "From")
    until = _day(filters.until, "Until")
    if since and until and until < since:
        raise BadFilterError("Until comes before From")
    return AuditQuery(
        actor=filters.user or None,
        person_id=filters.person or None,
        action=filters.action or None,
        outcome=filters.outcome or None,
        since=since,
        until=until + dt.timedelta(days=1) if until else None,
        limit=PAGE,
        before_seq=before,
    )


@dataclass(frozen=True)
class Page:
    entries: list[AuditEntry]
    older: int | None
    """The cursor for the next (older) page, or None at the log's start."""


def page_of(read: list[AuditEntry]) -> Page:
    """A page of entries, and where the next (older) page starts."""
    return Page(read, read[-1].seq if len(read) == PAGE else None)


def _entries(
    store: OperationalStore, user: Principal, purpose: Purpose, filters: Filters, before: int | None
) -> Page:
    query = store_query(filters, before)
    return page_of(find_entries(store, user, purpose, query))


def _context(filters: Filters, **extra: Any) -> dict[str, Any]:
    return {
        "filters": filters,
        "actions": ACTIONS,
        "outcomes": [o.value for o in Outcome],
        **extra,
    }


@router.get("/ui/audit")
def audit_page(
    request: Request,
    user: PageUser,
    purpose: PagePurpose,
    store: StoreDep,
    who: Annotated[str, Query(alias="user", max_length=128)] = "",
    person: Text = "",
    action: Text = "",
    outcome: Text = "",
    since: Text = "",
    until: Text = "",
    before: Annotated[int | None, Query(ge=1)] = None,
) -> Response:
    filters = Filters(who.strip(), person.strip(), action.strip(), outcome.strip(), since, until)
    try:
        page = _entries(store, user, purpose, filters, before)
    except BadFilterError as bad:
        context = _context(filters, error=str(bad), page=Page([], None))
        return render(request, "audit.html", context, user=user, status_code=422)
    return render(request, "audit.html", _context(filters, page=page, paged=before), user=user)


def verification_words(result: Verification) -> str:
    if result.problem is not None:
        return (
            f"Broken at entry {result.problem.seq}: {result.problem.message}. "
            f"Entries 1 to {result.entries} are whole."
        )
    if result.head is None:
        return "The log is empty."
    head = result.head.entry_hash[:16]
    return f"Intact: all {result.entries} entries chain up to the head ({head}…)."


@router.post("/ui/audit/verify", dependencies=[CheckedForm])
def verify_post(
    request: Request, user: PageUser, purpose: PagePurpose, store: StoreDep
) -> Response:
    """Verify the chain; htmx puts the result beside the button, a plain post gets the page."""
    result = verify_log(store, user, purpose)
    context = {"verified": verification_words(result), "intact": result.problem is None}
    if request.headers.get("HX-Request"):
        return render(request, "audit_verify.html", context, user=user)
    filters = Filters()
    page = _entries(store, user, purpose, filters, None)
    return render(request, "audit.html", _context(filters, page=page, **context), user=user)
