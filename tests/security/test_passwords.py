"""Passwords: Argon2id, a minimum, rehash when the parameters grow, no default anywhere."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST

from tessera.security.passwords import (
    WeakPasswordError,
    generate_password,
    hash_password,
    verify_password,
)

GOOD = "correct horse battery"


def test_a_password_is_stored_as_an_argon2id_hash_and_verified() -> None:
    stored = hash_password(GOOD)
    assert stored.startswith("$argon2id$") and GOOD not in stored
    assert verify_password(stored, GOOD).ok
    assert not verify_password(stored, GOOD + "!").ok
    assert hash_password(GOOD) != stored  # salted


def test_no_user_or_no_password_never_verifies() -> None:
    assert not verify_password(None, GOOD).ok
    assert not verify_password("not a hash", GOOD).ok
    assert not verify_password(hash_password(GOOD), "x" * 2000).ok


@pytest.mark.parametrize(
    ("password", "why"),
    [("short", "at least 12"), ("aaaaaaaaaaaaaaaa", "different characters"), ("x" * 1025, "most")],
)
def test_weak_passwords_are_refused(password: str, why: str) -> None:
    with pytest.raises(WeakPasswordError, match=why):
        hash_password(password)


def test_a_hash_made_with_weaker_parameters_asks_to_be_rehashed() -> None:
    cheap = PasswordHasher.from_parameters(CHEAPEST).hash(GOOD)
    check = verify_password(cheap, GOOD)
    assert (check.ok, check.needs_rehash) == (True, True)
    assert not verify_password(hash_password(GOOD), GOOD).needs_rehash


def test_generated_passwords_are_long_random_and_acceptable() -> None:
    made = {generate_password() for _ in range(50)}
    assert len(made) == 50
    assert all(len(p) == 20 for p in made)
    assert verify_password(hash_password(made.pop()), "wrong").ok is False
