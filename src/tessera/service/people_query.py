"""What a person search asks: a name in any order, a (possibly partial) date of birth, a
sex and identifiers, read and checked once so that retrieval and scoring get clean
values and a caller gets a plain reason for what it cannot use."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from tessera.publish.keys import (
    IDENTIFIER_KINDS,
    canonical_identifier,
    name_words,
    word_keys,
)
from tessera.service.errors import InvalidRequestError

KINDS: Final = (*IDENTIFIER_KINDS, "state_id")
"""Identifier kinds a query may carry. No feed holds state ids: one is accepted (police
agencies send them) and matches no one."""

SEXES: Final = ("M", "F", "X")
MAX_WORDS: Final = 8
"""More name words than any record holds: a longer name is not a name. Particles and
initials, which key nothing, are not counted: "DE LA CRUZ CAMPOS, MARIA DEL CARMEN ROSA
MARIA" is nine words and a name (the desk refused it with 422 until the benchmark's
query set asked for it)."""

_DOB = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")


class BadQueryError(InvalidRequestError):
    """A search that cannot be run as asked; the message says what to change."""


Identifiers = Mapping[str, str] | Sequence[tuple[str, str]]


@dataclass(frozen=True)
class PersonQuery:
    """A person search. ``name``: free text, any order; ``dob``: ``YYYY-MM-DD``,
    ``YYYY-MM`` or ``YYYY``; ``identifiers``: kind -> value, or (kind, value) pairs when
    a kind repeats (two passports)."""

    name: str = ""
    dob: str | None = None
    sex: str | None = None
    identifiers: Identifiers = field(default_factory=dict)


@dataclass(frozen=True)
class Birth:
    """A date of birth as asked: the year always, month and day when given."""

    year: int
    month: int | None
    day: int | None

    @property
    def full(self) -> tuple[int, int, int] | None:
        if self.month is None or self.day is None:
            return None
        return self.year, self.month, self.day


@dataclass(frozen=True)
class ReadQuery:
    """A query read: name words, birth, sex, canonical identifiers."""

    words: tuple[str, ...]
    birth: Birth | None
    sex: str | None
    identifiers: tuple[tuple[str, str], ...]


def parse_birth(text: str) -> Birth:
    match = _DOB.match(text.strip())
    if match is None:
        raise BadQueryError(f"date of birth {text!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if not 1850 <= year <= dt.date.today().year:
        raise BadQueryError(f"date of birth {text!r}: {year} is no year of birth")
    if month is not None and not 1 <= month <= 12:
        raise BadQueryError(f"date of birth {text!r}: {month} is no month")
    if day is not None:
        try:
            dt.date(year, month or 1, day)
        except ValueError:
            raise BadQueryError(f"date of birth {text!r} is no calendar day") from None
    return Birth(year, month, day)


def _pairs(identifiers: Identifiers) -> list[tuple[str, str]]:
    if isinstance(identifiers, Mapping):
        return [(str(k), str(v)) for k, v in identifiers.items()]
    return [(str(k), str(v)) for k, v in identifiers]


def _identifier(kind: str, value: str) -> tuple[str, str]:
    kind = kind.strip().lower()
    if kind not in KINDS:
        raise BadQueryError(f"identifier kind {kind!r} is not one of {', '.join(KINDS)}")
    if kind == "passport":
        value = value.rsplit(":", 1)[-1]  # "MEX:N1234567": the records hold the number
    canonical = canonical_identifier(kind, value)
    if not canonical:
        raise BadQueryError(f"{kind} {value!r} cannot be such an identifier")
    return kind, canonical


def read_query(query: PersonQuery) -> ReadQuery:
    """``query`` checked and normalised, or ``BadQueryError`` saying what is wrong."""
    words = tuple(name_words(query.name))
    keyed = sum(1 for word in words if word_keys(word))
    if keyed > MAX_WORDS:
        raise BadQueryError(f"a name of {keyed} words: give at most {MAX_WORDS}")
    identifiers = tuple(dict.fromkeys(_identifier(k, v) for k, v in _pairs(query.identifiers)))
    if not words and not identifiers:
        raise BadQueryError("a search needs a name or an identifier")
    sex = query.sex.strip().upper() if query.sex and query.sex.strip() else None
    if sex is not None and sex not in SEXES:
        raise BadQueryError(f"sex {query.sex!r} is not one of {', '.join(SEXES)}")
    birth = parse_birth(query.dob) if query.dob and query.dob.strip() else None
    return ReadQuery(words, birth, sex, identifiers)


def describe(query: ReadQuery) -> str:
    """The search in words, for the audit entry that records it."""
    parts = [f"name={' '.join(query.words)}"] if query.words else []
    if query.birth is not None:
        b = query.birth
        parts.append(
            "dob=" + "-".join(f"{p:02d}" for p in (b.year, b.month, b.day) if p is not None)
        )
    if query.sex:
        parts.append(f"sex={query.sex}")
    parts += [f"{kind}={value}" for kind, value in query.identifiers]
    return "person search " + " ".join(parts)
