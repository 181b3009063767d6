"""The stated purpose of an access: a kind, a reference (the case, lead or query number)
and free text, e.g. ``lead:L123 checking address``.

This one line is how a purpose travels everywhere: in the ``X-Tessera-Purpose`` HTTP
header, on the command line, in the audit log. The text may be percent-encoded, so that
a header (ASCII only) can still carry any language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote

from tessera.model.access import PurposeKind

MAX_TEXT = 500
_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/#-]{0,63}$")
_FORMAT = "<kind>:<reference> <text>, e.g. 'lead:L123 checking address'"


class PurposeError(ValueError):
    """A purpose that cannot be read; the message says what is wrong and the format."""


@dataclass(frozen=True)
class Purpose:
    kind: PurposeKind
    reference: str
    text: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.reference} {quote(self.text, safe=' ,.;:()/-_#')}"


def parse_purpose(value: str) -> Purpose:
    """Read ``<kind>:<reference> <text>``; raises ``PurposeError`` saying what is wrong."""
    head, _, rest = value.strip().partition(" ")
    kind, colon, reference = head.partition(":")
    if not colon:
        raise PurposeError(f"purpose {value!r} is not {_FORMAT}")
    if kind not in PurposeKind.__members__:
        known = ", ".join(PurposeKind)
        raise PurposeError(f"purpose kind {kind!r} is unknown; it is one of {known}")
    if not _REFERENCE.match(reference):
        raise PurposeError(
            f"purpose reference {reference!r} must be 1-64 letters, digits or ._/#- "
            f"(the case, lead or query it serves)"
        )
    text = " ".join(unquote(rest).split())
    if not text:
        raise PurposeError(f"purpose {value!r} gives no reason: {_FORMAT}")
    if len(text) > MAX_TEXT:
        raise PurposeError(f"purpose text is longer than {MAX_TEXT} characters")
    return Purpose(PurposeKind(kind), reference, text)
