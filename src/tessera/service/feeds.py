"""What each feed holds, for people reading the data contract."""

from __future__ import annotations

from tessera.feeds import LAYOUTS, FieldDescription, describe_fields
from tessera.feeds.layout import FeedLayout


def feed_layouts() -> list[FeedLayout]:
    return list(LAYOUTS.values())


def feed_fields(name: str) -> tuple[FeedLayout, list[FieldDescription]]:
    """A feed's layout and its fields in plain words; KeyError names the known feeds."""
    if name not in LAYOUTS:
        raise KeyError(f"unknown feed {name!r} (known feeds: {', '.join(LAYOUTS)})")
    layout = LAYOUTS[name]
    return layout, describe_fields(layout)
