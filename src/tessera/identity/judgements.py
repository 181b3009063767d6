"""Analysts' judgements as identity needs them: which records must, or must never, be one
person.

Identity never reads the operational store; the service hands judgements in as plain
data. Every judgement names the records it concerns (``feed:record_id`` keys captured
when the analyst made it), split into two sides:

- ``merge``: side a and side b are one person: every record of both must be together;
- ``not_same``: no record of side a may ever be one person with a record of side b;
- ``split``: side a (the records split off) may never be with side b (the rest of the
  person at that moment).

Must-links override the model's own never-the-same evidence (an analyst has looked);
cannot-links are absolute: no score and no merge overrides them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

KINDS = ("merge", "split", "not_same")
APART = ("split", "not_same")


@dataclass(frozen=True)
class Judgement:
    """One active judgement: its id in the store, its kind, and its two sides."""

    id: int
    kind: str
    side_a: tuple[str, ...]
    side_b: tuple[str, ...]

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown judgement kind {self.kind!r} (known: {', '.join(KINDS)})")
        if not self.side_a or not self.side_b:
            raise ValueError(f"judgement {self.id} needs records on both sides")

    @property
    def keeps_apart(self) -> bool:
        return self.kind in APART

    @property
    def records(self) -> tuple[str, ...]:
        return self.side_a + self.side_b


def must_link_groups(judgements: Sequence[Judgement]) -> list[tuple[int, tuple[str, ...]]]:
    """Each merge judgement's records, all of which must be one person."""
    return [(j.id, j.records) for j in judgements if j.kind == "merge"]


def cannot_link_pairs(judgements: Sequence[Judgement]) -> Iterator[tuple[str, str, int]]:
    """Every (record, record, judgement id) that may never be one person, lower key first."""
    for j in judgements:
        if not j.keeps_apart:
            continue
        for a in j.side_a:
            for b in j.side_b:
                if a != b:
                    yield (a, b, j.id) if a < b else (b, a, j.id)
