"""Explanations: a person's ties span their records, and every waterfall adds up."""

from __future__ import annotations

import duckdb
import pytest

from tessera.identity import Judgement, assign_people
from tessera.identity.explain import (
    PairExplanation,
    UnknownRecordError,
    explain_pair,
    explain_person,
)
from tests.identity.conftest import Resolved


def _adds_up(pair: PairExplanation) -> bool:
    total = pair.prior + sum(f.weight + f.tf_adjustment for f in pair.features)
    return abs(total - pair.match_weight) < 1e-9


def _people(con: duckdb.DuckDBPyConnection, size: int, limit: int) -> list[str]:
    rows = con.execute(
        "SELECT person_id FROM person_registry GROUP BY person_id "
        f"HAVING count(*) = {size} ORDER BY person_id LIMIT {limit}"
    ).fetchall()
    return [str(r[0]) for r in rows]


def test_a_persons_ties_connect_all_their_records_and_each_adds_up(
    resolved_sample: Resolved,
) -> None:
    con = duckdb.connect(str(resolved_sample.workspace), read_only=True)
    trained = resolved_sample.trained()
    checked = 0
    for size in (2, 3, 5):
        for person_id in _people(con, size, 5):
            explained = explain_person(con, trained, person_id)
            keys = {r.key for r in explained.records}
            assert len(keys) == size and len(explained.ties) == size - 1
            joined = {explained.ties[0].record_l}
            for _ in explained.ties:  # the ties form a spanning tree over the records
                for t in explained.ties:
                    if (t.record_l in joined) != (t.record_r in joined):
                        joined |= {t.record_l, t.record_r}
            assert joined == keys
            for tie in explained.ties:
                assert tie.pair is not None and tie.judgement_id is None
                assert _adds_up(tie.pair) and tie.pair.scored_by_run
                assert tie.pair.match_probability >= 0.5 and not tie.pair.never_same
            checked += 1
    con.close()
    assert checked == 15


def test_a_pair_scored_now_matches_the_pair_as_the_run_scored_it(
    resolved_copy: Resolved,
) -> None:
    con = duckdb.connect(str(resolved_copy.workspace))
    trained = resolved_copy.trained()
    row = con.execute(
        "SELECT unique_id_l, unique_id_r FROM scored_pairs "
        "WHERE mw_tf_adj_name <> 0 AND match_probability > 0.9 ORDER BY ALL LIMIT 1"
    ).fetchone()
    assert row is not None
    stored = explain_pair(con, trained, row[1], row[0])
    con.execute("DELETE FROM scored_pairs WHERE unique_id_l = ? AND unique_id_r = ?", row)
    now = explain_pair(con, trained, row[0], row[1])
    con.close()
    assert (stored.scored_by_run, now.scored_by_run) == (True, False)
    assert (stored.record_l, stored.record_r) == (now.record_l, now.record_r) == row
    assert now.match_weight == pytest.approx(stored.match_weight, abs=1e-9)
    for a, b in zip(stored.features, now.features, strict=True):
        assert (a.comparison, a.level, a.value_l, a.value_r) == (
            b.comparison,
            b.level,
            b.value_l,
            b.value_r,
        )
        assert a.weight == pytest.approx(b.weight) and a.tf_adjustment == pytest.approx(
            b.tf_adjustment
        )
    assert _adds_up(now) and _adds_up(stored)


def test_any_two_records_can_be_explained_and_hard_evidence_is_flagged(
    resolved_copy: Resolved,
) -> None:
    con = duckdb.connect(str(resolved_copy.workspace))
    row = con.execute(
        "SELECT l.unique_id, r.unique_id FROM linkage_input l JOIN linkage_input r "
        "ON l.fin <> r.fin AND l.unique_id < r.unique_id ORDER BY ALL LIMIT 1"
    ).fetchone()
    assert row is not None
    pair = explain_pair(con, resolved_copy.trained(), *row)
    fin = next(f for f in pair.features if f.comparison == "fin")
    assert pair.never_same and fin.weight < 0 and fin.value_l != fin.value_r
    assert fin.value_l.startswith("FIN") and _adds_up(pair)
    with pytest.raises(UnknownRecordError, match="nobody:1"):
        explain_pair(con, resolved_copy.trained(), row[0], "nobody:1")
    with pytest.raises(ValueError, match="two different records"):
        explain_pair(con, resolved_copy.trained(), row[0], row[0])
    con.close()


def test_a_merge_judgement_shows_as_a_tie(resolved_copy: Resolved) -> None:
    con = duckdb.connect(str(resolved_copy.workspace))
    a, b = _people(con, 2, 2)
    side_a = [
        str(r[0])
        for r in con.execute(
            "SELECT unique_id FROM person_registry WHERE person_id = ? ORDER BY 1", [a]
        ).fetchall()
    ]
    side_b = [
        str(r[0])
        for r in con.execute(
            "SELECT unique_id FROM person_registry WHERE person_id = ? ORDER BY 1", [b]
        ).fetchall()
    ]
    assign_people(con, [Judgement(5, "merge", tuple(side_a), tuple(side_b))])
    explained = explain_person(
        con, resolved_copy.trained(), a, [Judgement(5, "merge", tuple(side_a), tuple(side_b))]
    )
    con.close()
    assert {r.key for r in explained.records} == set(side_a + side_b)
    assert [t.judgement_id for t in explained.ties].count(5) == 1
    assert len(explained.ties) == 3 and explained.ties[-1].pair is None
    assert explained.ties[-1].record_l in side_a and explained.ties[-1].record_r in side_b
