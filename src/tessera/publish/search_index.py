"""``pub_search_keys``: which people each search key posts to, computed set-based.

The Python key functions (``keys.py``) run once per distinct name word of the workspace
into a temporary map; everything else is SQL over every person at once:

- ``n:<key>`` and ``s:<sound>`` for every name word of every record of the person;
- but a key that posts to more than ``keys.common_postings`` people (GARCIA, MARIA) is
  not worth reading whole: it posts only to the marker ``*``, and ``ny:<key>:<year>`` /
  ``sy:<sound>:<year>`` post to its people by each year of birth their records give
  (``?`` when none gives one; a year key as common is marked too),
  ``nd:<key>:<date>`` by each full date of birth, and
  ``np:<key>|<key>`` by each other common key of the same person (MARIA SIDDIQUI is
  rare even when both words are common);
- ``id:<kind>:<value>`` for every identifier.
"""

from __future__ import annotations

import duckdb

from tessera.publish.keys import COMMON_MARK, IDENTIFIER_KINDS, UNKNOWN_YEAR, word_keys
from tessera.publish.records import RECORDS

WORDS = "_pub_words"
"""Temporary: ``person_id, word`` (distinct), every name word of a person's records."""

YEARS = "_pub_years"
"""Temporary: ``person_id, year`` (distinct), every year of birth a record gives."""


def build_word_tables(con: duckdb.DuckDBPyConnection) -> None:
    """``_pub_words``, ``_pub_years`` and the word -> key map (``_pub_word_keys``), from
    ``_pub_records`` (``people.records_sql``)."""
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {WORDS} AS SELECT DISTINCT person_id, word FROM "
        f"(SELECT person_id, unnest(name_tokens) AS word FROM {RECORDS}) WHERE word IS NOT NULL"
    )
    # A person no record gives a year of birth has one row with year NULL (``?``).
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {YEARS} AS SELECT DISTINCT person_id, dob_year AS year "
        f"FROM {RECORDS} WHERE dob_year IS NOT NULL OR person_id NOT IN "
        f"(SELECT person_id FROM {RECORDS} WHERE dob_year IS NOT NULL)"
    )
    words = [str(r[0]) for r in con.execute(f"SELECT DISTINCT word FROM {WORDS}").fetchall()]
    pairs = [(w, k) for w in words for k in word_keys(w)]
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _pub_word_keys AS SELECT unnest($1::VARCHAR[]) AS word, "
        "unnest($2::VARCHAR[]) AS key, unnest($3::VARCHAR[]) AS sound",
        [[w for w, _ in pairs], [k.key for _, k in pairs], [k.sound for _, k in pairs]],
    )


_NAME_KEYS = f"""
CREATE OR REPLACE TEMP TABLE _pub_name_keys AS
SELECT w.person_id, 'n:' || k.key AS key FROM {WORDS} w JOIN _pub_word_keys k USING (word)
UNION
SELECT w.person_id, 's:' || k.sound AS key FROM {WORDS} w JOIN _pub_word_keys k USING (word)
"""


def _common(common: int) -> str:
    return f"SELECT key FROM _pub_name_keys GROUP BY key HAVING count(*) > {int(common)}"


def _name_postings(common: int) -> str:
    """The postings of the name keys that are not common, and one marker row for each
    that is: a query then knows, at the cost of one row, to use its year keys."""
    return (
        f"SELECT person_id, key FROM _pub_name_keys ANTI JOIN ({_common(common)}) USING (key) "
        f"UNION ALL SELECT '{COMMON_MARK}' AS person_id, key FROM ({_common(common)})"
    )


def _year_keys(common: int) -> str:
    """``n:KEY`` -> ``ny:KEY:YEAR`` (both prefixes are one letter): ``keys.with_year`` in
    SQL, for the keys posting to more than ``common`` people. A year key as common as
    that (MARIA born in 1960, at a million people) is marked the same way: its people
    are reached through the date and pair keys."""
    years = f"""
SELECT n.person_id,
  substr(n.key, 1, 1) || 'y:' || substr(n.key, 3) || ':' ||
  coalesce(lpad(CAST(y.year AS VARCHAR), 4, '0'), '{UNKNOWN_YEAR}') AS key
FROM _pub_name_keys n SEMI JOIN ({_common(common)}) c USING (key)
JOIN {YEARS} y USING (person_id)
"""
    big = f"SELECT key FROM years GROUP BY key HAVING count(*) > {int(common)}"
    return (
        f"SELECT * FROM (WITH years AS ({years}) SELECT person_id, key FROM years "
        f"ANTI JOIN ({big}) USING (key) UNION ALL SELECT '{COMMON_MARK}', key FROM ({big}))"
    )


def _common_name_keys(common: int) -> str:
    """Each person's common canonical name keys (``n:``), as ``person_id, key``."""
    return (
        "SELECT person_id, substr(key, 3) AS key FROM _pub_name_keys "
        f"SEMI JOIN ({_common(common)}) c USING (key) WHERE starts_with(key, 'n:')"
    )


def _pair_keys(common: int) -> str:
    """``keys.pair_key`` in SQL: every two common keys of one person."""
    return (
        f"SELECT a.person_id, 'np:' || a.key || '|' || b.key AS key FROM "
        f"({_common_name_keys(common)}) a JOIN ({_common_name_keys(common)}) b "
        "ON a.person_id = b.person_id AND a.key < b.key"
    )


def _date_keys(common: int) -> str:
    """``keys.date_key`` in SQL: every common key with every full date of birth."""
    return (
        f"SELECT c.person_id, 'nd:' || c.key || ':' || d.dob_text AS key FROM "
        f"({_common_name_keys(common)}) c JOIN (SELECT DISTINCT person_id, dob_text "
        f"FROM {RECORDS} WHERE dob_day IS NOT NULL AND dob_month IS NOT NULL) d USING (person_id)"
    )


def _identifier_keys() -> str:
    arms = " UNION ALL ".join(
        f"SELECT person_id, 'id:{kind}:' || {kind} AS key FROM {RECORDS} WHERE {kind} IS NOT NULL"
        for kind in IDENTIFIER_KINDS
    )
    return f"SELECT DISTINCT person_id, key FROM ({arms})"


def search_keys_sql(publication_id: int, common: int) -> str:
    """Every (key, person) of the index, sorted by key (needs ``build_word_tables`` and
    ``build_name_keys``); a name key posting to more than ``common`` people is replaced
    by a marker and its year, date and pair keys. Each part is distinct by construction."""
    parts = (
        _name_postings(common),
        _year_keys(common),
        _date_keys(common),
        _pair_keys(common),
        _identifier_keys(),
    )
    return (
        f"SELECT {int(publication_id)} AS publication_id, key, person_id FROM ("
        + " UNION ALL ".join(parts)
        + ") ORDER BY key, person_id"
    )


def build_name_keys(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(_NAME_KEYS)


def words_sql() -> str:
    """Per person, every name word of their records, space-separated: what search scores
    a candidate's name against."""
    return (
        "SELECT person_id, string_agg(word, ' ' ORDER BY word) AS name_tokens "
        f"FROM {WORDS} GROUP BY person_id"
    )
