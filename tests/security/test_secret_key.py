"""The session secret: made once per data directory, private, never a constant."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tessera.security.secret_key import SecretKeyError, load_or_create_secret


def test_the_secret_is_made_once_private_and_then_kept(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = load_or_create_secret(data)
    assert len(first) >= 32
    assert stat.S_IMODE((data / "secret_key").stat().st_mode) == 0o600
    assert load_or_create_secret(data) == first
    assert load_or_create_secret(tmp_path / "other") != first
    assert [p.name for p in data.iterdir()] == ["secret_key"]  # nothing left aside


def test_a_short_stored_secret_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret_key").write_text("short\n")
    with pytest.raises(SecretKeyError, match="shorter than 32"):
        load_or_create_secret(tmp_path)
