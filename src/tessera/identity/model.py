"""The linkage model, declared: what is compared and how it is trained (which pairs are
compared at all is ``blocking.py``'s).

Splink's comparison library does the arithmetic (Fellegi-Sunter match weights, EM);
this module says which evidence Tessera trusts and how much a shared value says once
term frequencies are taken into account (a passport number shared by many counts for
less).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jellyfish
import splink.comparison_level_library as cll
import splink.comparison_library as cl
import sqlglot
from splink import SettingsCreator
from sqlglot import exp

SQL_DIALECT = "duckdb"
"""The dialect of the SQL written by hand below: Splink (through sqlglot) translates it
for another backend (Spark, ``spark.py``), so keep to functions both know, or that sqlglot
translates (``array_length`` becomes Spark's ``size``), or that Splink registers on Spark
(``damerau_levenshtein``, ``jaro_winkler``)."""

MATCH_THRESHOLD = 0.2  # pairs scored and kept (explanations show near misses too)
CLUSTER_THRESHOLD = 0.5  # pairs more likely the same person than not may join two records


def _sql(condition: str, label: str | None = None) -> Any:
    """A comparison level written in SQL (DuckDB's, translated for other backends)."""
    return cll.CustomLevel(condition, label, base_dialect_str=SQL_DIALECT)


def _name() -> Any:
    """Names as sets of keys: order swaps, dropped parts and variants still agree."""
    return cl.CustomComparison(
        output_column_name="name",
        comparison_levels=[
            cll.NullLevel("name_keys"),
            cll.ExactMatchLevel("name_signature", term_frequency_adjustments=True),
            cll.And(cll.ExactMatchLevel("family_key"), cll.ExactMatchLevel("given_joined")),
            cll.And(
                cll.ArraySubsetLevel("name_keys"),
                _sql(
                    "least(array_length(name_keys_l), array_length(name_keys_r)) >= 2",
                    "Two keys or more each",
                ),
            ),
            cll.ArrayIntersectLevel("name_keys", min_intersection=2),
            cll.ArrayIntersectLevel("name_sounds", min_intersection=2),
            # One family name and a typo in the given names (MAURICIO, MAUICIO) is rarer by
            # chance than one shared given name under two family names (MARIA X, MARIA Y),
            # the commoner way to meet the next level.
            cll.And(cll.ExactMatchLevel("family_key"), cll.JaroWinklerLevel("given_joined", 0.9)),
            cll.And(
                cll.ArrayIntersectLevel("name_keys", min_intersection=1),
                cll.JaroWinklerLevel("given_joined", 0.9),
            ),
            cll.ArrayIntersectLevel("name_keys", min_intersection=1),
            cll.ElseLevel(),
        ],
    )


def _dob() -> Any:
    """Dates of birth as systems get them wrong: partial, day and month swapped, a digit off."""
    return cl.CustomComparison(
        output_column_name="dob",
        comparison_levels=[
            cll.NullLevel("dob"),
            cll.And(cll.ExactMatchLevel("dob"), _sql("dob_day_l IS NOT NULL")),
            _sql(
                "dob_year_l = dob_year_r AND (dob_day_l IS NULL OR dob_day_r IS NULL) "
                "AND (dob_month_l IS NULL OR dob_month_r IS NULL OR dob_month_l = dob_month_r)",
                "Partial dates that agree",
            ),
            # A swap or one keystroke is rare by chance; a digit off by one or ten, or a
            # placeholder 1 January in the right year, much less so: two levels, two weights.
            cll.And(
                _sql("dob_day_l IS NOT NULL AND dob_day_r IS NOT NULL"),
                _sql(dob_keystroke("_l", "_r"), "Day and month swapped, or one keystroke"),
            ),
            cll.And(
                _sql("dob_day_l IS NOT NULL AND dob_day_r IS NOT NULL"),
                _sql(dob_slip("_l", "_r"), "One slip apart"),
            ),
            _sql("dob_year_l = dob_year_r", "Same year"),
            cll.ElseLevel(),
        ],
    )


def _identifier(column: str, *, frequent: bool = False, typos: bool = True) -> Any:
    """Exact agreement (weighed by how often the value occurs), then one digit off."""
    levels: list[Any] = [
        cll.NullLevel(column),
        cll.ExactMatchLevel(column, term_frequency_adjustments=frequent),
    ]
    if typos:
        levels.append(cll.DamerauLevenshteinLevel(column, 1))
    levels.append(cll.ElseLevel())
    return cl.CustomComparison(output_column_name=column, comparison_levels=levels)


IDENTIFIER_COMPARISONS = ("a_number", "fin", "fbi_number", "ssn", "passport")
"""The comparisons of identifiers (the rest compare names, dates, sex and nationality)."""


def settings() -> SettingsCreator:
    comparisons: list[Any] = [
        _name(),
        _dob(),
        _identifier("a_number"),
        _identifier("fin", typos=False),
        _identifier("fbi_number", typos=False),
        _identifier("ssn", frequent=True),
        _identifier("passport", frequent=True),
        cl.ExactMatch("sex"),
        cl.ExactMatch("nationality").configure(term_frequency_adjustments=True),
    ]
    return SettingsCreator(
        link_type="dedupe_only",
        comparisons=comparisons,
        # Candidate pairs come from Tessera's own blocking (``blocking.py``), registered
        # with each linker before it predicts: none are declared to Splink.
        blocking_rules_to_generate_predictions=[],
        retain_intermediate_calculation_columns=True,
    )


@cache
def compared_columns() -> tuple[str, ...]:
    """The columns of ``linkage_input`` the model reads (besides ``unique_id``): read from
    its comparisons' SQL, so that scoring hands Splink only these, never the blocking's
    wide arrays, whatever a comparison comes to read."""
    found: set[str] = set()
    for comparison in settings().create_settings_dict(SQL_DIALECT)["comparisons"]:
        for level in comparison["comparison_levels"]:
            if level["sql_condition"] == "ELSE":
                continue
            tree = sqlglot.parse_one(level["sql_condition"], read=SQL_DIALECT)
            found |= {
                c.name[:-2] for c in tree.find_all(exp.Column) if c.name.endswith(("_l", "_r"))
            }
            if level.get("tf_adjustment_column"):
                found.add(str(level["tf_adjustment_column"]))
    return tuple(sorted(found))


# EM is trained on these blocks, always capped: uncapped EM on a DOB block runs out of memory.
EM_BLOCKS = (("dob",), ("name_signature",))
EM_MAX_PAIRS = 1_000_000
U_MAX_PAIRS = 2_000_000
M_FLOOR = 0.001  # no single disagreement may weigh more than ~10 bits against a match
U_SEED = 2004  # u is sampled at random: a fixed seed makes a re-run give the same people
PRIOR_RULE = ("name_signature", "dob")


def _differ(column: str) -> str:
    return f"(l.{column} IS NOT NULL AND r.{column} IS NOT NULL AND l.{column} <> r.{column})"


def _share(column: str) -> str:
    # Never NULL, whichever side lacks the value: the rule must read the same both ways.
    return f"coalesce(l.{column} = r.{column}, false)"


def _col(side: str, name: str) -> str:
    """A column of one side of a pair: ``l.dob`` in plain SQL, ``dob_l`` in Splink's."""
    return f"{side}.{name}" if side in ("l", "r") else f"{name}{side}"


def dob_keystroke(a: str, b: str) -> str:
    """SQL: two full dates of birth with day and month swapped, or one character apart."""
    y1, m1, d1 = (_col(a, f"dob_{p}") for p in ("year", "month", "day"))
    y2, m2, d2 = (_col(b, f"dob_{p}") for p in ("year", "month", "day"))
    return (
        f"(({y1} = {y2} AND {m1} = {d2} AND {d1} = {m2}) "
        f"OR damerau_levenshtein({_col(a, 'dob')}, {_col(b, 'dob')}) <= 1)"
    )


def dob_slip(a: str, b: str) -> str:
    """SQL: two full dates of birth one clerk's slip apart: day and month swapped, one
    character mistyped, one part off by one or ten (a digit off by one, carried), or an
    unknown date entered as 1 January of the right year. ``a``/``b`` are pair sides."""
    y1, m1, d1 = (_col(a, f"dob_{p}") for p in ("year", "month", "day"))
    y2, m2, d2 = (_col(b, f"dob_{p}") for p in ("year", "month", "day"))
    off = "IN (1, 10)"
    return (
        f"({dob_keystroke(a, b)} "
        f"OR ({m1} = {m2} AND {d1} = {d2} AND abs({y1} - {y2}) {off}) "
        f"OR ({y1} = {y2} AND {d1} = {d2} AND abs({m1} - {m2}) {off}) "
        f"OR ({y1} = {y2} AND {m1} = {m2} AND abs({d1} - {d2}) {off}) "
        f"OR ({y1} = {y2} AND (({m1} = 1 AND {d1} = 1) OR ({m2} = 1 AND {d2} = 1))))"
    )


Birth = tuple[int, int, int]


def births_slip(a: Birth, b: Birth) -> bool:
    """``dob_slip`` for two full dates held in Python (the clustering's consensus check);
    a test holds the two to the same answers."""
    (y1, m1, d1), (y2, m2, d2) = a, b
    one_part = (y1 == y2) + (m1 == m2) + (d1 == d2) == 2
    off = {abs(y1 - y2), abs(m1 - m2), abs(d1 - d2)} - {0}
    text1, text2 = f"{y1:04d}-{m1:02d}-{d1:02d}", f"{y2:04d}-{m2:02d}-{d2:02d}"
    return (
        a == b
        or (y1 == y2 and m1 == d2 and d1 == m2)
        or jellyfish.damerau_levenshtein_distance(text1, text2) <= 1
        or (one_part and off <= {1, 10})
        or (y1 == y2 and ((m1, d1) == (1, 1) or (m2, d2) == (1, 1)))
    )


def _year_slip(a: str, b: str) -> str:
    y1, y2 = _col(a, "dob_year"), _col(b, "dob_year")
    return (
        f"({y1} = {y2} OR abs({y1} - {y2}) IN (1, 10) "
        f"OR damerau_levenshtein(CAST({y1} AS VARCHAR), CAST({y2} AS VARCHAR)) <= 1)"
    )


# Two dates of birth no slip explains: both known and neither equal nor a slip apart;
# a partial date conflicts only when its year does.
_DOB_CONFLICT = (
    "(l.dob_year IS NOT NULL AND r.dob_year IS NOT NULL AND CASE "
    f"WHEN l.dob_day IS NOT NULL AND r.dob_day IS NOT NULL "
    f"THEN l.dob <> r.dob AND NOT {dob_slip('l', 'r')} "
    f"ELSE NOT {_year_slip('l', 'r')} END)"
)

# Evidence no score may override (over l and r, the two records of a pair):
# - two different fingerprint enrolments (FIN) are two different people, always;
# - unless a fingerprint, A-number or FBI number ties them, two SSNs more than a
#   transposition apart, or two dates of birth in conflict, mean two people (an identity
#   thief working on a victim's SSN, often under the victim's name, keeps their own
#   date of birth half the time).
FINGERS_DIFFER = _differ("fin")
"""The part of the rule no person may ever break, between any two of their records: two
fingerprint enrolments are two people. The dates-of-birth part is held by each person's
consensus date instead (``partition.py``): two records that are each one slip from the
truth may be two slips from each other."""

STRONG_IDENTIFIERS = ("fin", "a_number", "fbi_number", "passport_holder")
"""Identifiers one person holds alone: a fingerprint enrolment, an A-number, an FBI
number, and a passport reported lost or stolen once it is in its later holder's hands
(``passport_holder``: every use after the report is that holder's)."""

_TIED = "(" + " OR ".join(_share(c) for c in STRONG_IDENTIFIERS) + ")"

DOCUMENT_HOLDERS_DIFFER = (
    "(l.passport = r.passport "
    "AND l.passport_after_report <> r.passport_after_report "
    f"AND NOT {_TIED})"
)
"""One passport, used before its loss (or theft, or revocation) was reported and used
after it: the owner's hands and someone else's, unless a fingerprint, A-number or FBI
number ties the two uses. An impostor carries the owner's name, date of birth and number,
so no score can tell them apart; the report's date can (SPEC: a document used after its
report is LOST_STOLEN_DOCUMENT_USED). ``passport_after_report`` is NULL where the record
has no date or the number was never reported, and NULL never conflicts."""

TRAVELLERS_DIFFER = (
    f"(coalesce(list_contains(l.passports_apart, r.passport), false) AND NOT {_TIED})"
)
"""Two passports whose stays in the country overlap (one arrived, and left, while the
other was still here): two bodies, unless a fingerprint, A-number or FBI number ties the
two records. Namesakes with one date of birth, each on their own passport, differ in
nothing else a score reads (``linkage_input._TRAVEL_APART`` finds the passports)."""

HOLDERS_DIFFER = f"({FINGERS_DIFFER} OR {DOCUMENT_HOLDERS_DIFFER} OR {TRAVELLERS_DIFFER})"
"""The rules no grouping may break between any two of a person's records (the partition
refuses them outright, ``partition.py``)."""

NEVER_THE_SAME = f"{HOLDERS_DIFFER} OR (NOT {_TIED} AND {_DOB_CONFLICT})"
