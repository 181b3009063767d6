"""Why records are one person: the ties within a person, and the waterfall of any pair.

A person's explanation is a maximum spanning tree over what tied their records: the
model's ties (pairs the run scored at or above the cluster threshold that the
never-the-same rule allows), strongest first, then analysts' merges where the model's
ties do not reach. Each model tie carries its waterfall. Any two records can be
explained: from ``scored_pairs`` when the run scored them, else scored now with the
saved model (Splink's ``score_pair``).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
from splink import DuckDBAPI, Linker

from tessera.identity import model
from tessera.identity.judgements import Judgement
from tessera.identity.linkage_input import INPUT_TABLE
from tessera.identity.people import records_of
from tessera.identity.scoring import drop_splink_tables
from tessera.identity.tables import PAIRS_TABLE
from tessera.identity.waterfall import Feature, features, prior_weight


class UnknownRecordError(LookupError):
    """A record key (``feed:record_id``) that names no person record in the workspace."""


@dataclass(frozen=True)
class PairExplanation:
    record_l: str
    record_r: str
    prior: float
    features: tuple[Feature, ...]
    match_weight: float
    match_probability: float
    scored_by_run: bool
    """True: the weights the last run scored; False: scored now with the saved model."""
    never_same: bool
    """The model's never-the-same rule forbids this pair, whatever its weight."""


@dataclass(frozen=True)
class Tie:
    """One edge of a person's spanning tree: a merge judgement or a model tie."""

    record_l: str
    record_r: str
    judgement_id: int | None
    pair: PairExplanation | None


@dataclass(frozen=True)
class RecordLine:
    key: str
    name: str
    dob: str
    identifiers: str


@dataclass(frozen=True)
class PersonExplanation:
    person_id: str
    records: tuple[RecordLine, ...]
    ties: tuple[Tie, ...]


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    result = con.execute(sql, params)
    names = [d[0] for d in result.description or ()]
    return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


def _inputs(con: duckdb.DuckDBPyConnection, keys: Sequence[str]) -> dict[str, dict[str, Any]]:
    rows = _rows(
        con,
        f"SELECT * FROM {INPUT_TABLE} WHERE unique_id IN (SELECT unnest($1::VARCHAR[]))",
        [list(keys)],
    )
    found = {str(r["unique_id"]): r for r in rows}
    missing = [k for k in keys if k not in found]
    if missing:
        raise UnknownRecordError(f"no person record {missing[0]!r} in the workspace")
    return found


def _explained(
    trained: Mapping[str, Any],
    scored: Mapping[str, Any],
    inputs: Mapping[str, Mapping[str, Any]],
    *,
    by_run: bool,
    never_same: bool,
) -> PairExplanation:
    left, right = str(scored["unique_id_l"]), str(scored["unique_id_r"])
    return PairExplanation(
        record_l=left,
        record_r=right,
        prior=prior_weight(trained),
        features=features(trained, scored, inputs[left], inputs[right]),
        match_weight=float(scored["match_weight"]),
        match_probability=float(scored["match_probability"]),
        scored_by_run=by_run,
        never_same=never_same,
    )


def _score_now(
    con: duckdb.DuckDBPyConnection, trained: Mapping[str, Any], left: str, right: str
) -> dict[str, Any]:
    """Score one pair with the saved model (term frequencies from the same records)."""
    cur = con.cursor()
    try:
        db = DuckDBAPI(connection=cur)
        linker = Linker(db.register(INPUT_TABLE), dict(trained), log_level=logging.WARNING)
        for side, key in (("l", left), ("r", right)):
            cur.execute(
                f"CREATE OR REPLACE TEMP TABLE _explain_{side} AS "
                f"SELECT * FROM {INPUT_TABLE} WHERE unique_id = ?",
                [key],
            )
        scored = linker.inference.score_pair(db.register("_explain_l"), db.register("_explain_r"))
        [row] = _rows(cur, f"SELECT * FROM {scored.physical_name}", [])
    finally:
        cur.close()
        drop_splink_tables(con)
    return row


def _never_same(con: duckdb.DuckDBPyConnection, left: str, right: str) -> bool:
    row = con.execute(
        f"SELECT coalesce({model.NEVER_THE_SAME}, false) FROM {INPUT_TABLE} l, {INPUT_TABLE} r "
        "WHERE l.unique_id = ? AND r.unique_id = ?",
        [left, right],
    ).fetchone()
    return bool(row[0]) if row else False


def explain_pair(
    con: duckdb.DuckDBPyConnection, trained: Mapping[str, Any], a: str, b: str
) -> PairExplanation:
    """The waterfall of records ``a`` and ``b`` (``feed:record_id``), lower key left."""
    left, right = sorted((a, b))
    if left == right:
        raise ValueError("explain two different records")
    inputs = _inputs(con, [left, right])
    stored = _rows(
        con,
        f"SELECT * FROM {PAIRS_TABLE} WHERE unique_id_l = ? AND unique_id_r = ?",
        [left, right],
    )
    if stored:
        return _explained(
            trained, stored[0], inputs, by_run=True, never_same=bool(stored[0]["never_same"])
        )
    scored = _score_now(con, trained, left, right)
    return _explained(
        trained, scored, inputs, by_run=False, never_same=_never_same(con, left, right)
    )


def _record_lines(con: duckdb.DuckDBPyConnection, keys: Sequence[str]) -> tuple[RecordLine, ...]:
    rows = con.execute(
        "SELECT i.unique_id, coalesce(nullif(concat_ws(' ', p.family, p.given, p.middle), ''), "
        "array_to_string(p.name_tokens, ' ')), coalesce(i.dob, ''), "
        "concat_ws(' ', p.a_number, p.fin, p.fbi_number, p.sevis_id, p.ssn, p.passport) "
        f"FROM {INPUT_TABLE} i JOIN person_records p USING (feed, record_id) "
        "WHERE i.unique_id IN (SELECT unnest($1::VARCHAR[])) ORDER BY i.unique_id",
        [list(keys)],
    ).fetchall()
    return tuple(RecordLine(str(k), str(n or ""), str(d), str(ids or "")) for k, n, d, ids in rows)


def _merge_ties(records: set[str], judgements: Sequence[Judgement]) -> list[tuple[str, str, int]]:
    ties = []
    for j in sorted(judgements, key=lambda j: j.id):
        if j.kind == "merge":
            a = [r for r in j.side_a if r in records]
            b = [r for r in j.side_b if r in records]
            ties += [(x, y, j.id) for x in a for y in b]
    return ties


def explain_person(
    con: duckdb.DuckDBPyConnection,
    trained: Mapping[str, Any],
    person_id: str,
    judgements: Sequence[Judgement] = (),
) -> PersonExplanation:
    """What ties the records of the live person ``person_id`` (see the module's doc)."""
    keys = records_of(con, person_id)
    if not keys:
        raise LookupError(f"no live person {person_id!r}")
    inputs = _inputs(con, keys)
    scored = _rows(
        con,
        f"SELECT * FROM {PAIRS_TABLE} WHERE unique_id_l IN (SELECT unnest($1::VARCHAR[])) "
        "AND unique_id_r IN (SELECT unnest($1::VARCHAR[])) AND NOT never_same "
        f"AND match_probability >= {model.CLUSTER_THRESHOLD!r} "
        "ORDER BY match_weight DESC, unique_id_l, unique_id_r",
        [keys],
    )
    root = {k: k for k in keys}

    def find(k: str) -> str:
        while root[k] != k:
            root[k] = root[root[k]]
            k = root[k]
        return k

    def joins(a: str, b: str) -> bool:
        ra, rb = find(a), find(b)
        root[ra] = rb
        return ra != rb

    ties: list[Tie] = []
    for row in scored:
        if joins(str(row["unique_id_l"]), str(row["unique_id_r"])):
            pair = _explained(trained, row, inputs, by_run=True, never_same=False)
            ties.append(Tie(pair.record_l, pair.record_r, None, pair))
    ties += [Tie(a, b, j, None) for a, b, j in _merge_ties(set(keys), judgements) if joins(a, b)]
    return PersonExplanation(person_id, _record_lines(con, keys), tuple(ties))
