"""``GET /people`` (search: a name in any order, a date of birth, identifiers) and
``GET /people/{person_id}`` (the dossier). Both state a purpose and are audited; the
service decides who may see whom (``tessera.service.people``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from tessera.api.deps import CurrentUser, StatedPurpose, StoreDep, current_principal
from tessera.api.errors import ERROR_RESPONSES, NOT_FOUND, PURPOSE_RESPONSES
from tessera.api.schemas import Unprocessable
from tessera.api.schemas_people import CandidateOut, DossierOut
from tessera.api.views_people import candidate_out, dossier_out, person_query
from tessera.service.people import dossier, search_people

router = APIRouter(tags=["people"], dependencies=[Depends(current_principal)])
INVALID: dict[int | str, dict[str, object]] = {
    422: {"model": Unprocessable, "description": "A search that cannot be run as asked"},
}


@router.get("/people", responses={**ERROR_RESPONSES, **PURPOSE_RESPONSES, **INVALID})
def search(
    user: CurrentUser,
    purpose: StatedPurpose,
    store: StoreDep,
    name: Annotated[str, Query(max_length=200, description="Any order, any spelling")] = "",
    dob: Annotated[
        str | None, Query(max_length=10, description="YYYY-MM-DD, YYYY-MM or YYYY")
    ] = None,
    sex: Annotated[str | None, Query(max_length=1, description="M, F or X")] = None,
    identifier: Annotated[
        list[str] | None,
        Query(
            max_length=10,
            description="kind:value, repeatable (a_number, fin, fbi_number, ssn, passport, "
            "sevis_id, state_id)",
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> list[CandidateOut]:
    """The people who best answer the search, best first, among those the caller may see."""
    query = person_query(name, dob, sex, identifier or [])
    return [candidate_out(c) for c in search_people(store, user, purpose, query, limit)]


@router.get("/people/{person_id}", responses={**ERROR_RESPONSES, **PURPOSE_RESPONSES, **NOT_FOUND})
def person(
    user: CurrentUser,
    purpose: StatedPurpose,
    store: StoreDep,
    person_id: Annotated[str, Path(max_length=32, description="A person id, e.g. P0000012")],
) -> DossierOut:
    """Everything the records show about one person (an old id leads to the person who
    now holds its records, and says so)."""
    return dossier_out(dossier(store, user, purpose, person_id))
