"""NCIC offence codes and the offence families Tessera reasons about.

NCIC codes are four digits; the first two name the family (NCIC 2000 Code Manual,
"Uniform Offense Classifications"). SPEC.md lists the families the feeds use. The
``serious`` flag marks the families that SPEC's REMOVABLE_IN_CUSTODY rule counts
(homicide, kidnapping, sexual assault, robbery, assault, drugs, sex offences,
weapons, smuggling of persons).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OffenceFamily:
    code: str
    label: str
    prefixes: tuple[str, ...]
    serious: bool


OFFENCE_FAMILIES: tuple[OffenceFamily, ...] = (
    OffenceFamily("HOMICIDE", "Homicide", ("09",), serious=True),
    OffenceFamily("KIDNAPPING", "Kidnapping", ("10",), serious=True),
    OffenceFamily("SEXUAL_ASSAULT", "Sexual assault", ("11",), serious=True),
    OffenceFamily("ROBBERY", "Robbery", ("12",), serious=True),
    OffenceFamily("ASSAULT", "Assault", ("13",), serious=True),
    OffenceFamily("BURGLARY", "Burglary", ("22",), serious=False),
    OffenceFamily("LARCENY", "Larceny", ("23",), serious=False),
    OffenceFamily("FRAUD", "Fraud", ("26",), serious=False),
    OffenceFamily("DRUGS", "Dangerous drugs", ("35",), serious=True),
    OffenceFamily("SEX_OFFENCE", "Sex offences (incl. against children)", ("36",), serious=True),
    OffenceFamily("FLIGHT_ESCAPE", "Flight / escape", ("49",), serious=False),
    OffenceFamily("OBSTRUCTION", "Obstructing the police or judiciary", ("50",), serious=False),
    OffenceFamily("WEAPONS", "Weapon offences", ("52",), serious=True),
    OffenceFamily("TRAFFIC", "Traffic offences", ("54",), serious=False),
    OffenceFamily("PUBLIC_ORDER", "Public order crimes", ("73",), serious=False),
    OffenceFamily("SMUGGLING_PERSONS", "Smuggling of persons", ("48", "30"), serious=True),
)

OTHER_FAMILY = "OTHER"
"""Family of a well-formed code whose prefix no family above claims."""

ALIEN_SMUGGLING_CODE = "4801"


def family_of(code: str) -> str | None:
    """The family of an NCIC code, ``OTHER`` if unlisted, None if not a code."""
    code = code.strip()
    if len(code) != 4 or not code.isdigit():
        return None
    for family in OFFENCE_FAMILIES:
        if code[:2] in family.prefixes:
            return family.code
    return OTHER_FAMILY
