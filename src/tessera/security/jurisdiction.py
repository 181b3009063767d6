"""Jurisdictions as codes: a U.S. state or territory (``TX``), or a county within one
(``TX/HARRIS``, ``TX/48201``). A grant of a state covers its counties; a county covers
only itself. Records carry the jurisdiction they were made in (the arresting agency's
ORI, the address); partner officers are granted the ones their 287(g) agreement names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

import pycountry

_CODE = re.compile(r"^(?P<state>[A-Z]{2})(?:/(?P<county>[A-Z0-9][A-Z0-9 .'-]{0,39}))?$")


class JurisdictionError(ValueError):
    """A jurisdiction code that is not a U.S. state, territory or county within one."""


def normalise_jurisdiction(code: str) -> str:
    """``code`` upper-cased and checked: ``ST`` or ``ST/COUNTY`` with a real USPS state or
    territory code (ISO 3166-2:US)."""
    text = " ".join(code.strip().upper().split())
    match = _CODE.match(text)
    if match is None:
        raise JurisdictionError(
            f"jurisdiction {code!r} is not ST or ST/COUNTY (e.g. TX, TX/HARRIS, TX/48201)"
        )
    if match["state"] not in us_states():
        raise JurisdictionError(f"jurisdiction {code!r}: {match['state']} is no U.S. state")
    return text


@cache
def us_states() -> frozenset[str]:
    """The USPS codes of the states, D.C. and the territories (ISO 3166-2:US)."""
    return frozenset(str(s.code)[3:] for s in pycountry.subdivisions if s.country_code == "US")


def covers(granted: str, record: str) -> bool:
    """Whether a grant of ``granted`` reaches a record made in ``record``."""
    return record == granted or record.startswith(granted + "/")


def within(granted: Iterable[str], records: Iterable[str]) -> bool:
    """Whether any of ``records`` lies in any of ``granted``."""
    grants = tuple(granted)
    return any(covers(g, r) for r in records for g in grants)
