"""What happened to a person, noise-free: each fact becomes one source record.

Emitting a fact fills in its ``record_id``, whether the row was broken on purpose, and
the identifiers exactly as written (a transposed digit is part of the record). The
reference findings read only facts whose rows were stored, and those written values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar


@dataclass(slots=True)
class Alias:
    """Somebody else's identity written on a record (a stolen passport or SSN)."""

    given: str
    middle: str
    family: str
    dob: dt.date
    sex: str
    nationality: str


@dataclass(slots=True)
class Fact:
    FEED: ClassVar[str] = ""
    date: dt.date
    record_id: str = ""
    broken: bool = False

    @property
    def key(self) -> str:
        """The record's global key, as evidence names it."""
        return f"{self.FEED}:{self.record_id}"


@dataclass(slots=True)
class Arrival(Fact):
    FEED: ClassVar[str] = "arrivals"
    kind: str = "ARRIVAL"  # or DEPARTURE
    cls: str = ""
    admit_until: dt.date | None = None
    ds: bool = False  # admitted for duration of status
    country: str = ""
    passport: str = ""
    port: str = ""
    mode: str = "AIR"
    alias: Alias | None = None
    written_passport: str = ""


@dataclass(slots=True)
class StudentRecord(Fact):
    FEED: ClassVar[str] = "students"
    visa_class: str = "F1"
    school: str = ""
    program_start: dt.date = dt.date(2000, 1, 1)
    program_end: dt.date = dt.date(2000, 1, 1)
    events: list[tuple[dt.date, str, str]] = field(default_factory=list)
    passport: str = ""


@dataclass(slots=True)
class Registration(Fact):
    FEED: ClassVar[str] = "registrations"
    event: str = "POE_REGISTRATION"
    followup: dt.date | None = None


@dataclass(slots=True)
class Benefit(Fact):
    FEED: ClassVar[str] = "benefits"
    form: str = ""
    decision: str = "PENDING"
    decision_date: dt.date | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    a_number: str = ""


@dataclass(slots=True)
class CourtEvent:
    date: dt.date
    type: str
    detail: str = ""
    depart_by: dt.date | None = None


@dataclass(slots=True)
class CourtCase(Fact):
    FEED: ClassVar[str] = "court"
    court: str = "NEW"
    events: list[CourtEvent] = field(default_factory=list)


@dataclass(slots=True)
class Removal(Fact):
    FEED: ClassVar[str] = "removals"
    kind: str = "REMOVAL"


@dataclass(slots=True)
class Booking(Fact):
    FEED: ClassVar[str] = "custody"
    facility: int = 0  # index into places.FACILITIES
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
    FEED: ClassVar[str] = "criminal_history"
    cycles: list[Cycle] = field(default_factory=list)


@dataclass(slots=True)
class Warrant(Fact):
    FEED: ClassVar[str] = "wanted"
    record_type: str = "WANTED"
    offense: str = ""
    ori: str = ""
    status: str = "ACTIVE"


@dataclass(slots=True)
class Hire(Fact):
    FEED: ClassVar[str] = "employment"
    employer: int = 0
    attestation: str = "USC"
    ssn: str = ""
    a_number: str = ""
    doc_type: str = ""
    doc_number: str = ""
    doc_expiry: dt.date | None = None
    everify: str = ""
    alias: Alias | None = None
    written_ssn: str = ""
    written_doc: str = ""


@dataclass(slots=True)
class Listing(Fact):
    FEED: ClassVar[str] = "watchlist"
    list_name: str = ""
    basis: str = ""


PASSPORT_DOCUMENTS = frozenset(("US_PASSPORT", "FOREIGN_PASSPORT+I-94"))
