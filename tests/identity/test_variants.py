"""The variant groups: each romanisation of a name meets its siblings."""

from __future__ import annotations

import pytest

from tessera.identity.variants import VARIANT_GROUPS, canonical_token, name_parts, variant_rows


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
