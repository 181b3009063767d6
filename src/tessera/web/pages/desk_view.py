"""A status query as the desk's screens show it: the code tables in words, and what the
page must say before anything else (a weak identity match, a citizenship claim, a
protection that stops every enforcement action).

Pure functions of the stored query, so the words and the stops are tested without a
server; nothing here reads the records again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Final

from tessera.model.status_desk import (
    CITIZENSHIP_STOP,
    PROBABLE_CAUSE,
    Determination,
    ProbableCause,
    QueryPurpose,
    QueryState,
)
from tessera.service.desk_answer import CERTAIN_MATCH, CLEAR_MARGIN
from tessera.store.operational.status_desk import StoredStatusQuery

DETERMINATIONS: Final[dict[Determination, str]] = {
    Determination.us_citizen: "U.S. citizen",
    Determination.lawful_permanent_resident: "Lawful permanent resident",
    Determination.protected_status: "Protected status (asylum, refugee, T, U, court relief)",
    Determination.lawful_status_shown: "Lawful status shown (a period of stay covers the day)",
    Determination.no_lawful_status_shown: "No period of lawful status shown (officer review)",
    Determination.not_determined: "Not determined: the records cannot show a status",
    Determination.no_record: "No record: no person in the records matches",
}
"""Every determination a response may carry, in words. There is no "removable"."""

RECOMMENDATIONS: Final[dict[str, str]] = {
    "none": "No recommendation",
    "officer_review": "An ICE officer must review the records before anyone acts",
    "citizenship_claim_stop": "Citizenship claim: no enforcement recommendation",
}

PURPOSE_CODES: Final[dict[QueryPurpose, str]] = {
    QueryPurpose.C: "C: criminal investigation or arrest",
    QueryPurpose.F: "F: firearm purchase or permit check",
}

CAUSES: Final[dict[ProbableCause, str]] = {
    cause: f"{text.wording} ({text.basis})" for cause, text in PROBABLE_CAUSE.items()
}

STATES: Final[dict[QueryState, str]] = {
    QueryState.answered: "Answered from the records",
    QueryState.awaiting_operator: "Requires verification: waiting for an operator",
    QueryState.completed: "Completed by an operator",
}

STOPS: Final[dict[Determination, str]] = {
    Determination.us_citizen: (
        "The records show a U.S. citizen: citizens are never detained (ICE Directive 16001.2)."
    ),
    Determination.protected_status: (
        "The records show a protected status (asylum, refugee, T, U or court relief): "
        "no enforcement action (INA 208, 241(b)(3); INA 101(a)(15)(T), (U))."
    ),
}


def age(elapsed: dt.timedelta) -> str:
    """How long a query has waited, to the minute: ``4 min``, ``2 h 05 min``, ``3 d 1 h``."""
    minutes = max(int(elapsed.total_seconds() // 60), 0)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min"


@dataclass(frozen=True)
class CandidateView:
    person_id: str
    confidence: float
    records_show: Determination
    periods: list[dict[str, Any]]
    evidence: list[str]
    stop: str | None
    """Why nothing may be done against this person, when the records say so."""


@dataclass(frozen=True)
class QueryView:
    query: StoredStatusQuery
    state: str
    answer: dict[str, Any]
    candidates: list[CandidateView]
    weak_match: str | None
    """Said before anything else: the best candidate is not certainly the person asked."""
    citizenship_stop: str | None
    determination: Determination
    detainer_stop: str | None
    """Why no detainer may be requested from this query, or None when one may."""


def _candidate(raw: dict[str, Any]) -> CandidateView:
    shown = Determination(raw["records_show"])
    return CandidateView(
        person_id=raw["person_id"],
        confidence=float(raw["confidence"]),
        records_show=shown,
        periods=list(raw.get("periods", [])),
        evidence=list(raw.get("evidence", [])),
        stop=STOPS.get(shown),
    )


def weak_match(candidates: list[CandidateView]) -> str | None:
    """The match's weakness in words, or None for one certain, clear match."""
    if not candidates:
        return "No person in the records matches. Absence of records is not evidence."
    best = candidates[0]
    if best.confidence < CERTAIN_MATCH:
        return (
            f"Weak identity match: the best candidate, {best.person_id}, matches at "
            f"{round(best.confidence * 100)}%. It may not be the person asked about."
        )
    runner = candidates[1] if len(candidates) > 1 else None
    if runner is not None and runner.confidence >= best.confidence - CLEAR_MARGIN:
        return (
            f"Ambiguous match: {best.person_id} ({round(best.confidence * 100)}%) and "
            f"{runner.person_id} ({round(runner.confidence * 100)}%) match almost equally."
        )
    return None


def _determination(query: StoredStatusQuery, answer: dict[str, Any]) -> Determination:
    return Determination(query.determination or answer["determination"])


def _detainer_stop(
    query: StoredStatusQuery, determination: Determination, citizenship: str | None
) -> str | None:
    if query.state is QueryState.awaiting_operator:
        return "The query is waiting for an operator: the records have not answered it yet."
    if query.person_id is None:
        return "The response names no person: there is no one a detainer could be about."
    if citizenship is not None:
        return citizenship
    return STOPS.get(determination)


def query_view(query: StoredStatusQuery) -> QueryView:
    answer = query.automatic_answer
    candidates = [_candidate(raw) for raw in answer.get("candidates", [])]
    claimed = query.citizenship_claimed or answer.get("recommendation") == "citizenship_claim_stop"
    citizenship = CITIZENSHIP_STOP if claimed else None
    determination = _determination(query, answer)
    return QueryView(
        query=query,
        state=STATES[query.state],
        answer=answer,
        candidates=candidates,
        weak_match=weak_match(candidates),
        citizenship_stop=citizenship,
        determination=determination,
        detainer_stop=_detainer_stop(query, determination, citizenship),
    )
