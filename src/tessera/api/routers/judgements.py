"""Analysts' identity judgements over HTTP: merge two people, say they are not the same,
split records off a person, revoke a judgement, list them. Thin: every decision is the
service's (``tessera.service.judging``), which authorizes, audits, records and
republishes, so search and dossiers show the judgement at once."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, status

from tessera.api.deps import CurrentUser, StatedPurpose, StoreDep, current_principal
from tessera.api.errors import ERROR_RESPONSES, INVALID, NOT_FOUND, PURPOSE_RESPONSES
from tessera.api.schemas import Problem
from tessera.api.schemas_judgements import (
    JudgementOut,
    JudgementResultOut,
    PairIn,
    RevokeIn,
    SplitIn,
    UndecidedOut,
)
from tessera.api.views_judgements import judgement_out, result_out, undecided_out
from tessera.service.judging import (
    list_judgements,
    merge_people,
    not_same_people,
    revoke,
    split_records,
    undecided_queue,
)
from tessera.settings import Settings

router = APIRouter(tags=["judgements"], dependencies=[Depends(current_principal)])
REFUSED: dict[int | str, dict[str, object]] = {
    409: {
        "model": Problem,
        "description": "Refused: the records or an earlier judgement say otherwise (the "
        "detail names the judgement to revoke first), or no run has resolved people yet",
    },
}
RESPONSES: dict[int | str, dict[str, object]] = {
    **ERROR_RESPONSES,
    **PURPOSE_RESPONSES,
    **NOT_FOUND,
    **INVALID,
    **REFUSED,
}
JudgementId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def workspace_settings(request: Request) -> Settings:
    """The settings of the batch workspace the judgements rewrite."""
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(workspace_settings)]


@router.get("/judgements", responses={**ERROR_RESPONSES, **PURPOSE_RESPONSES, **INVALID})
def judgements(
    user: CurrentUser,
    purpose: StatedPurpose,
    store: StoreDep,
    active: Annotated[bool, Query(description="Only the judgements not revoked")] = False,
) -> list[JudgementOut]:
    """Judgements, oldest first, with who made them, when and why (those naming a person
    the caller may not read are left out)."""
    found = list_judgements(store, user, purpose, active_only=active)
    return [judgement_out(j) for j in found]


@router.get("/judgements/queue", responses={**ERROR_RESPONSES, **PURPOSE_RESPONSES, **REFUSED})
def queue(
    user: CurrentUser, purpose: StatedPurpose, store: StoreDep, settings: SettingsDep
) -> list[UndecidedOut]:
    """People the records cannot decide, strongest tie first: each pair is a record tied,
    on names and dates alone, to two people who refuse each other, left with neither.
    Judge them with merge or not-same (pairs naming a person the caller may not read are
    left out)."""
    return [undecided_out(p) for p in undecided_queue(store, settings, user, purpose)]


@router.post("/judgements/merge", status_code=status.HTTP_201_CREATED, responses=RESPONSES)
def merge(
    body: PairIn, user: CurrentUser, purpose: StatedPurpose, store: StoreDep, settings: SettingsDep
) -> JudgementResultOut:
    """The two people are one: the second's id redirects to the first (409 while a
    not-the-same or split judgement keeps their records apart)."""
    done = merge_people(settings, store, user, purpose, body.person_a, body.person_b, body.reason)
    return result_out(done)


@router.post("/judgements/not-same", status_code=status.HTTP_201_CREATED, responses=RESPONSES)
def not_same(
    body: PairIn, user: CurrentUser, purpose: StatedPurpose, store: StoreDep, settings: SettingsDep
) -> JudgementResultOut:
    """The two people are not the same, whatever any score says; no merge overrides it
    until it is revoked."""
    done = not_same_people(
        settings, store, user, purpose, body.person_a, body.person_b, body.reason
    )
    return result_out(done)


@router.post("/judgements/split", status_code=status.HTTP_201_CREATED, responses=RESPONSES)
def split(
    body: SplitIn, user: CurrentUser, purpose: StatedPurpose, store: StoreDep, settings: SettingsDep
) -> JudgementResultOut:
    """These records (all of one person) are not the person they were grouped with."""
    done = split_records(settings, store, user, purpose, body.record_keys, body.reason)
    return result_out(done)


@router.post("/judgements/{judgement_id}/revoke", responses=RESPONSES)
def revoke_one(
    judgement_id: JudgementId,
    body: RevokeIn,
    user: CurrentUser,
    purpose: StatedPurpose,
    store: StoreDep,
    settings: SettingsDep,
) -> JudgementResultOut:
    """Revoke a judgement: it stays on record; people are regrouped without it."""
    return result_out(revoke(settings, store, user, purpose, judgement_id, body.reason))
