"""Judgements as API schemas: the only place the service's judgement types and the API's
meet."""

from __future__ import annotations

from dataclasses import asdict

from tessera.api.schemas_judgements import (
    JudgedRecordOut,
    JudgementOut,
    JudgementResultOut,
    RedirectOut,
    UndecidedOut,
)
from tessera.identity.review import UndecidedPair
from tessera.service.judging import JudgementResult
from tessera.store.operational import RecordedJudgement


def judgement_out(j: RecordedJudgement) -> JudgementOut:
    return JudgementOut.model_validate(
        {
            "judgement_id": j.id,
            "kind": j.kind,
            "analyst": j.analyst,
            "reason": j.reason,
            "made_at": j.made_at,
            "active": j.active,
            "revoked_at": j.revoked_at,
            "revoked_by": j.revoked_by,
            "revoke_reason": j.revoke_reason,
            "records": [
                JudgedRecordOut.model_validate(
                    {"side": r.side, "person_id": r.person_id, "record_key": r.record_key}
                )
                for r in j.records
            ],
        }
    )


def result_out(result: JudgementResult) -> JudgementResultOut:
    return JudgementResultOut(
        judgement=judgement_out(result.judgement),
        person_id=result.person_id,
        people=list(result.people),
        redirects=[RedirectOut(old_id=old, new_id=new) for old, new in result.redirects],
        overrides=list(result.overrides),
    )


def undecided_out(pair: UndecidedPair) -> UndecidedOut:
    return UndecidedOut(**asdict(pair))
