"""The linkage model, declared: what is compared, how candidates are found.

Splink's comparison library does the arithmetic (Fellegi-Sunter match weights, EM);
this module says which evidence Tessera trusts and how much a shared value says once
term frequencies are taken into account (a passport number shared by many counts for
less).
"""

from __future__ import annotations

from typing import Any

import splink.comparison_library as cl
from splink import SettingsCreator, block_on

MATCH_THRESHOLD = 0.5  # pairs scored at all (kept for explanations)
CLUSTER_THRESHOLD = 0.95  # pairs that join two records into one person


def settings() -> SettingsCreator:
    comparisons: list[Any] = [
        cl.ArrayIntersectAtSizes("name_keys", [3, 2, 1]),
        cl.JaroWinklerAtThresholds("family_key", [0.95, 0.88]),
        cl.JaroWinklerAtThresholds("given_key", [0.95, 0.88]),
        cl.DateOfBirthComparison("dob", input_is_string=True),
        cl.ExactMatch("a_number").configure(term_frequency_adjustments=True),
        cl.ExactMatch("fin"),
        cl.ExactMatch("fbi_number"),
        cl.ExactMatch("ssn").configure(term_frequency_adjustments=True),
        cl.ExactMatch("passport").configure(term_frequency_adjustments=True),
        cl.ExactMatch("sex"),
    ]
    return SettingsCreator(
        link_type="dedupe_only",
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=[
            block_on("family_key", "dob_year"),
            block_on("given_key", "dob"),
            block_on("family_key", "given_key"),
            block_on("a_number"),
            block_on("fin"),
            block_on("fbi_number"),
            block_on("ssn"),
            block_on("passport"),
        ],
        retain_intermediate_calculation_columns=False,
    )


# EM is trained on these blocks, always capped: uncapped EM on a DOB block runs out of memory.
EM_BLOCKS = (("dob",), ("family_key",))
EM_MAX_PAIRS = 2_000_000
U_MAX_PAIRS = 2_000_000
PRIOR_RULE = ("family_key", "given_key", "dob")


def _differ(column: str) -> str:
    return f"(l.{column} IS NOT NULL AND r.{column} IS NOT NULL AND l.{column} <> r.{column})"


def _share(column: str) -> str:
    return f"(l.{column} IS NOT NULL AND l.{column} = r.{column})"


# Evidence no score may override (over l and r, the two records of a pair):
# - two different fingerprint enrolments (FIN) are two different people, always;
# - different SSNs on I-9s, or birth years more than a year apart, mean two people
#   unless a fingerprint, A-number or FBI number ties them.
NEVER_THE_SAME = (
    f"{_differ('fin')} OR (NOT ({_share('fin')} OR {_share('a_number')} OR "
    f"{_share('fbi_number')}) AND ({_differ('ssn')} OR "
    "abs(coalesce(l.dob_year, r.dob_year) - coalesce(r.dob_year, l.dob_year)) > 1))"
)
