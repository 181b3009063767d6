"""The drop manifest: which feeds a drop holds and the date it was cut (SPEC.md)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from tessera.feeds.errors import ManifestError
from tessera.feeds.layouts import LAYOUTS

MANIFEST_NAME = "manifest.json"


@dataclass(frozen=True)
class Manifest:
    drop_dir: Path
    as_of: dt.date
    feeds: dict[str, Path]
    seed: int | None
    people: int | None
    ignored_files: tuple[str, ...]
    fingerprint: str

    @property
    def drop_id(self) -> str:
        """Names this drop's content: the cut date plus a short content fingerprint."""
        return f"{self.as_of.isoformat()}-{self.fingerprint[:12]}"


def load_manifest(drop_dir: Path) -> Manifest:
    """Read and check ``manifest.json``; raise :class:`ManifestError` with one clear line."""
    if not drop_dir.is_dir():
        raise ManifestError(f"{drop_dir}: not a directory (expected a feed drop)")
    path = drop_dir / MANIFEST_NAME
    try:
        text = path.read_bytes()
    except OSError as exc:
        raise ManifestError(f"{path}: cannot read the manifest ({exc.strerror})") from exc
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ManifestError(f"{path}: not valid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise ManifestError(f"{path}: expected a JSON object")
    as_of = _as_of(path, data.get("as_of"))
    feeds = _feeds(drop_dir, path, data.get("feeds"))
    named = {p.name for p in feeds.values()} | {MANIFEST_NAME}
    ignored = tuple(
        sorted(p.name for p in drop_dir.iterdir() if p.is_file() and p.name not in named)
    )
    return Manifest(
        drop_dir=drop_dir,
        as_of=as_of,
        feeds=feeds,
        seed=_optional_int(data.get("seed")),
        people=_optional_int(data.get("people")),
        ignored_files=ignored,
        fingerprint=_fingerprint(text, feeds),
    )


def _as_of(path: Path, value: object) -> dt.date:
    if not isinstance(value, str):
        raise ManifestError(f"{path}: 'as_of' is missing (expected \"YYYY-MM-DD\")")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ManifestError(f"{path}: 'as_of' = {value!r} is not a YYYY-MM-DD date") from exc


def _feeds(drop_dir: Path, path: Path, value: object) -> dict[str, Path]:
    if not isinstance(value, dict) or not value:
        raise ManifestError(f"{path}: 'feeds' is missing or empty (expected name -> file)")
    feeds: dict[str, Path] = {}
    for name, file_name in value.items():
        if name not in LAYOUTS:
            known = ", ".join(LAYOUTS)
            raise ManifestError(f"{path}: unknown feed {name!r} (known feeds: {known})")
        if not isinstance(file_name, str) or "/" in file_name or file_name.startswith("."):
            raise ManifestError(f"{path}: feed {name!r} names an invalid file {file_name!r}")
        feed_path = drop_dir / file_name
        if not feed_path.is_file():
            raise ManifestError(f"{feed_path}: feed {name!r} is named but the file is missing")
        feeds[name] = feed_path
    return feeds


def _optional_int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _fingerprint(manifest_bytes: bytes, feeds: dict[str, Path]) -> str:
    digest = hashlib.sha256(manifest_bytes)
    for name in sorted(feeds):
        digest.update(f"{name}:{feeds[name].stat().st_size}".encode())
    return digest.hexdigest()
