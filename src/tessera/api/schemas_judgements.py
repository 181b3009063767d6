"""Analysts' identity judgements as the API takes and gives them."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from tessera.service.judging import MAX_REASON

__all__ = [
    "JudgedRecordOut",
    "JudgementOut",
    "JudgementResultOut",
    "PairIn",
    "RedirectOut",
    "RevokeIn",
    "SplitIn",
]

PersonId = Annotated[
    str, Field(min_length=1, max_length=32, description="A person id (an old one works too)")
]
Reason = Annotated[
    str, Field(min_length=1, max_length=MAX_REASON, description="Why, for whoever reads it later")
]
RecordKey = Annotated[str, Field(min_length=3, max_length=256, pattern=r"^[a-z_]+:\S+$")]


class PairIn(BaseModel):
    """Two people judged one (merge) or not the same (not-same)."""

    person_a: PersonId
    person_b: PersonId
    reason: Reason


class SplitIn(BaseModel):
    """Records of one person that are not that person."""

    record_keys: list[RecordKey] = Field(
        min_length=1,
        max_length=500,
        description="The records to split off, as feed:record_id, all of one person",
    )
    reason: Reason


class RevokeIn(BaseModel):
    reason: Reason


class JudgedRecordOut(BaseModel):
    side: Literal["a", "b"]
    """Merge: the two people named; split: ``a`` split off, ``b`` the rest."""
    person_id: str
    """The person the record belonged to when the judgement was made."""
    record_key: str


class JudgementOut(BaseModel):
    judgement_id: int
    kind: Literal["merge", "split", "not_same"]
    analyst: str
    reason: str
    made_at: dt.datetime
    active: bool
    revoked_at: dt.datetime | None
    revoked_by: str | None
    revoke_reason: str | None
    records: list[JudgedRecordOut]


class RedirectOut(BaseModel):
    old_id: str
    new_id: str | None
    """Where the old id leads now (``None``: its records were withdrawn)."""


class JudgementResultOut(BaseModel):
    judgement: JudgementOut
    person_id: str
    """Where work continues: the merged person, or the person a split left behind."""
    people: list[str]
    """Every person the judged records belong to now (as published)."""
    redirects: list[RedirectOut]
    overrides: list[int]
    """Earlier merge judgements this one overrides where they conflict."""


class UndecidedOut(BaseModel):
    """Two people one record could belong to, as far as the records say: for a judgement."""

    person_a: str
    person_b: str
    record_a: str
    """The record of ``person_a`` in the undecided tie (``feed:record_id``)."""
    record_b: str
    match_weight: float
    """The tie's match weight in bits (Fellegi-Sunter: log2 of the odds it adds)."""
