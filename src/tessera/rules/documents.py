"""Documents: a lost or stolen document used, one identifier used by several people.

Every user of a shared identifier is named; the one the records show to be its owner is
named as a victim (role OWNER, severity victim). Where no signal names exactly one owner,
nobody is presumed to be it.
"""

from __future__ import annotations

import datetime as dt

from tessera.model.findings import Severity
from tessera.rules.rule import Rule, WhenUnknown
from tessera.rules.stay import IIRIRA

IRTPA = dt.date(1998, 10, 30)
"""Identity Theft and Assumption Deterrence Act (18 U.S.C. 1028(a)(7))."""

LOST_STOLEN_DOCUMENT_USED = Rule(
    code="LOST_STOLEN_DOCUMENT_USED",
    version="1.0",
    title="An arrival or I-9 used a document reported lost, stolen or revoked before that use",
    legal_basis=("INA 212(a)(6)(C)(i)", "INA 237(a)(1)(A)", "18 U.S.C. 1546"),
    effective_from=IIRIRA,
    effective_to=None,
    severity=Severity.HIGH,
    when_unknown=WhenUnknown.UNVERIFIED,
    query="""
WITH hits AS (
  SELECT u.entity_id, u.number, u.key AS use_key, u.used_on, r.key AS report_key, r.reported,
         min(u.used_on) OVER (PARTITION BY u.entity_id, u.number) AS first_use
  FROM status_document_uses u
  JOIN status_document_reports r ON r.number = u.number AND r.reported < u.used_on
  WHERE u.identifier <> 'SSN' AND u.used_at <> 'DEPARTURE' AND u.used_on <= {as_of}
)
SELECT entity_id, min(used_on) AS subject_on,
       list_sort(list_distinct(list_concat(list(use_key),
         list(report_key) FILTER (WHERE reported < first_use)))) AS evidence,
       'document ' || number || ' reported before its use' AS detail
FROM hits GROUP BY entity_id, number
""",
)

# Who owns a shared identifier, from the first signal that names exactly one user: used
# before the number was reported lost or stolen; shown to be a citizen; the only user not
# shown to be a noncitizen (an SSN is issued to a citizen or a work-authorised person,
# theft is of an identity that exists); the strictly earliest user.
_OWNER_SIGNALS = (
    "used_before_report",
    "standing = 'CITIZEN'",
    "standing <> 'NONCITIZEN'",
    "first_use = earliest",
)


def _owner() -> str:
    counts = ", ".join(
        f"count(*) FILTER (WHERE {s}) OVER w AS n{i}" for i, s in enumerate(_OWNER_SIGNALS)
    )
    choose = " ".join(f"WHEN n{i} = 1 THEN {s}" for i, s in enumerate(_OWNER_SIGNALS))
    return (
        f"SELECT *, coalesce(CASE {choose} END, false) AS owner FROM (SELECT *, {counts} "
        "FROM users WINDOW w AS (PARTITION BY identifier, number))"
    )


SHARED_IDENTIFIER = Rule(
    code="SHARED_IDENTIFIER",
    version="1.0",
    title=(
        "One SSN or passport number used by two or more people: every user is named, the "
        "owner as its victim"
    ),
    legal_basis=("18 U.S.C. 1028", "42 U.S.C. 408(a)(7)(B)", "18 U.S.C. 1546"),
    effective_from=IRTPA,
    effective_to=None,
    severity=Severity.MEDIUM,
    query=f"""
WITH uses AS (
  SELECT * FROM status_document_uses
  WHERE identifier IN ('SSN', 'PASSPORT') AND used_on <= {{as_of}}
), shared AS (
  SELECT identifier, number FROM uses GROUP BY ALL HAVING count(DISTINCT entity_id) > 1
), reports AS (
  SELECT number, min(reported) AS reported FROM status_document_reports GROUP BY number
), users AS (
  SELECT u.identifier, u.number, u.entity_id, p.standing, min(u.used_on) AS first_use,
         list(u.key ORDER BY u.key) AS keys, coalesce(bool_or(u.used_on < r.reported), false)
         AS used_before_report, min(min(u.used_on)) OVER w AS earliest,
         count(*) OVER w AS people
  FROM uses u JOIN shared USING (identifier, number) JOIN status_people p USING (entity_id)
  LEFT JOIN reports r USING (number)
  GROUP BY u.identifier, u.number, u.entity_id, p.standing
  WINDOW w AS (PARTITION BY u.identifier, u.number)
), judged AS ({_owner()})
SELECT entity_id, first_use AS subject_on, list_sort(list_distinct(keys)) AS evidence,
       CASE WHEN owner THEN 'OWNER' ELSE 'USER' END AS role,
       lower(identifier) || ' ' || number || ' used by ' || people || ' people' ||
       CASE WHEN owner THEN '; presumed its owner: a victim, not a suspect' ELSE '' END
         AS detail
FROM judged
""",
)

DOCUMENT_RULES = (LOST_STOLEN_DOCUMENT_USED, SHARED_IDENTIFIER)
