"""What a name table is: given and family names of one naming tradition.

The ``style`` says how a full name is built and how other systems re-spell it:
two surnames (hispanic), a mother's surname as middle name (filipino), a patronymic
(slavic), family name first (chinese, korean, vietnamese), AL-/EL- particles
(arabic). Names are stored as the person's own country writes them, upper case, with
accents; each source system then writes them its own way (noise.py).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Origin:
    key: str
    style: str
    male: tuple[str, ...]
    female: tuple[str, ...]
    family: tuple[str, ...]
    middle_rate: float = 0.3
    """How often a person of this tradition has a middle name."""


def words(text: str) -> tuple[str, ...]:
    """A table from whitespace-separated words (``_`` joins a two-word entry)."""
    return tuple(w.replace("_", " ") for w in text.split())
