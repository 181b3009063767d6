"""The status desk's automatic answers: when it may answer, and what it may never say."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from tessera.model.status_desk import Determination
from tessera.service.desk_answer import (
    CandidateStatus,
    Recommendation,
    born_in_us,
    decide_answer,
)
from tessera.store.operational.published_rows import PeriodEntry

STATES = frozenset({"TX", "CA", "NY"})
LPR = PeriodEntry("PERMANENT_RESIDENCE", "I-485 approved", dt.date(2010, 1, 1), None, "benefits:B1")
VISIT = PeriodEntry("STAY", "B2 admitted until", dt.date(2026, 1, 1), dt.date(2026, 12, 1), "a:1")


def person(
    pid: str = "P1",
    confidence: float = 0.99,
    standing: str = "NONCITIZEN",
    periods: tuple[PeriodEntry, ...] = (),
    protected: bool = False,
) -> CandidateStatus:
    return CandidateStatus(pid, confidence, standing, periods, ("arrivals:1",), protected)


def test_a_certain_match_with_status_shown_is_answered_at_once() -> None:
    answer = decide_answer([person(periods=(LPR,))], False, False)
    assert answer.determination is Determination.lawful_permanent_resident
    assert not answer.requires_verification
    assert answer.person_id == "P1" and answer.evidence == ("arrivals:1",)
    assert answer.recommendation is Recommendation.none


def test_no_match_is_no_record_and_waits_for_an_operator() -> None:
    answer = decide_answer([], False, False)
    assert answer.determination is Determination.no_record
    assert answer.requires_verification
    assert "absence of records is not evidence" in answer.reasons[0]


def test_an_uncertain_or_ambiguous_match_says_nothing_about_status() -> None:
    weak = decide_answer([person(confidence=0.6, periods=(VISIT,))], False, False)
    close = decide_answer(
        [person("P1", 0.97, periods=(VISIT,)), person("P2", 0.9, periods=(LPR,))], False, False
    )
    for answer in (weak, close):
        assert answer.determination is Determination.not_determined
        assert answer.requires_verification and answer.person_id is None


def test_an_ambiguous_answer_names_no_person_in_its_reasons() -> None:
    # The reasons go to the asking agency; either person may be one it must not learn
    # of (a 1367 filer hidden from a partner officer), so they carry confidences only.
    close = decide_answer(
        [person("P0000ABC", 0.97, periods=(VISIT,)), person("P0000XYZ", 0.93, protected=True)],
        False,
        False,
    )
    said = " ".join(close.reasons)
    assert "almost equally" in said and "0.97" in said
    assert "P0000ABC" not in said and "P0000XYZ" not in said


def test_no_period_shown_is_never_removable_but_an_officer_review() -> None:
    answer = decide_answer([person()], False, False)
    assert answer.determination is Determination.no_lawful_status_shown
    assert answer.recommendation is Recommendation.officer_review
    assert answer.requires_verification
    assert "not a determination that the person is removable" in answer.notice


def test_a_protected_person_discloses_nothing() -> None:
    answer = decide_answer([person(standing="PROTECTED", protected=True)], False, False)
    assert answer.determination is Determination.not_determined
    assert answer.person_id is None and answer.evidence == ()
    assert any("1367" in r for r in answer.reasons)


def test_a_us_birthplace_in_the_records_stops_enforcement_too() -> None:
    born_here = CandidateStatus("P1", 0.99, "NONCITIZEN", (), ("custody:1",), born_in_us=True)
    answer = decide_answer([born_here], False, False)
    assert answer.recommendation is Recommendation.citizenship_claim_stop
    assert answer.requires_verification


def test_place_of_birth_in_the_united_states() -> None:
    assert born_in_us("TX", STATES) and born_in_us("United States", STATES)
    assert born_in_us("HOUSTON, TX, USA", STATES)
    assert not born_in_us("MEXICO CITY, MEXICO", STATES) and not born_in_us(None, STATES)


periods = st.lists(st.sampled_from([LPR, VISIT]), max_size=2).map(tuple)
candidates = st.lists(
    st.builds(
        person,
        pid=st.sampled_from(["P1", "P2", "P3"]),
        confidence=st.floats(0, 1),
        standing=st.sampled_from(["CITIZEN", "PROTECTED", "NONCITIZEN", "UNKNOWN"]),
        periods=periods,
        protected=st.booleans(),
    ),
    max_size=3,
).map(lambda cs: sorted(cs, key=lambda c: -c.confidence))


@given(candidates, st.booleans(), st.booleans())
def test_a_citizenship_claim_always_stops_enforcement(
    found: list[CandidateStatus], claimed: bool, born_here: bool
) -> None:
    answer = decide_answer(found, claimed, born_here)
    if claimed or born_here:
        assert answer.recommendation is Recommendation.citizenship_claim_stop
        assert answer.requires_verification
    assert "removable" not in answer.recommendation.value


@given(candidates, st.booleans(), st.booleans())
def test_only_a_certain_clear_unprotected_match_is_answered_automatically(
    found: list[CandidateStatus], claimed: bool, born_here: bool
) -> None:
    answer = decide_answer(found, claimed, born_here)
    if not answer.requires_verification:
        best = found[0]
        assert best.confidence >= 0.9 and not best.protected_1367
        assert len(found) == 1 or found[1].confidence < best.confidence - 0.15
        assert answer.determination not in {
            Determination.not_determined,
            Determination.no_lawful_status_shown,
            Determination.no_record,
        }
