"""Analysts' judgements: merge two people, split records off a person, say two people are
not the same, revoke a judgement.

A judgement is recorded with the records it concerns, captured from the people the
analyst named at that moment, so it keeps its meaning however later runs regroup. It
takes effect at once (people are re-clustered from the pairs already scored, no
retraining) and in every later run. "Apart" judgements (not the same, split) are never
overridden: a merge that contradicts an active one is refused until it is revoked; an
"apart" judgement that contradicts an earlier merge is recorded and wins, and the
outcome names the merges it overrides.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import duckdb

from tessera.identity import assign_people
from tessera.identity.people import people_of, records_of
from tessera.identity.registry import Redirect
from tessera.service.identity import active_judgements, live_person, workspace
from tessera.service.operational import operational_store
from tessera.settings import Settings
from tessera.store.operational import JudgedRecord, OperationalStore, RecordedJudgement


class JudgementRefusedError(ValueError):
    """The judgement contradicts what the records or earlier judgements say."""


@dataclass(frozen=True)
class JudgementOutcome:
    judgement: RecordedJudgement
    people: dict[str, str]
    """Each judged record -> the person it belongs to now."""
    redirects: tuple[Redirect, ...]
    """Person ids that disappeared as the judgement took effect."""
    revived: tuple[str, ...]
    """Person ids that came back (a revoked merge gives the absorbed person their id)."""
    overrides: tuple[int, ...] = ()
    """Earlier merge judgements this one overrides where they conflict."""


def _required(value: str, what: str) -> str:
    if not value.strip():
        raise JudgementRefusedError(f"a judgement needs {what}")
    return value.strip()


def _side(side: str, person_id: str, keys: Iterable[str]) -> list[JudgedRecord]:
    return [JudgedRecord(side, person_id, key) for key in keys]


def _crossing(judgement: RecordedJudgement, a: set[str], b: set[str]) -> bool:
    """Whether the judgement names records of both ``a`` and ``b`` on opposite sides
    (an apart judgement) or anywhere (a merge)."""
    one, two = set(judgement.side("a")), set(judgement.side("b"))
    if judgement.kind == "merge":
        named = one | two
        return bool(named & a) and bool(named & b)
    return bool((one & a and two & b) or (one & b and two & a))


def _conflicts(
    store: OperationalStore, a: set[str], b: set[str], kinds: tuple[str, ...]
) -> list[RecordedJudgement]:
    return [
        j
        for j in store.judgements_concerning(sorted(a | b))
        if j.active and j.kind in kinds and _crossing(j, a, b)
    ]


def _take_effect(
    con: duckdb.DuckDBPyConnection,
    store: OperationalStore,
    judgement: RecordedJudgement,
    overrides: Sequence[RecordedJudgement] = (),
) -> JudgementOutcome:
    assigned = assign_people(con, active_judgements(store))
    keys = [r.record_key for r in judgement.records]
    return JudgementOutcome(
        judgement,
        people_of(con, keys),
        assigned.naming.redirects,
        assigned.naming.revived,
        tuple(j.id for j in overrides),
    )


def _two_people(
    con: duckdb.DuckDBPyConnection, person_a: str, person_b: str
) -> tuple[list[str], list[str]]:
    a, b = live_person(con, person_a), live_person(con, person_b)
    if a.person_id == b.person_id:
        raise JudgementRefusedError(f"{person_a} and {person_b} are one person ({a.person_id})")
    assert a.person_id is not None and b.person_id is not None
    return records_of(con, a.person_id), records_of(con, b.person_id)


def judge_merge(
    settings: Settings, person_a: str, person_b: str, analyst: str, reason: str
) -> JudgementOutcome:
    """Two people are one. Refused while an active judgement says they are not."""
    analyst, reason = _required(analyst, "an analyst"), _required(reason, "a reason")
    with workspace(settings, read_only=False) as con, operational_store(settings) as store:
        a, b = _two_people(con, person_a, person_b)
        against = _conflicts(store, set(a), set(b), ("not_same", "split"))
        if against:
            j = against[0]
            raise JudgementRefusedError(
                f"judgement {j.id} ({j.kind}, by {j.analyst} on {j.made_at:%Y-%m-%d}: "
                f"{j.reason}) keeps these records apart; revoke it first "
                f"(tessera judge revoke {j.id} --by NAME --reason TEXT)"
            )
        records = _side("a", person_a, a) + _side("b", person_b, b)
        judgement = store.record_judgement("merge", analyst, reason, records)
        return _take_effect(con, store, judgement)


def judge_not_same(
    settings: Settings, person_a: str, person_b: str, analyst: str, reason: str
) -> JudgementOutcome:
    """Two people are not the same, whatever any score or earlier merge says."""
    analyst, reason = _required(analyst, "an analyst"), _required(reason, "a reason")
    with workspace(settings, read_only=False) as con, operational_store(settings) as store:
        a, b = _two_people(con, person_a, person_b)
        overrides = _conflicts(store, set(a), set(b), ("merge",))
        records = _side("a", person_a, a) + _side("b", person_b, b)
        judgement = store.record_judgement("not_same", analyst, reason, records)
        return _take_effect(con, store, judgement, overrides)


def judge_split(
    settings: Settings, record_keys: Sequence[str], analyst: str, reason: str
) -> JudgementOutcome:
    """Records (``feed:record_id``) that are not the person they were grouped with."""
    analyst, reason = _required(analyst, "an analyst"), _required(reason, "a reason")
    keys = sorted({k.strip() for k in record_keys})
    if not keys:
        raise JudgementRefusedError("name the records to split off (feed:record_id)")
    with workspace(settings, read_only=False) as con, operational_store(settings) as store:
        owners = people_of(con, keys)
        unknown = [k for k in keys if k not in owners]
        if unknown:
            raise JudgementRefusedError(f"no person record {unknown[0]!r} in the workspace")
        if len(set(owners.values())) > 1:
            raise JudgementRefusedError("split records off one person at a time")
        person = owners[keys[0]]
        rest = [k for k in records_of(con, person) if k not in owners]
        if not rest:
            raise JudgementRefusedError(f"these are all the records of {person}: nothing to split")
        overrides = _conflicts(store, set(keys), set(rest), ("merge",))
        records = _side("a", person, keys) + _side("b", person, rest)
        judgement = store.record_judgement("split", analyst, reason, records)
        return _take_effect(con, store, judgement, overrides)


def revoke_judgement(
    settings: Settings, judgement_id: int, analyst: str, reason: str
) -> JudgementOutcome:
    """Revoke a judgement; people are regrouped without it at once."""
    analyst, reason = _required(analyst, "an analyst"), _required(reason, "a reason")
    with workspace(settings, read_only=False) as con, operational_store(settings) as store:
        judgement = store.revoke_judgement(judgement_id, analyst, reason)
        return _take_effect(con, store, judgement)


def list_judgements(settings: Settings, *, active_only: bool = False) -> list[RecordedJudgement]:
    """Every judgement (or only the active ones), oldest first."""
    with operational_store(settings) as store:
        return store.judgements(active_only=active_only)
