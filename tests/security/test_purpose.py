"""A purpose travels as one line: '<kind>:<reference> <text>'."""

from __future__ import annotations

import pytest

from tessera.model.access import PurposeKind
from tessera.security import Purpose, PurposeError, parse_purpose


def test_a_purpose_is_read_from_its_line() -> None:
    assert parse_purpose("lead:L123 checking  address ") == Purpose(
        PurposeKind.lead, "L123", "checking address"
    )
    assert parse_purpose("status_query:IAQ/2026/7#3 booked").reference == "IAQ/2026/7#3"


def test_the_text_may_be_percent_encoded_to_carry_any_language() -> None:
    purpose = parse_purpose("case:C-9 v%C3%A9rification d%27adresse")
    assert purpose.text == "vérification d'adresse"
    assert parse_purpose(str(purpose)) == purpose
    assert str(purpose).isascii()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("", "is not <kind>:<reference> <text>"),
        ("checking address", "is not <kind>:<reference> <text>"),
        ("curiosity:X1 just looking", "kind 'curiosity' is unknown"),
        ("lead: checking", "reference '' must be"),
        ("lead:L;DROP checking", "reference 'L;DROP' must be"),
        ("lead:L123", "gives no reason"),
        ("lead:L123    ", "gives no reason"),
        ("lead:L123 " + "x" * 501, "longer than 500"),
    ],
)
def test_an_unreadable_purpose_is_refused_saying_why(line: str, message: str) -> None:
    with pytest.raises(PurposeError, match=message):
        parse_purpose(line)
