"""Passwords: Argon2id hashes (argon2-cffi, RFC 9106's low-memory profile), a minimum
length, and generated passwords for accounts whose owner sets none.

An unknown user is checked against a dummy hash, so that a wrong username costs as much
time as a wrong password and the answer's timing does not say which accounts exist.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 12
MAX_LENGTH = 1024
"""Long passphrases welcome; a megabyte of 'password' is a denial of service."""

_HASHER = PasswordHasher()


class WeakPasswordError(ValueError):
    """A password Tessera refuses to store; the message says why."""


@dataclass(frozen=True)
class Verification:
    ok: bool
    needs_rehash: bool = False


def password_problem(password: str) -> str | None:
    """Why ``password`` may not be used, or ``None``."""
    if len(password) < MIN_LENGTH:
        return f"a password needs at least {MIN_LENGTH} characters"
    if len(password) > MAX_LENGTH:
        return f"a password may have at most {MAX_LENGTH} characters"
    if len(set(password)) < 4:
        return "a password needs more than three different characters"
    return None


def hash_password(password: str) -> str:
    """The Argon2id hash to store for ``password``; refuses a weak one."""
    problem = password_problem(password)
    if problem is not None:
        raise WeakPasswordError(problem)
    return _HASHER.hash(password)


@cache
def _dummy_hash() -> str:
    return _HASHER.hash(secrets.token_urlsafe(16))


def verify_password(stored: str | None, password: str) -> Verification:
    """Whether ``password`` matches ``stored`` (``None``: no such user, or no password);
    ``needs_rehash`` when the hash was made with weaker parameters than today's."""
    if len(password) > MAX_LENGTH:
        return Verification(False)
    try:
        _HASHER.verify(stored or _dummy_hash(), password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return Verification(False)
    if stored is None:
        return Verification(False)
    return Verification(True, _HASHER.check_needs_rehash(stored))


def generate_password() -> str:
    """A random password (20 URL-safe characters, 120 bits), shown once to the operator."""
    return secrets.token_urlsafe(15)
