"""Analysts' identity judgements as use cases: decided, audited, and published at once.

``service.judgements`` records a judgement on the workspace and the store (what the
command line drives, for whoever holds the database). Here every judgement is first
authorized (``identity:judge``) for each person it concerns, with the user's stated
purpose, and written to the audit log; then it is recorded under the user's name and the
workspace is judged anew and republished (``findings.assess``: status, rules, publish and
lead sync), so that search, dossiers and lead queues show the people as judged at once.

Judgements rewrite the workspace, which takes one writer: they are made one at a time in
a process. A 1367-protected person the user may not see answers like an unknown one, as
the dossier does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from tessera.identity import NotResolvedError
from tessera.identity.people import people_of, records_of
from tessera.identity.person_ids import PersonIdError
from tessera.identity.review import UndecidedPair
from tessera.identity.tables import PAIRS_TABLE
from tessera.security import Action, Decision, Principal, Purpose, SubjectFacts, may
from tessera.security.policy import PROTECTED_RULE, ROLES
from tessera.service import judgements
from tessera.service.access import (
    AccessDeniedError,
    allowed,
    authorize,
    event_for,
    record,
    utc_today,
)
from tessera.service.errors import ConflictError, InvalidRequestError, NotFoundError
from tessera.service.findings import assess
from tessera.service.identity import (
    WORKSPACE_TURN,
    PairExplanationView,
    explain_pair,
    live_person,
    review_queue,
    workspace,
)
from tessera.service.identity import UnknownPersonError as UnknownIdentityError
from tessera.service.people import Dossier, dossier, subject_facts
from tessera.settings import Settings
from tessera.store.operational import OperationalStore, RecordedJudgement

__all__ = [
    "MAX_REASON",
    "Comparison",
    "JudgementResult",
    "closest_records",
    "compare_people",
    "list_judgements",
    "merge_people",
    "not_same_people",
    "owner_of",
    "revoke",
    "split_records",
]

MAX_REASON = 4000
"""The longest reason a judgement takes (as a lead's)."""

_one_writer = WORKSPACE_TURN
"""The workspace takes one writer at a time: a judgement holds the workspace's turn across
its change and the re-assessment, so no page reads it half-way."""


@dataclass(frozen=True)
class JudgementResult:
    judgement: RecordedJudgement
    person_id: str
    """Where the analyst's work continues: the merged person, or the person a split left."""
    people: tuple[str, ...]
    """Every person the judged records belong to now."""
    redirects: tuple[tuple[str, str | None], ...]
    """Person ids that disappeared, and where each leads now."""
    overrides: tuple[int, ...]
    """Earlier merges this judgement overrides where they conflict."""


@dataclass(frozen=True)
class Comparison:
    """Two people side by side, and why the model thinks what it does of their closest
    records (``None``: no pair of their records could be explained)."""

    a: Dossier
    b: Dossier
    explanation: PairExplanationView | None


def _reason(reason: str) -> str:
    cleaned = " ".join(reason.split())
    if not cleaned:
        raise InvalidRequestError("a judgement needs a reason, for whoever reads it later")
    if len(cleaned) > MAX_REASON:
        raise InvalidRequestError(f"a reason is at most {MAX_REASON} characters")
    return cleaned


def _facts(store: OperationalStore, person_id: str) -> SubjectFacts:
    return subject_facts(store, person_id) or SubjectFacts(person_id.strip().upper())


def _authorize(
    store: OperationalStore, user: Principal, purpose: Purpose, person_id: str, doing: str
) -> None:
    """``identity:judge`` on one person (recorded either way); a person hidden by 1367
    answers as unknown."""
    try:
        authorize(
            store, user, Action.identity_judge, purpose, _facts(store, person_id), target=doing
        )
    except AccessDeniedError as refused:
        if refused.decision.basis == PROTECTED_RULE.basis:
            raise NotFoundError(f"no person {person_id}") from None
        raise


@contextmanager
def _as_service_errors() -> Iterator[None]:
    """The identity stage's refusals as the service's, so every face answers them alike."""
    try:
        yield
    except judgements.JudgementRefusedError as refused:
        raise ConflictError(str(refused)) from None
    except (UnknownIdentityError, PersonIdError) as unknown:
        raise NotFoundError(str(unknown)) from None
    except NotResolvedError as unresolved:
        raise ConflictError(str(unresolved)) from None


def _recorded(
    store: OperationalStore,
    user: Principal,
    purpose: Purpose,
    result: JudgementResult,
) -> JudgementResult:
    """Write what the judgement did to the audit log, after it was done."""
    j = result.judgement
    done = f"judgement {j.id} ({j.kind}) recorded; people now {' '.join(result.people)}"
    decision = allowed(done)
    event = event_for(user, Action.identity_judge.value, decision, purpose, result.person_id)
    record(store, event)
    return result


Outcome = judgements.JudgementOutcome


def _take_effect(
    settings: Settings, make: Callable[[], Outcome], continues: Callable[[Outcome], str]
) -> JudgementResult:
    """Make the judgement, then judge and publish the workspace anew."""
    with _one_writer, _as_service_errors():
        outcome = make()
        assess(settings)
    return JudgementResult(
        outcome.judgement,
        continues(outcome),
        tuple(sorted(set(outcome.people.values()))),
        tuple((r.old_id, r.new_id) for r in outcome.redirects),
        outcome.overrides,
    )


def _person_of(outcome: Outcome, side: str) -> str:
    keys = outcome.judgement.side(side)
    return outcome.people.get(keys[0], "") if keys else ""


def merge_people(
    settings: Settings,
    store: OperationalStore,
    user: Principal,
    purpose: Purpose,
    person_a: str,
    person_b: str,
    reason: str,
) -> JudgementResult:
    """``person_a`` and ``person_b`` are one person. ``ConflictError`` while an active
    judgement keeps them apart (it names that judgement)."""
    return _judge_pair(settings, store, user, purpose, (person_a, person_b), reason, "merge")


def not_same_people(
    settings: Settings,
    store: OperationalStore,
    user: Principal,
    purpose: Purpose,
    person_a: str,
    person_b: str,
    reason: str,
) -> JudgementResult:
    """``person_a`` and ``person_b`` are not the same, whatever any score or merge says;
    no later merge overrides it until it is revoked."""
    return _judge_pair(settings, store, user, purpose, (person_a, person_b), reason, "not_same")


_PAIR_JUDGES = {"merge": judgements.judge_merge, "not_same": judgements.judge_not_same}


def _judge_pair(
    settings: Settings,
    store: OperationalStore,
    user: Principal,
    purpose: Purpose,
    people: tuple[str, str],
    reason: str,
    kind: str,
) -> JudgementResult:
    """A judgement about two people: each authorized, then made, re-assessed, recorded."""
    why = _reason(reason)
    person_a, person_b = people
    for person in people:
        _authorize(store, user, purpose, person, f"judge {kind} {person_a} {person_b}")
    judge = _PAIR_JUDGES[kind]
    result = _take_effect(
        settings,
        lambda: judge(settings, person_a, person_b, user.username, why),
        lambda outcome: _person_of(outcome, "a"),
    )
    return _recorded(store, user, purpose, result)


def owner_of(settings: Settings, record_keys: Sequence[str]) -> str:
    """The one person the records belong to now (``NotFoundError`` for an unknown record,
    ``InvalidRequestError`` when they belong to several)."""
    keys = sorted({k.strip() for k in record_keys if k.strip()})
    if not keys:
        raise InvalidRequestError("name the records to split off (feed:record_id)")
    with _as_service_errors(), workspace(settings, read_only=True) as con:
        owners = people_of(con, keys)
    unknown = [k for k in keys if k not in owners]
    if unknown:
        raise NotFoundError(f"no person record {unknown[0]!r}")
    if len(set(owners.values())) > 1:
        raise InvalidRequestError("split records off one person at a time")
    return owners[keys[0]]


def split_records(
    settings: Settings,
    store: OperationalStore,
    user: Principal,
    purpose: Purpose,
    record_keys: Sequence[str],
    reason: str,
) -> JudgementResult:
    """The records (``feed:record_id``) are not the person they were grouped with."""
    why = _reason(reason)
    with _one_writer:
        person = owner_of(settings, record_keys)
    _authorize(store, user, purpose, person, f"judge split {' '.join(sorted(record_keys))}")
    result = _take_effect(
        settings,
        lambda: judgements.judge_split(settings, record_keys, user.username, why),
        lambda outcome: _person_of(outcome, "b"),
    )
    return _recorded(store, user, purpose, result)


def _may_judge(store: OperationalStore, user: Principal, purpose: Purpose, target: str) -> None:
    """Refuse (recorded) unless ``user`` holds ``identity:judge`` and may act for
    ``purpose``: for what concerns judgements rather than one person."""
    authorize(store, user, Action.person_search, purpose, target=target)
    policy = ROLES[user.role]
    if Action.identity_judge not in policy.permissions:
        role = user.role.value.replace("_", " ")
        refusal = Decision(False, f"a {role} may not judge whether records are one person")
        record(store, event_for(user, Action.identity_judge.value, refusal, purpose, None, target))
        raise AccessDeniedError(refusal)


def _judgement(store: OperationalStore, judgement_id: int) -> RecordedJudgement:
    found = [j for j in store.judgements() if j.id == judgement_id]
    if not found:
        raise NotFoundError(f"no judgement {judgement_id}")
    return found[0]


def revoke(
    settings: Settings,
    store: OperationalStore,
    user: Principal,
    purpose: Purpose,
    judgement_id: int,
    reason: str,
) -> JudgementResult:
    """Revoke a judgement (it stays on record); people are regrouped without it at once."""
    why = _reason(reason)
    _may_judge(store, user, purpose, f"revoke judgement {judgement_id}")
    judged = _judgement(store, judgement_id)
    if not judged.active:
        raise ConflictError(
            f"judgement {judgement_id} was already revoked by {judged.revoked_by} "
            f"on {judged.revoked_at:%Y-%m-%d}"
        )
    named = dict.fromkeys((*judged.person_ids("a"), *judged.person_ids("b")))
    for person in named:
        _authorize(store, user, purpose, person, f"revoke judgement {judgement_id}")
    result = _take_effect(
        settings,
        lambda: judgements.revoke_judgement(settings, judgement_id, user.username, why),
        lambda outcome: _person_of(outcome, "a"),
    )
    return _recorded(store, user, purpose, result)


def _visible(
    store: OperationalStore, user: Principal, purpose: Purpose, j: RecordedJudgement
) -> bool:
    """Whether ``user`` may read every person the judgement names (1367, jurisdiction)."""
    today = utc_today()
    named = (*j.person_ids("a"), *j.person_ids("b"))
    return all(
        may(user, Action.person_read, _facts(store, p), purpose, today=today).allowed
        for p in dict.fromkeys(named)
    )


def list_judgements(
    store: OperationalStore, user: Principal, purpose: Purpose, *, active_only: bool = False
) -> list[RecordedJudgement]:
    """Every judgement (or only the active ones), oldest first, for whoever judges;
    those naming a person the user may not read are left out."""
    _may_judge(store, user, purpose, "judgements (active)" if active_only else "judgements (all)")
    found = store.judgements(active_only=active_only)
    return [j for j in found if _visible(store, user, purpose, j)]


def undecided_queue(
    store: OperationalStore, settings: Settings, user: Principal, purpose: Purpose
) -> list[UndecidedPair]:
    """People the records cannot decide (a record tied, on names and dates alone, to two
    people who refuse each other), strongest tie first, for whoever judges; pairs naming
    a person the user may not read are left out."""
    _may_judge(store, user, purpose, "judgements (undecided)")
    with _as_service_errors():
        pairs = review_queue(settings)
    today = utc_today()
    return [
        pair
        for pair in pairs
        if all(
            may(user, Action.person_read, _facts(store, p), purpose, today=today).allowed
            for p in (pair.person_a, pair.person_b)
        )
    ]


def closest_records(settings: Settings, person_a: str, person_b: str) -> tuple[str, str] | None:
    """The two records, one of each person, that the model scored highest (``None`` when
    it compared none: the pair is then the first record of each, scored on the spot)."""
    with _as_service_errors(), workspace(settings, read_only=True) as con:
        a = live_person(con, person_a).person_id
        b = live_person(con, person_b).person_id
        keys_a, keys_b = records_of(con, a or ""), records_of(con, b or "")
        row = con.execute(
            f"SELECT unique_id_l, unique_id_r FROM {PAIRS_TABLE} "
            "WHERE (unique_id_l IN (SELECT unnest($1::VARCHAR[])) "
            "AND unique_id_r IN (SELECT unnest($2::VARCHAR[]))) "
            "OR (unique_id_l IN (SELECT unnest($2::VARCHAR[])) "
            "AND unique_id_r IN (SELECT unnest($1::VARCHAR[]))) "
            "ORDER BY match_weight DESC LIMIT 1",
            [keys_a, keys_b],
        ).fetchone()
    if row is not None:
        return str(row[0]), str(row[1])
    return (keys_a[0], keys_b[0]) if keys_a and keys_b else None


def compare_people(
    settings: Settings,
    store: OperationalStore,
    user: Principal,
    purpose: Purpose,
    person_a: str,
    person_b: str,
) -> Comparison:
    """Both dossiers (each read authorized and audited) and the feature-by-feature
    explanation of their closest records, for an analyst about to judge them."""
    a = dossier(store, user, purpose, person_a)
    b = dossier(store, user, purpose, person_b)
    if a.person_id == b.person_id:
        return Comparison(a, b, None)
    with _one_writer:
        pair = closest_records(settings, a.person_id, b.person_id)
        with _as_service_errors():
            explained = explain_pair(settings, *pair) if pair else None
    return Comparison(a, b, explained)
