"""Who is asking, and the facts about whom they ask: the inputs of every access decision.

Both are plain values so that the policy can be judged -- and tested -- without a
database: the service builds a ``Principal`` from the account it authenticated, and
``SubjectFacts`` from the published pipeline results about the person.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tessera.model.access import Role


@dataclass(frozen=True)
class Partner:
    """A partner (287(g)) officer's agency and delegation: the agency's ORI (the NCIC
    originating agency identifier), the jurisdictions its agreement covers, and the last
    day the officer's 287(g) certification is valid."""

    ori: str
    agency: str
    jurisdictions: frozenset[str]
    certified_until: dt.date

    def certified_on(self, day: dt.date) -> bool:
        return day <= self.certified_until


@dataclass(frozen=True)
class Principal:
    """An authenticated caller. ``user_id`` is ``None`` for the local operator at the
    command line, who holds the database itself and is recorded as ``cli:<os user>``."""

    user_id: int | None
    username: str
    role: Role
    active: bool = True
    partner: Partner | None = None
    full_name: str = ""


@dataclass(frozen=True)
class SubjectFacts:
    """What the policy needs to know about a person, and nothing else.

    ``jurisdictions`` are the codes of the places the person's records were made in;
    ``protected_1367`` is true when the person has a T, U or VAWA filing (8 U.S.C. 1367);
    ``queried_by_user`` is true when the caller asked about this person in a status query.
    """

    person_id: str
    jurisdictions: frozenset[str] = frozenset()
    protected_1367: bool = False
    queried_by_user: bool = False
