"""Splink's match-weight waterfall, read from a trained model and one scored pair.

A pair's match weight is the prior's weight plus, for each comparison, the weight of the
level the pair fell in (``mw_<comparison>``) and any term-frequency adjustment
(``mw_tf_adj_<comparison>``): Fellegi-Sunter weights add. This module names each level
from the saved model (its ``label_for_charts``) and finds which input columns each
comparison reads, so that the values compared can be shown beside their weight.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import sqlglot
from sqlglot import exp


@dataclass(frozen=True)
class Feature:
    """One comparison's contribution to a pair's match weight."""

    comparison: str
    level: str
    weight: float
    """log2 of the level's Bayes factor (m / u)."""
    tf_adjustment: float
    """Extra weight for how rare (or common) the agreeing value is."""
    value_l: str
    value_r: str

    @property
    def total(self) -> float:
        return self.weight + self.tf_adjustment


@dataclass(frozen=True)
class Comparison:
    name: str
    levels: Mapping[int, str]
    """Comparison vector value (``gamma_<name>``) -> the level's label."""
    columns: tuple[str, ...]
    """Input columns the comparison reads (without Splink's ``_l``/``_r``), in order."""


def prior_weight(trained: Mapping[str, Any]) -> float:
    """The weight of the prior: log2 of the odds that two random records match."""
    p = float(trained["probability_two_random_records_match"])
    return math.log2(p / (1 - p))


@cache
def _columns(sql: str) -> tuple[str, ...]:
    if sql.strip().upper() == "ELSE":
        return ()
    found = sqlglot.parse_one(sql, read="duckdb").find_all(exp.Column)
    names = (c.name.removesuffix("_l").removesuffix("_r") for c in found)
    return tuple(dict.fromkeys(names))


def comparisons(trained: Mapping[str, Any]) -> tuple[Comparison, ...]:
    """Each comparison of a saved model, its levels numbered as Splink numbers them: a
    null level is -1, the others count down to 0 (the else level) in order."""
    found = []
    for c in trained["comparisons"]:
        levels = c["comparison_levels"]
        counter = sum(1 for lv in levels if not lv.get("is_null_level")) - 1
        labels: dict[int, str] = {}
        columns: dict[str, None] = {}
        for lv in levels:
            label = str(lv.get("label_for_charts") or lv["sql_condition"])
            if lv.get("is_null_level"):
                labels[-1] = label
            else:
                labels[counter] = label
                counter -= 1
            columns.update(dict.fromkeys(_columns(str(lv["sql_condition"]))))
        found.append(Comparison(str(c["output_column_name"]), labels, tuple(columns)))
    return tuple(found)


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(str(v) for v in value)
    return str(value)


def _value(record: Mapping[str, Any], columns: tuple[str, ...]) -> str:
    """The value a comparison is about: its first column (the others derive from it, like
    ``dob_year`` from ``dob``)."""
    return _shown(record.get(columns[0])) if columns else ""


def features(
    trained: Mapping[str, Any],
    scored: Mapping[str, Any],
    left: Mapping[str, Any],
    right: Mapping[str, Any],
) -> tuple[Feature, ...]:
    """The waterfall of one scored pair (``gamma_*``/``mw_*`` columns), with the values
    each comparison read from the ``left`` and ``right`` records."""
    return tuple(
        Feature(
            comparison=c.name,
            level=c.levels.get(int(scored[f"gamma_{c.name}"]), "?"),
            weight=float(scored[f"mw_{c.name}"]),
            tf_adjustment=float(scored.get(f"mw_tf_adj_{c.name}") or 0.0),
            value_l=_value(left, c.columns),
            value_r=_value(right, c.columns),
        )
        for c in comparisons(trained)
    )
