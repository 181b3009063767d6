"""The table Splink reads: person records with comparison-ready keys.

Name tokens become canonical keys (variant groups, particles dropped) and phonetic
keys (``variants.name_sound``: Metaphone, from jellyfish, after German and Polish
spellings are read as English ones) and coarse shapes for blocking only
(``variants.name_shape``: consonant classes, for spellings confused by ear) through a map
built once per distinct token;
everything else is already normalised by the feeds. Names are compared as sets of
keys, because systems disagree on which token is the family name; the given name is
also kept joined up (``JIA NRUI`` and ``JIANRUI`` are one given name split two ways).
"""

from __future__ import annotations

import duckdb

from tessera.identity.graph import component_labels
from tessera.identity.tables import has_table
from tessera.identity.variants import name_parts, name_shape, name_sound

INPUT_TABLE = "linkage_input"


def token_keys(token: str) -> list[str]:
    """A stored name token's keys: its parts (variant groups, particles dropped) and, for
    a hyphenated word, the parts joined: ``NA-LI`` is ``NA``, ``LI`` and ``NALI``, so it
    meets ``NALI`` (one given name written with and without its hyphen) and
    ``GARCIA-LOPEZ`` still meets ``GARCIA LOPEZ``."""
    parts = name_parts(token)
    return [*parts, "".join(parts)] if len(parts) > 1 else parts


def _token_map(con: duckdb.DuckDBPyConnection) -> None:
    """``_name_keys``: each token's first key (the one family and given keys use);
    ``_more_keys``: its other keys."""
    tokens = [
        str(r[0])
        for r in con.execute("SELECT DISTINCT unnest(name_tokens) FROM person_records").fetchall()
        if r[0] is not None
    ]
    keys = [token_keys(t) for t in tokens]
    first: list[str | None] = [k[0] if k else None for k in keys]
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _name_keys AS "
        "SELECT unnest($1) AS token, unnest($2) AS key, unnest($3) AS sound, "
        "unnest($4) AS shape",
        [
            tokens,
            first,
            [name_sound(k) if k else None for k in first],
            [name_shape(k) if k else None for k in first],
        ],
    )
    more = [(t, k) for t, ks in zip(tokens, keys, strict=True) for k in ks[1:]]
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _more_keys AS "
        "SELECT unnest($1::VARCHAR[]) AS token, unnest($2::VARCHAR[]) AS key, "
        "unnest($3::VARCHAR[]) AS sound, unnest($4::VARCHAR[]) AS shape",
        [
            [t for t, _ in more],
            [k for _, k in more],
            [name_sound(k) for _, k in more],
            [name_shape(k) for _, k in more],
        ],
    )


def _key_of(expr: str) -> str:
    return f"(SELECT key FROM _name_keys WHERE token = {expr})"


# Every record's name keys and sounds, and each unordered pair of its keys (for blocking:
# two shared name words find a record whatever order its system wrote them in).
_KEYS = (
    "CREATE OR REPLACE TEMP TABLE _record_keys AS "
    "SELECT p.feed || ':' || p.record_id AS unique_id, "
    "list_sort(list_distinct(list(k.key))) AS name_keys, "
    "list_sort(list_distinct(list(k.sound))) AS name_sounds, "
    "list_sort(list_distinct(list(k.shape) FILTER (WHERE k.shape IS NOT NULL))) AS name_shapes "
    "FROM person_records p, unnest(p.name_tokens) AS u(t) "
    "JOIN (SELECT * FROM _name_keys UNION ALL SELECT * FROM _more_keys) k ON k.token = u.t "
    "WHERE k.key IS NOT NULL GROUP BY ALL"
)


def _pairs_sql(column: str) -> str:
    """Each unordered pair of a record's (sorted) ``column`` values, as ``A B`` strings in
    order; NULL for a record with fewer than two. List functions on the row itself: a
    self-join per record of its exploded keys took most of this stage's time."""
    pair = f"list_transform(list_filter(k.{column}, lambda y: y > x), lambda y: x || ' ' || y)"
    return (
        f"CASE WHEN len(k.{column}) >= 2 "
        f"THEN flatten(list_transform(k.{column}, lambda x: {pair})) END"
    )


_DOB_TEXT = (
    "CASE WHEN p.dob_year IS NULL THEN NULL ELSE "
    "lpad(CAST(p.dob_year AS VARCHAR), 4, '0') || '-' || "
    "coalesce(lpad(CAST(p.dob_month AS VARCHAR), 2, '0'), '??') || '-' || "
    "coalesce(lpad(CAST(p.dob_day AS VARCHAR), 2, '0'), '??') END"
)


def _passport_reports(con: duckdb.DuckDBPyConnection) -> None:
    """``_passport_reports(number, reported)``: when each passport number was first
    reported lost, stolen or revoked (empty when the drop has no such feed)."""
    source = (
        "SELECT document_number AS number, min(reported_date) AS reported FROM src_lost_stolen "
        "WHERE document_type = 'PASSPORT' AND document_number IS NOT NULL GROUP BY ALL"
        if has_table(con, "src_lost_stolen")
        else "SELECT NULL::VARCHAR AS number, NULL::DATE AS reported WHERE false"
    )
    con.execute(f"CREATE OR REPLACE TEMP TABLE _passport_reports AS {source}")


# Whether the record used its passport after the number was reported (SPEC: a use
# strictly after the report); NULL where either date is unknown.
_AFTER_REPORT = "p.record_date > pr.reported"


# One body cannot arrive while it is still in the country. Each passport's stays are its
# arrivals followed directly by a departure (on the uses before any loss report: after it,
# the number may be in an impostor's hands); two passports whose stays overlap travelled
# in two bodies. Only passports whose arrivals share a full date of birth and a name key
# are compared (the namesakes a score cannot tell apart), and never two whose uses share
# a fingerprint enrolment (one body, whatever the dates say).
_TRAVEL_APART = """
CREATE OR REPLACE TEMP TABLE _passports_apart AS
WITH uses AS (
    SELECT p.passport, s.event_date AS day, s.event_type AS kind, p.dob, p.fin,
           k.name_keys
    FROM person_records p
    JOIN src_arrivals s ON p.feed = 'arrivals' AND s.record_id = p.record_id
    LEFT JOIN _record_keys k ON k.unique_id = p.feed || ':' || p.record_id
    LEFT JOIN _passport_reports pr ON pr.number = p.passport
    WHERE p.passport IS NOT NULL AND s.event_date IS NOT NULL
      AND s.event_type IN ('ARRIVAL', 'DEPARTURE')
      AND NOT coalesce({after_report}, false)
), ordered AS (
    SELECT *, lead(kind) OVER w AS next_kind, lead(day) OVER w AS next_day FROM uses
    WINDOW w AS (PARTITION BY passport ORDER BY day, kind)
), stays AS (
    SELECT passport, day AS arrived, next_day AS departed, dob, unnest(name_keys) AS name_key
    FROM ordered
    WHERE kind = 'ARRIVAL' AND next_kind = 'DEPARTURE' AND next_day > day AND dob IS NOT NULL
), fingers AS (
    SELECT passport, list(DISTINCT fin) AS fins FROM uses WHERE fin IS NOT NULL GROUP BY ALL
), overlapping AS (
    SELECT DISTINCT a.passport AS passport, b.passport AS other FROM stays a
    JOIN stays b ON a.dob = b.dob AND a.name_key = b.name_key AND a.passport <> b.passport
     AND a.arrived < b.departed AND b.arrived < a.departed
)
SELECT o.passport, list(o.other ORDER BY o.other) AS apart FROM overlapping o
LEFT JOIN fingers fa ON fa.passport = o.passport
LEFT JOIN fingers fb ON fb.passport = o.other
WHERE NOT coalesce(len(list_intersect(fa.fins, fb.fins)) > 0, false)
GROUP BY o.passport
"""


def _travel_apart(con: duckdb.DuckDBPyConnection) -> None:
    """``_passports_apart(passport, apart)``: the passports each passport never shares a
    body with (empty when the drop has no arrivals)."""
    if has_table(con, "src_arrivals"):
        con.execute(_TRAVEL_APART.format(after_report=_AFTER_REPORT))
    else:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _passports_apart AS "
            "SELECT NULL::VARCHAR AS passport, NULL::VARCHAR[] AS apart WHERE false"
        )


def build_linkage_input(con: duckdb.DuckDBPyConnection) -> int:
    """(Re)create ``linkage_input`` from ``person_records``; return its row count."""
    _token_map(con)
    _passport_reports(con)
    con.execute(_KEYS)
    _travel_apart(con)
    family_last = "string_split(replace(p.family, '-', ' '), ' ')[-1]"
    con.execute(
        f"CREATE OR REPLACE TABLE {INPUT_TABLE} AS SELECT "
        "p.feed || ':' || p.record_id AS unique_id, p.feed, p.record_id, "
        "k.name_keys, k.name_sounds, k.name_shapes, "
        f"{_pairs_sql('name_keys')} AS name_key_pairs, "
        f"{_pairs_sql('name_sounds')} AS name_sound_pairs, "
        f"{_pairs_sql('name_shapes')} AS name_shape_pairs, "
        "array_to_string(k.name_keys, ' ') AS name_signature, "
        f"{_key_of(family_last)} AS family_key, "
        f"{_key_of('string_split(p.given, chr(32))[1]')} AS given_key, "
        "nullif(replace(replace(concat_ws('', p.given, p.middle), ' ', ''), '-', ''), '') "
        "AS given_joined, "
        f"{_DOB_TEXT} AS dob, p.dob_year, p.dob_month, p.dob_day, "
        "p.sex, coalesce(p.nationality, p.birth_country) AS nationality, "
        "p.a_number, p.fin, p.fbi_number, p.ssn, p.passport, "
        f"{_AFTER_REPORT} AS passport_after_report, "
        f"CASE WHEN {_AFTER_REPORT} THEN p.passport END AS passport_holder, "
        "pa.apart AS passports_apart "
        "FROM person_records p "
        "LEFT JOIN _record_keys k ON k.unique_id = p.feed || ':' || p.record_id "
        "LEFT JOIN _passport_reports pr ON pr.number = p.passport "
        "LEFT JOIN _passports_apart pa ON pa.passport = p.passport"
    )
    _linked_groups(con)
    row = con.execute(f"SELECT count(*) FROM {INPUT_TABLE}").fetchall()
    return int(row[0][0])


LINKS = (
    "a_number",
    "fin",
    "fbi_number",
    "ssn",
    "passport",
    "name_signature || '|' || dob",
    "family_key || '|' || given_key || '|' || dob",
)
"""What ties two records into one linked group: a shared identifier, or the same name
(whole, or family and given) on the same date of birth (``linked_group``)."""

LINKED_GROUP_CAP = 50
"""A group of more records than this (namesakes chained through one date) gets none."""


def _linked_groups(con: duckdb.DuckDBPyConnection) -> None:
    """Add ``linked_group`` to ``linkage_input``: records joined, directly or through
    others, by ``LINKS``, numbered as one group (NULL alone or past the cap). An alias
    on a benefits claim shares an A-number with an arrival whose passport, name and date
    of birth a visa record shares: no one key joins the claim to the visa, the chain
    does, and blocking compares every two records of a group (at a million people 0.3
    million more pairs, 145,000 more true ones).

    Also ``group_dob``: for a record without a date of birth in a group, the group's
    commonest full date, so that blocking can compare it on that date with records
    outside the group (an undated court case whose removal is dated, against the
    person's I-9s)."""
    cur = con.cursor()
    try:
        links = ", ".join(f"{link} AS link{n}" for n, link in enumerate(LINKS))
        cur.execute(
            "CREATE OR REPLACE TEMP TABLE _linked_nodes AS SELECT unique_id, "
            f"CAST(row_number() OVER () - 1 AS BIGINT) AS node, dob, dob_day, {links} "
            f"FROM {INPUT_TABLE}"
        )
        edges = " UNION ALL ".join(
            f"SELECT min(node) OVER (PARTITION BY link{n}) AS l, node AS r "
            f"FROM _linked_nodes WHERE link{n} IS NOT NULL"
            for n in range(len(LINKS))
        )
        [(nodes,)] = cur.execute("SELECT count(*) FROM _linked_nodes").fetchall()
        with component_labels(cur, f"SELECT l, r FROM ({edges}) WHERE l <> r", nodes) as labels:
            cur.execute(
                "CREATE OR REPLACE TEMP TABLE _linked AS SELECT n.unique_id, n.dob, n.dob_day, "
                f"CASE WHEN count(*) OVER (PARTITION BY c.label) BETWEEN 2 AND "
                f"{LINKED_GROUP_CAP} THEN c.label END AS linked_group "
                f"FROM _linked_nodes n JOIN {labels} c USING (node)"
            )
        # The commonest full date among the group's dated records (the earliest among
        # equals, so that it never depends on row order), lent to its undated ones; the
        # table is rewritten once, with both columns.
        cur.execute(
            f"CREATE OR REPLACE TABLE {INPUT_TABLE} AS SELECT i.*, g.linked_group, "
            f"CASE WHEN i.dob IS NULL THEN d.dob END AS group_dob FROM {INPUT_TABLE} i "
            "LEFT JOIN _linked g USING (unique_id) LEFT JOIN (SELECT linked_group, "
            "arg_min(dob, (-n, dob)) AS dob FROM (SELECT linked_group, dob, count(*) AS n "
            "FROM _linked WHERE linked_group IS NOT NULL AND dob_day IS NOT NULL "
            "GROUP BY ALL) GROUP BY linked_group) d ON d.linked_group = g.linked_group"
        )
        for table in ("_linked_nodes", "_linked"):
            cur.execute(f"DROP TABLE {table}")
    finally:
        cur.close()
