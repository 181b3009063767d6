"""The answer key's files, in the layout of the shared sample's ``truth/`` folder."""

from __future__ import annotations

from tessera.synth.findings import Expected
from tessera.synth.person import Network, Person

PEOPLE_COLUMNS = (
    "person_id",
    "category",
    "citizenship",
    "status_class",
    "given_name",
    "middle_name",
    "family_name",
    "later_given_name",
    "later_family_name",
    "name_change_date",
    "dob",
    "sex",
    "birth_country",
    "nationalities",
    "protected",
    "protection_basis",
    "smuggling_org",
    "smuggling_role",
    "trafficking_victim",
    "identity_theft_victim",
    "human_rights_listed",
    "sex_offender",
    "a_numbers",
    "fin",
    "fbi_number",
    "ssn",
    "passports",
    "phones",
    "flags",
)
LINK_COLUMNS = ("feed", "record_id", "person_id")
BROKEN_COLUMNS = ("feed", "line", "kind", "record_id")
FINDING_COLUMNS = ("person_id", "code", "evidence")
NETWORK_COLUMNS = ("org_id", "member_kind", "member_id", "role")


def person_row(p: Person) -> list[str]:
    return [
        p.pid,
        p.category,
        p.citizenship,
        p.status_class,
        p.given,
        p.middle,
        p.family,
        p.later_given,
        p.later_family,
        p.name_change.isoformat() if p.name_change else "",
        p.dob.isoformat(),
        p.sex,
        p.birth_country,
        ";".join(p.nationalities),
        "1" if p.protection else "0",
        p.protection,
        p.smuggling_org,
        p.smuggling_role,
        str(int(p.trafficking_victim)),
        str(int(p.identity_theft_victim)),
        str(int(p.human_rights)),
        str(int(p.sex_offender)),
        ";".join(a.removeprefix("A") for a in p.a_numbers),
        p.fin,
        p.fbi,
        p.ssn,
        ";".join(f"{c}:{n}" for c, n, _ in p.passports),
        ";".join(dict.fromkeys(p.phones)),
        ";".join(sorted(p.flags)),
    ]


def finding_row(e: Expected) -> list[str]:
    return [e.person, e.code, ";".join(e.evidence)]


def network_rows(networks: list[Network]) -> list[list[str]]:
    return [[n.org_id, kind, member, role] for n in networks for kind, member, role in n.members]
