"""``/ui/search``: find people by name, date of birth and identifiers.

A plain GET form (a search is a shareable address), which htmx also submits in place.
The search is the API's (``GET /people``): the same parameters, read by the same
``views_people.person_query``, run by the service with the purpose the page states, so
it is authorized, audited and filtered exactly as the API's. An empty form reads no
one and needs no purpose.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from tessera.api.deps import StoreDep
from tessera.api.views_people import person_query
from tessera.service.errors import InvalidRequestError
from tessera.service.people_links import Found, search_with_standing
from tessera.service.people_query import KINDS, SEXES
from tessera.web.deps import PageUser
from tessera.web.purposes import page_purpose
from tessera.web.render import render

router = APIRouter()

IDENTIFIER_FIELDS = 2
"""Identifier inputs on the form (the API takes up to ten; people rarely hold more)."""


@dataclass(frozen=True)
class SearchForm:
    """What was asked, as typed (shown back in the form)."""

    name: str
    dob: str
    sex: str
    identifiers: tuple[str, ...]

    @property
    def asked(self) -> bool:
        return bool(self.name.strip() or self.dob.strip() or any(self.identifiers))

    @property
    def filled_identifiers(self) -> list[str]:
        return [i.strip() for i in self.identifiers if i.strip()]

    def identifier_inputs(self) -> list[str]:
        given = self.filled_identifiers
        return given + [""] * max(IDENTIFIER_FIELDS - len(given), 1 if not given else 0)


def _run(request: Request, store: StoreDep, user: PageUser, form: SearchForm) -> list[Found]:
    purpose = page_purpose(request)  # only a search reads people: only it needs a purpose
    query = person_query(
        form.name, form.dob.strip() or None, form.sex or None, form.filled_identifiers
    )
    return search_with_standing(store, user, purpose, query, limit=20)


@router.get("/ui/search")
def search_page(
    request: Request,
    user: PageUser,
    store: StoreDep,
    name: Annotated[str, Query(max_length=200)] = "",
    dob: Annotated[str, Query(max_length=10)] = "",
    sex: Annotated[str, Query(max_length=1)] = "",
    identifier: Annotated[list[str] | None, Query(max_length=10)] = None,
) -> Response:
    form = SearchForm(name, dob, sex, tuple(identifier or ()))
    context: dict[str, object] = {
        "form": form,
        "kinds": KINDS,
        "sexes": SEXES,
        "found": None,
        "error": None,
    }
    status = 200
    if form.asked:
        try:
            context["found"] = _run(request, store, user, form)
        except InvalidRequestError as cannot:  # a search that cannot run: say so by the form
            context["error"] = str(cannot)
            status = 422
    return render(request, "search.html", context, user=user, status_code=status)
