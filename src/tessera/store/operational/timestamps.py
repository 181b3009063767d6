"""Timestamps as the store hands them back: timezone-aware UTC on every backend."""

from __future__ import annotations

import datetime as dt


def as_utc(value: dt.datetime) -> dt.datetime:
    """SQLite returns naive datetimes (everything written is UTC); PostgreSQL returns aware
    ones in the session's time zone. Callers get UTC either way."""
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def maybe_utc(value: dt.datetime | None) -> dt.datetime | None:
    return None if value is None else as_utc(value)
