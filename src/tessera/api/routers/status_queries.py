"""The status-query desk: ``POST /status-queries`` (a police agency's IAQ), reading a
query back, and the operators' queue with its completions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, status

from tessera.api.deps import CurrentUser, StatedPurpose, StoreDep, current_principal
from tessera.api.errors import ERROR_RESPONSES, INVALID, NOT_FOUND, PURPOSE_RESPONSES, STALE
from tessera.api.schemas_desk import CompletionIn, StatusQueryIn, StatusQueryOut
from tessera.api.views_desk import query_out, query_request
from tessera.service.status_desk import (
    Completion,
    ask_status,
    complete_query,
    read_query,
    waiting_queries,
)

router = APIRouter(tags=["status desk"], dependencies=[Depends(current_principal)])
RESPONSES = {**ERROR_RESPONSES, **PURPOSE_RESPONSES, **INVALID}
QueryId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.post(
    "/status-queries",
    status_code=status.HTTP_201_CREATED,
    responses=RESPONSES,
)
def ask(
    body: StatusQueryIn, user: CurrentUser, purpose: StatedPurpose, store: StoreDep
) -> StatusQueryOut:
    """File an IAQ. The answer lists candidates with their match confidence and what the
    records show; when the match or the status is not certain it says "requires
    verification" and the query waits for an operator. It never says "removable"."""
    return query_out(ask_status(store, user, purpose, query_request(body)))


@router.get("/status-queries/waiting", responses=RESPONSES)
def waiting(
    user: CurrentUser,
    purpose: StatedPurpose,
    store: StoreDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[StatusQueryOut]:
    """The operators' queue: queries that require verification, oldest first."""
    return [query_out(q) for q in waiting_queries(store, user, purpose, limit)]


@router.get("/status-queries/{query_id}", responses={**RESPONSES, **NOT_FOUND})
def read(
    query_id: QueryId, user: CurrentUser, purpose: StatedPurpose, store: StoreDep
) -> StatusQueryOut:
    """A query and its response (for the asker, or the desk)."""
    return query_out(read_query(store, user, purpose, query_id))


@router.post("/status-queries/{query_id}/response", responses={**RESPONSES, **NOT_FOUND, **STALE})
def respond(
    query_id: QueryId,
    body: CompletionIn,
    user: CurrentUser,
    purpose: StatedPurpose,
    store: StoreDep,
) -> StatusQueryOut:
    """An operator completes the response to a waiting query."""
    completion = Completion(body.person_id, body.determination, body.text)
    return query_out(complete_query(store, user, purpose, query_id, completion))
