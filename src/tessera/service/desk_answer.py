"""What the status-query desk may answer at once, and when a person must verify first.

Pure decisions over plain values, so each safeguard can be tested on its own:

- an answer is automatic only for one certain match whose status the records show, and
  even then it states what the records show, never that anyone is removable;
- no match, an uncertain or ambiguous match, a status the records cannot show, a record
  showing no period of status, a 1367-protected person, and any claim of U.S. citizenship
  or U.S. birthplace all send the query to an operator ("requires verification");
- a citizenship claim or a U.S. birthplace stops every enforcement recommendation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from tessera.model.status_desk import CITIZENSHIP_STOP, NO_ENFORCEMENT_ON_RECORDS, Determination
from tessera.store.operational.published_rows import PeriodEntry

CERTAIN_MATCH: Final = 0.9
"""A candidate below this confidence is not certainly the person asked about."""

CLEAR_MARGIN: Final = 0.15
"""A runner-up this close to the best candidate makes the match ambiguous."""

US_BIRTHPLACES: Final = frozenset(
    {"US", "USA", "U.S.", "U.S.A.", "UNITED STATES", "UNITED STATES OF AMERICA"}
)
"""Place-of-birth values that name the United States itself (NCIC POB codes for the states
are two letters as well: any U.S. state code counts, see ``born_in_us``)."""


class Recommendation(StrEnum):
    """The only recommendations a response may carry. There is deliberately no
    "removable": that is an officer's determination, not a database's."""

    none = "none"
    officer_review = "officer_review"
    """An ICE officer must review the records before anyone acts."""
    citizenship_claim_stop = "citizenship_claim_stop"
    """A claim of citizenship or a U.S. birthplace: nothing may be done until it is
    investigated (Directive 16001.2)."""


@dataclass(frozen=True)
class CandidateStatus:
    """One candidate as the desk sees it: how sure the match is and what the records show
    on the day asked about."""

    person_id: str
    confidence: float
    standing: str
    """CITIZEN, PROTECTED, NONCITIZEN or UNKNOWN (tessera.status.standing)."""
    periods: tuple[PeriodEntry, ...]
    """The periods of status covering the day."""
    evidence: tuple[str, ...]
    protected_1367: bool = False
    born_in_us: bool = False
    """The person's own records give the United States as the country of birth."""


@dataclass(frozen=True)
class DeskAnswer:
    determination: Determination
    recommendation: Recommendation
    requires_verification: bool
    reasons: tuple[str, ...]
    person_id: str | None
    evidence: tuple[str, ...]
    notice: str


def born_in_us(place_of_birth: str | None, us_states: frozenset[str]) -> bool:
    """Whether the stated place of birth is the United States or one of its states."""
    if not place_of_birth:
        return False
    text = " ".join(place_of_birth.upper().replace(",", " ").split())
    return text in US_BIRTHPLACES or text in us_states or text.endswith(" USA")


def determination_of(status: CandidateStatus) -> Determination:
    """What the records show about one person on the day."""
    kinds = {p.kind for p in status.periods}
    if status.standing == "CITIZEN" or "CITIZENSHIP" in kinds:
        return Determination.us_citizen
    if status.standing == "PROTECTED" or kinds & {"REFUGEE", "PROTECTION", "COURT_RELIEF"}:
        return Determination.protected_status
    if "PERMANENT_RESIDENCE" in kinds:
        return Determination.lawful_permanent_resident
    if kinds & {"STAY", "STUDENT_STATUS"}:
        return Determination.lawful_status_shown
    if status.standing == "NONCITIZEN":
        return Determination.no_lawful_status_shown
    return Determination.not_determined


def _match_doubts(candidates: Sequence[CandidateStatus]) -> list[str]:
    if not candidates:
        return ["no person in the records matches: absence of records is not evidence"]
    best = candidates[0]
    doubts = []
    if best.confidence < CERTAIN_MATCH:
        doubts.append(f"the best match is not certain (confidence {best.confidence:.2f})")
    if len(candidates) > 1 and candidates[1].confidence >= best.confidence - CLEAR_MARGIN:
        # Confidences, never ids: either person may be one the asker must not be told
        # about (1367), and the reasons go to the asker; the candidates they may see are
        # listed with their ids beside the reasons.
        doubts.append(
            f"two people match almost equally (confidence {best.confidence:.2f} and "
            f"{candidates[1].confidence:.2f})"
        )
    return doubts


def _status_doubts(determination: Determination, best: CandidateStatus) -> list[str]:
    if best.protected_1367:
        return ["the records are protected by 8 U.S.C. 1367: an authorised officer responds"]
    if determination is Determination.not_determined:
        return ["the records cannot show this person's status"]
    if determination is Determination.no_lawful_status_shown:
        return ["the records show no period of status: an officer must review them"]
    return []


def _claim(citizenship_claimed: bool, us_birthplace: bool) -> list[str]:
    if not (citizenship_claimed or us_birthplace):
        return []
    said = "claims U.S. citizenship" if citizenship_claimed else "was born in the U.S."
    return [f"the person {said}: investigated at once (Directive 16001.2)"]


def _determination(best: CandidateStatus | None, doubts: Sequence[str]) -> Determination:
    if best is None:
        return Determination.no_record
    if doubts or best.protected_1367:
        # An uncertain match says nothing about anyone's status; for a 1367-protected
        # person even the kind of status would disclose a T, U or VAWA filing.
        return Determination.not_determined
    return determination_of(best)


def decide_answer(
    candidates: Sequence[CandidateStatus], citizenship_claimed: bool, us_birthplace: bool
) -> DeskAnswer:
    """The automatic answer to a query whose candidates are ``candidates`` (best first)."""
    best = candidates[0] if candidates else None
    doubts = _match_doubts(candidates)
    us_birthplace = us_birthplace or (best is not None and best.born_in_us)
    claim = citizenship_claimed or us_birthplace
    determination = _determination(best, doubts)
    reasons = [*doubts, *_claim(citizenship_claimed, us_birthplace)]
    if best is not None and not doubts:
        reasons += _status_doubts(determination, best)
    if claim:
        recommendation = Recommendation.citizenship_claim_stop
    elif determination is Determination.no_lawful_status_shown:
        recommendation = Recommendation.officer_review
    else:
        recommendation = Recommendation.none
    shown = best if best is not None and determination is not Determination.not_determined else None
    notice = NO_ENFORCEMENT_ON_RECORDS + (" " + CITIZENSHIP_STOP if claim else "")
    return DeskAnswer(
        determination=determination,
        recommendation=recommendation,
        requires_verification=bool(reasons),
        reasons=tuple(reasons),
        person_id=shown.person_id if shown else None,
        evidence=shown.evidence if shown else (),
        notice=notice,
    )
