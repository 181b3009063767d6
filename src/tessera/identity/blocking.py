"""Which pairs of person records are compared at all: Tessera's blocking, declared.

Scoring every pair of four million records is impossible; blocking proposes the pairs
worth scoring. Each rule names a key built from one record's values (a pair of its
name keys with its year and month of birth, say); two records sharing a key under the
same rule are a candidate pair. The rules are chosen so that each kind of slip the
feeds make (a typo, a swapped day and month, a year keyed wrong, a placeholder
1 January, a date of birth missing altogether, a name spelt by ear) still leaves some
key in common, while a key stays specific enough that the pairs per record do not grow
with the square of the population: every key carries at least part of a date of birth,
or stands for a record without one (``one_side``), and such undated keys shared by
more than ``cap`` records (the commonest names) propose nothing. Last, records a chain of
identifiers links (``linkage_input.linked_group``) are compared with each other, whatever
their names: an alias is found through the documents it shares.

The candidate pairs are a self-join of a table of keys, written here in SQL that both
DuckDB and Spark run (``unnest`` becomes ``explode``), then handed to Splink as the pairs
to score (``register_blocked_pairs_for_predict``). Splink's own rule engine would build a
copy of every record for each element of an exploded array, rule after rule: at 100,000
people the same pairs took it 9.9 s against 6 s here in one statement. DuckDB joins
rule by rule (9 s), which a million people need to stay within memory (ADR 0019).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import duckdb

from tessera.identity.linkage_input import INPUT_TABLE

Dialect = Literal["duckdb", "spark"]

BLOCKED_TABLE = "blocked_pairs"
"""The candidate pairs: ``match_key`` (the first rule that proposed them),
``join_key_l`` < ``join_key_r`` (record ids), as Splink reads them."""

RECORD = "record"
"""The column that numbers the records of the blocking input (joins on integers are
several times faster than on ``feed:record_id`` strings)."""


ELEMENT = "element"
"""The name by which a rule's key parts refer to one element of its exploded array."""

UNDATED = "dob_year IS NULL"
UNSURE_DAY = "(dob_day IS NULL OR (dob_month = 1 AND dob_day = 1))"
"""A date of birth whose day (and perhaps month) says nothing: missing, or the
1 January that clerks key when they know only the year."""

_MONTH_DAY_EITHER_WAY = ("least(dob_month, dob_day)", "greatest(dob_month, dob_day)")


@dataclass(frozen=True)
class BlockingRule:
    """Records that share this rule's key are compared."""

    name: str
    parts: tuple[str, ...]
    """SQL expressions over ``linkage_input`` (and ``element``); the key is all of them,
    and a record missing any has no key under this rule."""
    explode: str | None = None
    """An array column: one key per element (the element is ``element`` in ``parts``)."""
    one_side: str | None = None
    """A condition at least one record of the pair must meet (both need not)."""
    cap: int | None = None
    """A key shared by more records than this proposes no pairs (for ``one_side`` rules,
    whose keys lack a date of birth and would otherwise grow with the population, and
    for keys too short to say much alone)."""


def _on_names(array: str, label: str, *, month_slip: bool = True) -> list[BlockingRule]:
    """Two parts of the name (``array`` holds each unordered pair of a record's name
    keys, or of their sounds) with the date of birth, as each slip in it leaves it.
    ``month_slip``: a key for one keystroke in the month too (the name keys' covers the
    sounds': under sounds it proposed 320,000 pairs at a million people, 3 true ones
    found no other way). Under the names it proposes 784,000 pairs no other key does for
    20 true ones at a million generated people, but without it 4 of the sample's 1,831
    people were split: the exchange's drops mistype months more than ours."""
    # One keystroke in the month.
    year_day = BlockingRule(f"{label}+year+day", (ELEMENT, "dob_year", "dob_day"), array)
    return [
        # The same date, or its day and month swapped.
        BlockingRule(f"{label}+date", (ELEMENT, "dob_year", *_MONTH_DAY_EITHER_WAY), array),
        # One keystroke in the day, or a partial date that gives the month.
        BlockingRule(f"{label}+year+month", (ELEMENT, "dob_year", "dob_month"), array),
        *([year_day] if month_slip else []),
        # A slip in the year (1989 keyed as 1980) escapes every year block.
        BlockingRule(f"{label}+month+day", (ELEMENT, "dob_month", "dob_day"), array),
        # Only the year known on one side (or a placeholder 1 January).
        BlockingRule(f"{label}+year", (ELEMENT, "dob_year"), array, one_side=UNSURE_DAY),
    ]


def _family_and_initial() -> list[BlockingRule]:
    """The family name and the given name's initial: a typo in every given name. On the
    date, or on the year where one side's day is unknown; with a slip in the date too,
    such keys proposed 5 million pairs at a million people for 4,000 true ones."""
    family = ("family_key", "substr(given_key, 1, 1)")
    return [
        BlockingRule("family+initial+date", (*family, "dob_year", *_MONTH_DAY_EITHER_WAY)),
        BlockingRule("family+initial+year", (*family, "dob_year"), one_side=UNSURE_DAY),
    ]


SHAPE_CAP = 20
"""One consonant shape is short and shared widely: on one date it proposes pairs only
where few records share it (two shapes on one date always do)."""

UNDATED_CAP = 100
"""Records without a date of birth are compared on name alone, but not under a name so
common that more records than this carry it: there the name says too little to score."""

WHOLE_NAME_CAP = 400
"""The cap under a record's whole name (see ``GIVEN_AND_FAMILY_CAP``)."""
GIVEN_AND_FAMILY_CAP = 200
"""...more, under the whole name or the given and family names: two words in common say
more than any two, and a record without a date was otherwise left alone whenever its
name was a common one's (at a million people: 2.5 million more pairs, 55,000 more true)."""

RULES: tuple[BlockingRule, ...] = (
    *_on_names("name_key_pairs", "two names"),
    *_on_names("name_sound_pairs", "two sounds", month_slip=False),
    # One name part on the exact date: the other parts changed or typed wrong.
    BlockingRule("one name+date", (ELEMENT, "dob"), "name_keys"),
    BlockingRule("one sound+date", (ELEMENT, "dob"), "name_sounds"),
    # Spellings confused by ear (B/V, G/J, LL/Y) on the exact date.
    BlockingRule("two shapes+date", (ELEMENT, "dob"), "name_shape_pairs"),
    BlockingRule("one shape+date", (ELEMENT, "dob"), "name_shapes", cap=SHAPE_CAP),
    *_family_and_initial(),
    # No date of birth on one side: the name must carry it.
    BlockingRule("name undated", ("name_signature",), one_side=UNDATED, cap=WHOLE_NAME_CAP),
    BlockingRule(
        "family+given undated",
        ("family_key", "given_key"),
        one_side=UNDATED,
        cap=GIVEN_AND_FAMILY_CAP,
    ),
    BlockingRule(
        "two names undated", (ELEMENT,), "name_key_pairs", one_side=UNDATED, cap=UNDATED_CAP
    ),
    BlockingRule(
        "two sounds undated", (ELEMENT,), "name_sound_pairs", one_side=UNDATED, cap=UNDATED_CAP
    ),
    # Identifiers, whatever the names and dates say (scoring weighs whose they are).
    *(BlockingRule(column, (column,)) for column in ("a_number", "fin", "fbi_number")),
    *(BlockingRule(column, (column,)) for column in ("ssn", "passport")),
    # Records an identifier chain (or one name on one date) links: every two of them.
    BlockingRule("linked records", ("linked_group",)),
    # A record without a date, on one part of its name (or its sound) and the date its
    # linked records give (``linkage_input.group_dob``).
    *(
        BlockingRule(
            f"one {part}+group date",
            (ELEMENT, "coalesce(dob, group_dob)"),
            array,
            one_side="group_dob IS NOT NULL",
        )
        for part, array in (("name", "name_keys"), ("sound", "name_sounds"))
    ),
)


def _explode(dialect: Dialect) -> str:
    return "explode" if dialect == "spark" else "unnest"


def _key(rule: BlockingRule, dialect: Dialect) -> str:
    """A record's key under ``rule``: in DuckDB a 64-bit hash of its parts (joins and
    counts on integers, not strings; two keys colliding by chance would only add a pair
    to score), in Spark its parts joined as text (Spark's own hash is 32-bit)."""
    if dialect == "duckdb":
        return f"hash({', '.join(rule.parts)})"
    return "concat_ws('|', " + ", ".join(f"CAST({part} AS STRING)" for part in rule.parts) + ")"


def _keys_sql(number: int, rule: BlockingRule, source: str, dialect: Dialect, record: str) -> str:
    if rule.explode is not None:
        source = f"(SELECT *, {_explode(dialect)}({rule.explode}) AS {ELEMENT} FROM {source})"
    present = " AND ".join(f"({part}) IS NOT NULL" for part in rule.parts)
    probe = f"coalesce({rule.one_side}, false)" if rule.one_side else "true"
    return (
        f"SELECT {number} AS rule, {record} AS record, {_key(rule, dialect)} AS k, "
        f"{probe} AS probe FROM {source} WHERE {present}"
    )


def _capped_sql(number: int, rule: BlockingRule, source: str, dialect: Dialect, record: str) -> str:
    keys = _keys_sql(number, rule, source, dialect, record)
    if rule.cap is None:
        return keys
    return (
        "SELECT rule, record, k, probe FROM (SELECT *, count(*) OVER (PARTITION BY k) AS n "
        f"FROM ({keys}) capped_keys) counted WHERE n <= {rule.cap}"
    )


def keys_sql(source: str, dialect: Dialect, record: str) -> str:
    """One row per key of each record of ``source`` under every rule at once (what Spark
    runs; DuckDB takes one rule at a time): ``rule`` (its position in ``RULES``),
    ``record`` (the expression ``record`` of ``source``), ``k``, ``probe`` (whether the
    record meets the rule's ``one_side``)."""
    return " UNION ALL ".join(
        _capped_sql(number, rule, source, dialect, record) for number, rule in enumerate(RULES)
    )


def _shared_keys_sql(keys: str) -> str:
    """Two records (``l`` < ``r``) holding one key under one rule, one of them meeting
    the rule's ``one_side``: the join both engines make."""
    return (
        f"FROM {keys} l JOIN {keys} r ON l.rule = r.rule AND l.k = r.k "
        "AND l.record < r.record WHERE l.probe OR r.probe"
    )


def pairs_sql(keys: str) -> str:
    """Each candidate pair of records once (``l`` < ``r``), with the first rule, in
    declaration order, that proposed it."""
    return (
        f"SELECT min(l.rule) AS rule, l.record AS l, r.record AS r {_shared_keys_sql(keys)} "
        "GROUP BY l.record, r.record"
    )


def rule_names_sql() -> str:
    """``n(rule, match_key)``: each rule's position and name, as a table of values."""
    rows = ", ".join(f"({number}, '{rule.name}')" for number, rule in enumerate(RULES))
    return f"(VALUES {rows}) AS n(rule, match_key)"


def spark_pairs_sql(keys: str) -> str:
    """The pairs as Splink reads them, from keys whose ``record`` is the ``unique_id``
    (Spark: no numbering, which would take one partition)."""
    return (
        "SELECT n.match_key, p.l AS join_key_l, p.r AS join_key_r "
        f"FROM ({pairs_sql(keys)}) p JOIN {rule_names_sql()} ON n.rule = p.rule"
    )


NUMBERED_INPUT = "blocking_input"
"""``linkage_input`` with each record numbered (``record``): what the numbered pairs
refer to."""
_KEYS = "_blocking_keys"
_FOUND = "_blocking_found"
_PAIR_BASE = 2**32
"""Two record numbers packed in one BIGINT (``l * base + r``): one integer to group on."""


def build_numbered_pairs(con: duckdb.DuckDBPyConnection) -> int:
    """Write ``blocking_input`` (``linkage_input``, numbered) and ``blocked_pairs`` from it
    with record numbers for join keys (DuckDB); return how many pairs.

    Rule by rule, so that only one rule's keys are in memory at a time (all of them at
    once, some 250 million at 1,000,000 people, ran out of a 4 GiB limit); the pairs are
    made unique at the end, keeping the first rule that proposed each. Numbers, not
    ``feed:record_id`` strings, because every later join on them is several times faster:
    scoring hands Splink numbered records (``scoring.py``)."""
    cur = con.cursor()
    try:
        # Numbered once: every rule reads its own few columns of this, not a join.
        cur.execute(
            f"CREATE OR REPLACE TABLE {NUMBERED_INPUT} AS "
            f"SELECT row_number() OVER () AS {RECORD}, * FROM {INPUT_TABLE}"
        )
        cur.execute(f"CREATE OR REPLACE TEMP TABLE {_FOUND} (rule INTEGER, pair BIGINT)")
        for number, rule in enumerate(RULES):
            keys = _capped_sql(number, rule, NUMBERED_INPUT, "duckdb", RECORD)
            cur.execute(f"CREATE OR REPLACE TEMP TABLE {_KEYS} AS {keys}")
            cur.execute(
                f"INSERT INTO {_FOUND} SELECT l.rule, l.record * {_PAIR_BASE} + r.record "
                + _shared_keys_sql(_KEYS)
            )
        cur.execute(
            f"CREATE OR REPLACE TABLE {BLOCKED_TABLE} AS SELECT n.match_key, "
            f"p.pair // {_PAIR_BASE} AS join_key_l, p.pair % {_PAIR_BASE} AS join_key_r "
            f"FROM (SELECT min(rule) AS rule, pair FROM {_FOUND} GROUP BY pair) p "
            f"JOIN {rule_names_sql()} ON n.rule = p.rule"
        )
        for table in (_KEYS, _FOUND):
            cur.execute(f"DROP TABLE {table}")
        [(count,)] = cur.execute(f"SELECT count(*) FROM {BLOCKED_TABLE}").fetchall()
    finally:
        cur.close()
    return int(count)


def build_blocked_pairs(con: duckdb.DuckDBPyConnection) -> int:
    """Write ``blocked_pairs`` from ``linkage_input`` with record ids for join keys, as
    Splink reads them from a table keyed by ``unique_id`` (DuckDB); return how many."""
    count = build_numbered_pairs(con)
    cur = con.cursor()
    try:
        cur.execute(
            f"CREATE OR REPLACE TABLE {BLOCKED_TABLE} AS SELECT n.match_key, "
            "least(a.unique_id, b.unique_id) AS join_key_l, "
            "greatest(a.unique_id, b.unique_id) AS join_key_r "
            f"FROM {BLOCKED_TABLE} n JOIN {NUMBERED_INPUT} a ON a.{RECORD} = n.join_key_l "
            f"JOIN {NUMBERED_INPUT} b ON b.{RECORD} = n.join_key_r"
        )
        cur.execute(f"DROP TABLE {NUMBERED_INPUT}")
    finally:
        cur.close()
    return count
