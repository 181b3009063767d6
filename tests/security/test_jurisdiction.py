"""Jurisdiction codes: a state or territory, or a county within one."""

from __future__ import annotations

import pytest

from tessera.security.jurisdiction import (
    JurisdictionError,
    covers,
    normalise_jurisdiction,
    within,
)


def test_codes_are_normalised() -> None:
    assert normalise_jurisdiction(" tx ") == "TX"
    assert normalise_jurisdiction("tx/harris") == "TX/HARRIS"
    assert normalise_jurisdiction("tx/san   antonio") == "TX/SAN ANTONIO"
    assert normalise_jurisdiction("PR") == "PR"  # territories are jurisdictions too


@pytest.mark.parametrize("code", ["", "T", "TEX", "ZZ", "XX/HARRIS", "TX/", "TX/HARRIS/X", "TX;OK"])
def test_codes_that_are_no_us_jurisdiction_are_refused(code: str) -> None:
    with pytest.raises(JurisdictionError):
        normalise_jurisdiction(code)


def test_a_state_covers_its_counties_and_a_county_only_itself() -> None:
    assert covers("TX", "TX") and covers("TX", "TX/HARRIS")
    assert not covers("TX", "TXX/HARRIS")
    assert not covers("TX/HARRIS", "TX") and not covers("TX/HARRIS", "TX/HARRISON")
    assert within(["OK", "TX/HARRIS"], ["CA", "TX/HARRIS"])
    assert not within(["TX"], [])
