"""Small helpers for writing SQL text safely (identifiers and literals)."""

from __future__ import annotations

from collections.abc import Iterable


def ident(name: str) -> str:
    """A double-quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def lit(value: str) -> str:
    """A single-quoted SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def lit_list(values: Iterable[str]) -> str:
    """A SQL list literal of strings: ``['A', 'B']``."""
    return "[" + ", ".join(lit(v) for v in values) + "]"
