"""The secret that signs session cookies: from settings, else from a file in the data
directory, created on first use. Never a constant in the code: a secret every copy of
Tessera shares would let anyone forge anyone's session.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

MIN_LENGTH = 32
FILE_NAME = "secret_key"


class SecretKeyError(ValueError):
    """A configured or stored secret too short to sign sessions safely."""


def checked(secret: str, where: str) -> str:
    if len(secret) < MIN_LENGTH:
        raise SecretKeyError(f"the secret key from {where} is shorter than {MIN_LENGTH} characters")
    return secret


def load_or_create_secret(data_dir: Path) -> str:
    """The secret in ``data_dir/secret_key``, written (mode 0600) with 64 random
    characters if there is none. The new file is written aside and hard-linked into place,
    which fails if one is already there: two servers starting at once share one secret,
    and neither ever reads a half-written file."""
    path = data_dir / FILE_NAME
    if path.exists():
        return checked(path.read_text(encoding="ascii").strip(), str(path))
    data_dir.mkdir(parents=True, exist_ok=True)
    aside = data_dir / f".{FILE_NAME}.{os.getpid()}.{secrets.token_hex(4)}"
    descriptor = os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(secrets.token_urlsafe(48) + "\n")
    try:
        with contextlib.suppress(FileExistsError):
            os.link(aside, path)
    finally:
        aside.unlink()
    return checked(path.read_text(encoding="ascii").strip(), str(path))
