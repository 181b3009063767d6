"""A rule: one finding code as data beside the SQL that finds it.

A rule's query reads the status tables and returns one row per finding it proposes:

| column | meaning |
|---|---|
| ``entity_id`` | the person |
| ``subject_on`` | the date the finding rests on (the day status was lost, the hire...) |
| ``evidence`` | ``VARCHAR[]`` of ``feed:record_id`` keys |
| ``detail`` | optional: one line an analyst reads |
| ``role`` | optional: ``SUBJECT`` (default) or ``OWNER`` of a shared identifier |

``{as_of}`` in the query is the drop's cut date. A rule only proposes: the engine
computes confidence and priority and then applies the protections, which decide what
may name anyone (``protections.py``). No rule can reach the findings table directly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from tessera.model.findings import Severity


class WhenUnknown(StrEnum):
    """What becomes of a proposal about a person whose records show neither citizenship
    nor noncitizenship (absence of records is no evidence)."""

    WITHHOLD = "withhold"
    """Nothing is said: the conditions alone are not worth an analyst's attention."""
    UNVERIFIED = "unverified"
    """Say STATUS_UNVERIFIED: the conditions deserve a look, the status cannot be shown."""


@dataclass(frozen=True)
class Rule:
    code: str
    version: str
    title: str
    """What the rule says, in the words of the provision it encodes."""
    legal_basis: tuple[str, ...]
    effective_from: dt.date
    effective_to: dt.date | None
    severity: Severity
    query: str
    when_unknown: WhenUnknown = WhenUnknown.WITHHOLD

    def in_effect(self, day: dt.date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day < self.effective_to)

    @property
    def basis(self) -> str:
        return "; ".join(self.legal_basis)
