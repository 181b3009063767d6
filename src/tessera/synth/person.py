"""A person of the synthetic world as they truly are, and the other things a chunk holds
(travel-document reports, calls and money transfers, smuggling networks)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tessera.synth.facts import Fact
from tessera.synth.names import Origin

CITIZENS = frozenset(("USC_BORN", "USC_DERIVED", "USC_NATURALIZED"))


@dataclass(slots=True)
class Person:
    pid: str
    category: str
    citizenship: str
    origin: Origin
    given: str
    middle: str
    family: str
    dob: dt.date
    sex: str
    birth_country: str
    nationalities: list[str]
    birth_place: str = ""
    status_class: str = ""
    later_given: str = ""
    later_family: str = ""
    name_change: dt.date | None = None
    protection: str = ""  # ASYLUM, T_VISA or U_VISA while a filing is pending or approved
    smuggling_org: str = ""
    smuggling_role: str = ""
    trafficking_victim: bool = False
    identity_theft_victim: bool = False
    human_rights: bool = False
    sex_offender: bool = False
    a_numbers: list[str] = field(default_factory=list)
    fin: str = ""
    fin_since: dt.date | None = None  # first fingerprint enrolment
    fbi: str = ""
    ssn: str = ""
    passports: list[tuple[str, str, dt.date]] = field(default_factory=list)
    """(country, number, issued) in the order they were issued."""
    phones: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    facts: list[Fact] = field(default_factory=list)
    city: int = 0  # index into places.TOWNS: where they live in the US

    @property
    def citizen(self) -> bool:
        return self.citizenship in CITIZENS

    @property
    def a_number(self) -> str:
        return self.a_numbers[0] if self.a_numbers else ""

    def name_on(self, day: dt.date) -> tuple[str, str, str]:
        """(given, middle, family) the person used on ``day`` (names change)."""
        if self.name_change and day >= self.name_change:
            return (self.later_given or self.given, self.middle, self.later_family or self.family)
        return self.given, self.middle, self.family


@dataclass(slots=True)
class TravelDocumentReport:
    """A lost_stolen row: not a person record, but evidence for LOST_STOLEN_DOCUMENT_USED."""

    country: str
    number: str
    doc_type: str
    status: str
    reported: dt.date
    record_id: str = ""
    broken: bool = False

    @property
    def key(self) -> str:
        return f"lost_stolen:{self.record_id}"


@dataclass(slots=True)
class Contact:
    """A call or a money transfer between two phones (not a person record)."""

    feed: str  # calls | transfers
    when: dt.datetime
    a: str
    b: str
    a_name: str = ""
    b_name: str = ""
    amount: float = 0.0
    a_place: tuple[str, str] = ("", "")  # city, state
    b_place: tuple[str, str] = ("", "")  # city, state (US receiver)
    b_country: str = ""  # receiver abroad
    seconds: int = 0


@dataclass(slots=True)
class Network:
    org_id: str
    members: list[tuple[str, str, str]] = field(default_factory=list)  # kind, id, role
