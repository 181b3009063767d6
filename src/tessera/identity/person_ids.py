"""Person ids: ``P``, a number in six Crockford base-32 digits, and a check character.

Analysts type these ids into commands that merge and split people, so a mistyped id must
not silently name someone else: the check character catches every single wrong character
and every swap of two neighbours. It is Damm's scheme over the quasigroup
``x * y = 2x + y`` in GF(32) (Luhn mod 32 would miss swaps of 0 and Z). Numbers are
issued in sequence and never twice; with a fixed width, the id's text sorts like its
number (oldest first).
The same encoding exists in Python (to check what an analyst typed) and in SQL (to
issue millions of ids at once in DuckDB); a test holds them equal.
"""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
WIDTH = 6
PREFIX = "P"
LIMIT = len(ALPHABET) ** WIDTH


class PersonIdError(ValueError):
    """Text that is not a person id (wrong shape, or a check character that disagrees)."""


def _digits(number: int) -> list[int]:
    return [(number >> (5 * (WIDTH - 1 - i))) & 31 for i in range(WIDTH)]


def _double(value: int) -> int:
    """``2 * value`` in GF(32) (modulo x^5 + x^2 + 1)."""
    value <<= 1
    return value ^ 0b100101 if value & 32 else value


def _check(digits: list[int]) -> int:
    """The character that brings Damm's running value to zero."""
    interim = 0
    for digit in digits:
        interim = _double(interim) ^ digit
    return _double(interim)


def person_id(number: int) -> str:
    """The id of the ``number``-th person ever issued (from 1)."""
    if not 0 < number < LIMIT:
        raise ValueError(f"person number {number} is outside 1..{LIMIT - 1}")
    digits = _digits(number)
    return PREFIX + "".join(ALPHABET[d] for d in digits) + ALPHABET[_check(digits)]


def parse_person_id(text: str) -> str:
    """``text`` as a canonical person id (upper case, trimmed), or ``PersonIdError``."""
    given = text.strip().upper()
    body = given[len(PREFIX) : -1]
    if (
        not given.startswith(PREFIX)
        or len(given) != len(PREFIX) + WIDTH + 1
        or any(c not in ALPHABET for c in given[len(PREFIX) :])
    ):
        raise PersonIdError(
            f"{text!r} is not a person id (P, six characters of {ALPHABET}, and a check character)"
        )
    digits = [ALPHABET.index(c) for c in body]
    if ALPHABET[_check(digits)] != given[-1]:
        raise PersonIdError(f"{text!r} is not a person id: its check character is wrong (typo?)")
    return given


def _times_sql(power: int, digit: str) -> str:
    """SQL: ``2**power * digit`` in GF(32), as a lookup in a 32-entry list."""
    table = []
    for value in range(32):
        for _ in range(power):
            value = _double(value)
        table.append(str(value))
    return f"[{', '.join(table)}][CAST({digit} AS INTEGER) + 1]"


def person_id_sql(number: str) -> str:
    """SQL for the id of the integer SQL expression ``number`` (same as ``person_id``).
    Damm's running value is linear in the digits, so the check is a XOR of lookups."""
    digits = [f"(({number} >> {5 * (WIDTH - 1 - i)}) & 31)" for i in range(WIDTH)]
    check = "0"
    for i, digit in enumerate(digits):
        check = f"xor({check}, {_times_sql(WIDTH - i, digit)})"
    chars = " || ".join(
        f"substr('{ALPHABET}', CAST({d} AS INTEGER) + 1, 1)" for d in [*digits, check]
    )
    return f"('{PREFIX}' || {chars})"
