"""The variant groups: each romanisation of a name meets its siblings."""

from __future__ import annotations

import pytest

from tessera.identity.linkage_input import token_keys
from tessera.identity.variants import (
    VARIANT_GROUPS,
    canonical_token,
    english_spelling,
    name_parts,
    name_shape,
    name_sound,
    variant_rows,
)


@pytest.mark.parametrize(
    "spellings",
    [
        ("MOHAMMED", "MUHAMMAD", "MOHAMED"),
        ("YURIY", "IURII"),
        ("ALEKSANDR", "OLEKSANDR"),
        ("LEE", "YI", "RHEE"),
        ("KHALED", "KHALID"),
    ],
)
def test_variants_share_one_canonical_spelling(spellings: tuple[str, ...]) -> None:
    assert len({canonical_token(s) for s in spellings}) == 1


def test_unknown_tokens_are_themselves_and_groups_do_not_overlap() -> None:
    assert canonical_token("GARCIA") == "GARCIA"
    seen: dict[str, str] = {}
    for group in VARIANT_GROUPS:
        for spelling in set(group):
            assert spelling not in seen or seen[spelling] == group[0], spelling
            seen[spelling] = group[0]
    assert dict(variant_rows()) == seen


@pytest.mark.parametrize(
    ("written", "parts"),
    [
        ("AL-HASHEMI", ["HASHEMI"]),
        ("AL HASHIMI", ["HASHEMI"]),
        ("ALHASHEMI", ["HASHEMI"]),
        ("DELA CRUZ", ["CRUZ"]),
        ("MIN-SEOK KIM", ["MIN", "SEOK", "KIM"]),
        ("MUHAMMAD O'BRIEN", ["MOHAMMED", "OBRIEN"]),
        ("ALI", ["ALI"]),
    ],
)
def test_name_parts_drop_particles_and_join_variants(written: str, parts: list[str]) -> None:
    assert name_parts(written) == parts


@pytest.mark.parametrize(
    ("german_or_polish", "english"),
    [
        ("DANILTSCHUK", "DANYLCHUK"),
        ("EDUARDOWITSCH", "EDUARDOVYCH"),
        ("SZEWCZENKO", "SHEVCHENKO"),
        ("SCHEWTSCHENKO", "SHEVCHENKO"),
        ("CHRUSCHTSCHOW", "KHRUSHCHOV"),
    ],
)
def test_german_and_polish_spellings_sound_like_the_english_one(
    german_or_polish: str, english: str
) -> None:
    assert name_sound(german_or_polish) == name_sound(english)


@pytest.mark.parametrize("word", ["CHAVEZ", "JUAN", "WALTER", "JOHNSON", "CHUNG"])
def test_english_and_spanish_spellings_are_left_as_they_are(word: str) -> None:
    # Only a spelling English romanisation never uses (SCH, SZ, CZ) marks a German or
    # Polish word: CHAVEZ keeps its CH, JUAN its J, WALTER its W.
    assert english_spelling(word) == word


def test_a_hyphenated_token_keys_its_parts_and_the_parts_joined() -> None:
    assert token_keys("NA-LI") == ["NA", "LI", "NALI"]
    assert token_keys("AL-HASHEMI") == ["HASHEMI"]
    assert set(token_keys("NA-LI")) & set(token_keys("NALI")) == {"NALI"}


@pytest.mark.parametrize(
    ("heard", "written"),
    [
        ("BLANCA", "VLANCA"),
        ("JOSUE", "GOSUE"),
        ("KEVIN", "KEBIN"),
        ("CASTILLO", "CASTIYO"),
        ("CABRERA", "CAVRERA"),
        ("VAZQUEZ", "BAZQUEZ"),
        ("ARELLANO", "AREYANO"),
    ],
)
def test_spellings_confused_by_ear_share_a_shape(heard: str, written: str) -> None:
    assert name_shape(heard) == name_shape(written)


@pytest.mark.parametrize(("one", "other"), [("GARCIA", "LOPEZ"), ("MARIA", "MARTA"), ("LI", "LIN")])
def test_different_consonants_keep_different_shapes(one: str, other: str) -> None:
    assert name_shape(one) != name_shape(other)


def test_a_name_without_consonants_has_no_shape() -> None:
    assert name_shape("HO") is None
    assert name_shape("YI") is None
