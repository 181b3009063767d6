"""The declarative vocabulary in which each legacy system's export format is written.

A :class:`FeedLayout` reads like the system's interface control document: its fields,
how each is written, which are required, which codes are allowed. The ingest engine
compiles layouts to SQL (``compile.py``); nothing here runs anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class FileFormat(Enum):
    CSV = "csv"
    JSONL = "jsonl"


class DateFormat(Enum):
    """How a system writes a calendar date. The value is shown in quarantine reasons."""

    ISO = "YYYY-MM-DD"
    COMPACT = "YYYYMMDD"
    US = "MM/DD/YYYY"
    EUROPEAN = "DD.MM.YYYY"
    MRZ = "YYMMDD"
    ANY = "any of YYYY-MM-DD, YYYYMMDD, MM/DD/YYYY, DD.MM.YYYY or a year"


class NameLayout(Enum):
    """How a system writes a whole personal name in one field."""

    FAMILY_COMMA_GIVEN = "FAMILY, GIVEN MIDDLE"
    """Comma after the family name(s); a space after the comma is optional."""
    FAMILY_FIRST = "FAMILY GIVEN"
    """No separator: family name(s) first, the boundary is unknown."""
    FREE = "free text, either order; a comma, if present, follows the family name"


# --- field kinds -------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """Free text kept as written (trimmed)."""

    upper: bool = False


@dataclass(frozen=True)
class Code:
    """A closed enumeration: any other value makes the row unusable."""

    values: tuple[str, ...]


@dataclass(frozen=True)
class Date:
    """A calendar date in the system's format. ``duration_of_status`` admits ``D/S``."""

    format: DateFormat
    duration_of_status: bool = False


@dataclass(frozen=True)
class BirthDate:
    """A date of birth: ``00`` day/month or a year alone mean "partly unknown".

    ``century_from`` names a date field of the same record used to resolve a
    two-digit year (MRZ): the birth cannot follow that date.
    """

    format: DateFormat
    century_from: str | None = None


@dataclass(frozen=True)
class Timestamp:
    """An ISO 8601 date-time."""


@dataclass(frozen=True)
class NamePart:
    """One part of a name in its own field (family name, given names)."""


@dataclass(frozen=True)
class FullName:
    """A whole name in one field, written in ``layout``."""

    layout: NameLayout


@dataclass(frozen=True)
class NameList:
    """Several names in one field separated by ``separator`` (aliases)."""

    separator: str


@dataclass(frozen=True)
class Country:
    """A country: alpha-3 in most systems, English names in others."""


@dataclass(frozen=True)
class Place:
    """A free-text place (``MEXICO CITY, MEXICO``); the country is read if named."""


@dataclass(frozen=True)
class Phone:
    """A telephone number in any style, normalised to E.164."""


class IdentifierType(Enum):
    A_NUMBER = "A-number"
    FIN = "FIN"
    FBI = "FBI number"
    SEVIS = "SEVIS id"
    PASSPORT = "passport or document number"
    SSN = "SSN"
    RECEIPT = "receipt number"
    OTHER = "identifier"


@dataclass(frozen=True)
class Identifier:
    type: IdentifierType


@dataclass(frozen=True)
class Offence:
    """One NCIC offence code; its family is derived."""


@dataclass(frozen=True)
class OffenceList:
    """NCIC offence codes separated by ``separator``."""

    separator: str


@dataclass(frozen=True)
class Integer:
    pass


@dataclass(frozen=True)
class Amount:
    """A money amount in US dollars."""


FieldKind = (
    Text
    | Code
    | Date
    | BirthDate
    | Timestamp
    | NamePart
    | FullName
    | NameList
    | Country
    | Place
    | Phone
    | Identifier
    | Offence
    | OffenceList
    | Integer
    | Amount
)


@dataclass(frozen=True)
class Field:
    name: str
    kind: FieldKind
    required: bool = False
    doc: str = ""


@dataclass(frozen=True)
class Nested:
    """A JSON array inside a record, stored as a child table ``src_<feed>__<name>``.

    Either an array of objects (``fields``) or of scalars (``item``).
    """

    name: str
    fields: tuple[Field, ...] = ()
    item: Field | None = None
    required: bool = False
    doc: str = ""


@dataclass(frozen=True)
class FeedLayout:
    """One legacy system's export: what it is, how it is written, what it must hold."""

    name: str
    system: str
    format: FileFormat
    record_id: str
    fields: tuple[Field, ...]
    nested: tuple[Nested, ...] = ()
    describes_person: bool = True
    legal_basis: str = ""
    doc: str = ""
    extra_notes: tuple[str, ...] = field(default=())

    @property
    def table(self) -> str:
        return f"src_{self.name}"

    def child_table(self, nested: Nested) -> str:
        return f"src_{self.name}__{nested.name}"

    @property
    def field_names(self) -> tuple[str, ...]:
        return (self.record_id, *(f.name for f in self.fields), *(n.name for n in self.nested))
