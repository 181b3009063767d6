"""What happened to a person, noise-free: the facts each source record is written from.

A fact knows its feed and record id once emitted, and whether that row was broken on
purpose; the reference findings use only the facts whose rows were stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(slots=True)
class Fact:
    feed: str
    date: dt.date
    record_id: str = ""
    broken: bool = False


@dataclass(slots=True)
class Arrival(Fact):
    kind: str = "ARRIVAL"  # or DEPARTURE
    cls: str = ""
    admit_until: dt.date | None = None
    duration_of_status: bool = False
    passport: tuple[str, str] = ("", "")
    port: str = ""
    mode: str = "AIR"
    impostor_of: str = ""  # the person whose passport was used, if not one's own


@dataclass(slots=True)
class StudentRecord(Fact):
    sevis_id: str = ""
    visa_class: str = "F1"
    school: str = ""
    program_start: dt.date = dt.date(2000, 1, 1)
    program_end: dt.date = dt.date(2000, 1, 1)
    events: list[tuple[dt.date, str, str]] = field(default_factory=list)
    passport: str = ""


@dataclass(slots=True)
class Registration(Fact):
    event: str = "POE_REGISTRATION"
    followup: dt.date | None = None


@dataclass(slots=True)
class Benefit(Fact):
    form: str = ""
    decision: str = "PENDING"
    decision_date: dt.date | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


@dataclass(slots=True)
class CourtCase(Fact):
    events: list[tuple[dt.date, str, str, dt.date | None]] = field(default_factory=list)


@dataclass(slots=True)
class Removal(Fact):
    kind: str = "REMOVAL"


@dataclass(slots=True)
class Booking(Fact):
    facility: tuple[str, str, str, str] = ("", "", "", "")  # name, type, prefix, ori
    charges: tuple[str, ...] = ()
    status: str = "RELEASED"
    projected_release: dt.date | None = None
    release_date: dt.date | None = None


@dataclass(slots=True)
class Cycle:
    arrest: dt.date
    agency: str
    offense: str
    disposition: str
    disposition_date: dt.date | None
    sentence_days: int | None


@dataclass(slots=True)
class CriminalHistory(Fact):
    cycles: list[Cycle] = field(default_factory=list)


@dataclass(slots=True)
class Warrant(Fact):
    record_type: str = "WANTED"
    offense: str = ""
    ori: str = ""
    status: str = "ACTIVE"


@dataclass(slots=True)
class Hire(Fact):
    employer: tuple[str, str, str] = ("", "", "")  # id, name, state
    attestation: str = "USC"
    ssn: str = ""
    a_number: str = ""
    document_type: str = ""
    document_number: str = ""
    document_expiry: dt.date | None = None
    everify: str = ""
    ssn_owner: str = ""  # person id of the SSN's owner when it is not one's own


@dataclass(slots=True)
class Listing(Fact):
    list_name: str = ""
    basis: str = ""
