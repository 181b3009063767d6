"""API keys for partner systems: ``tsk_<key id>_<secret>``, shown once, stored as a hash.

The key id (12 hex digits) finds the key's row; only the SHA-256 of the secret is kept.
A fast hash is right here, unlike for passwords: the secret is 256 random bits, which no
one can guess whatever the hash costs, and a partner system calls with it on every request.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

PREFIX = "tsk"
_KEY = re.compile(rf"^{PREFIX}_(?P<key_id>[0-9a-f]{{12}})_(?P<secret>[A-Za-z0-9_-]{{43}})$")


@dataclass(frozen=True)
class NewKey:
    key_id: str
    secret_hash: str
    plaintext: str
    """The whole key, to hand to the partner once; never stored."""


@dataclass(frozen=True)
class PresentedKey:
    key_id: str
    secret: str


def new_api_key() -> NewKey:
    key_id, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
    return NewKey(key_id, secret_hash(secret), f"{PREFIX}_{key_id}_{secret}")


def parse_api_key(text: str) -> PresentedKey | None:
    """The parts of a presented key, or ``None`` if it is not shaped like one of ours."""
    match = _KEY.match(text.strip())
    return None if match is None else PresentedKey(match["key_id"], match["secret"])


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


def secret_matches(secret: str, stored_hash: str) -> bool:
    """Constant-time comparison: a timing difference must not reveal the hash."""
    return hmac.compare_digest(secret_hash(secret), stored_hash)
