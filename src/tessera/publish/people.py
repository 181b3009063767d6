"""``pub_people``: one row per person -- what a screen shows first and what the access
policy needs (standing, 8 U.S.C. 1367, jurisdictions), and the profile search scores
candidates on (every name word and date of birth of their records)."""

from __future__ import annotations

from tessera.publish.records import RECORDS
from tessera.publish.search_index import words_sql

CONFIDENTIAL_FORMS = ("I-914", "I-918", "I-360")
"""T visa, U visa and VAWA self-petition: any such filing puts the person under
8 U.S.C. 1367's confidentiality (the benefits feed carries no I-360 today; a record of
one would count). Counted whatever the decision: the statute protects applicants too,
and hiding a person for a denied filing errs the safe way."""


def _most_said(column: str, alias: str, worse: str = "NULL IS NOT NULL") -> str:
    """Per person, the value of ``column`` most records give, values for which ``worse``
    is true only if there is no other (latest record, then the value, breaking ties)."""
    return (
        f"(SELECT person_id, first({column} ORDER BY {worse}, n DESC, last_on DESC NULLS LAST, "
        f"{column}) AS {alias} FROM (SELECT person_id, {column}, count(*) AS n, "
        f"max(recorded_on) AS last_on FROM {RECORDS} WHERE {column} IS NOT NULL "
        "GROUP BY ALL) GROUP BY person_id)"
    )


# A name whose family part is known, a complete date of birth, when any record gives one.
_NAME = _most_said("name_text", "display_name", "strpos(name_text, ',') = 0")
_BIRTH = _most_said("dob_text", "birth_date", "strpos(dob_text, '?') > 0")


def _confidential(filings: bool, unreadable: bool) -> str:
    forms = ", ".join(f"'{f}'" for f in CONFIDENTIAL_FORMS)
    arms = ["SELECT NULL::VARCHAR AS person_id"]
    if filings:
        arms.append(f"SELECT entity_id FROM status_filings WHERE form IN ({forms})")
    if unreadable:
        # An unreadable benefits row that may be the filing: naming a T or U form, or no
        # form that could be read.
        arms.append(
            "SELECT entity_id FROM status_unreadable WHERE kind = 'PROTECTION' AND "
            "(detail LIKE '%I-914%' OR detail LIKE '%I-918%' OR detail LIKE '%no form%')"
        )
    return " UNION ".join(arms)


def _keys(column: str) -> str:
    return f"coalesce(array_to_string({column}, ' '), '')"


def people_sql(publication_id: int, jurisdictions: str, filings: bool, unreadable: bool) -> str:
    """Every person of ``status_people``; ``jurisdictions`` is a query giving
    ``person_id, codes`` (a VARCHAR list)."""
    return f"""
SELECT {int(publication_id)} AS publication_id, s.entity_id AS person_id,
  coalesce(n.display_name, '') AS display_name, d.birth_date, x.sex, s.standing,
  s.entity_id IN (SELECT person_id FROM ({_confidential(filings, unreadable)}) c
    WHERE c.person_id IS NOT NULL) AS protected_1367,
  coalesce(array_to_string(j.codes, ' '), '') AS jurisdictions,
  {_keys("s.citizen_keys")} AS citizen_keys, {_keys("s.protection_keys")} AS protection_keys,
  {_keys("s.noncitizen_keys")} AS noncitizen_keys,
  coalesce(r.records, 0) AS records, coalesce(f.findings, 0) AS findings,
  coalesce(w.name_tokens, '') AS name_tokens, coalesce(r.birth_dates, '') AS birth_dates
FROM status_people s
LEFT JOIN {_NAME} n ON n.person_id = s.entity_id
LEFT JOIN {_BIRTH} d ON d.person_id = s.entity_id
LEFT JOIN {_most_said("sex", "sex")} x ON x.person_id = s.entity_id
LEFT JOIN ({jurisdictions}) j ON j.person_id = s.entity_id
LEFT JOIN (SELECT person_id, count(*) AS records,
    string_agg(DISTINCT dob_text, ' ' ORDER BY dob_text) AS birth_dates
  FROM {RECORDS} GROUP BY person_id) r ON r.person_id = s.entity_id
LEFT JOIN (SELECT entity_id, count(*) AS findings FROM findings GROUP BY entity_id) f
  ON f.entity_id = s.entity_id
LEFT JOIN ({words_sql()}) w ON w.person_id = s.entity_id
ORDER BY s.entity_id
"""
