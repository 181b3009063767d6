"""Plain-language descriptions of layouts, for people reading what a feed holds."""

from __future__ import annotations

from dataclasses import dataclass

from tessera.feeds.layout import (
    BirthDate,
    Code,
    Date,
    FeedLayout,
    Field,
    FieldKind,
    FullName,
    Identifier,
    NameList,
    OffenceList,
)


@dataclass(frozen=True)
class FieldDescription:
    name: str
    kind: str
    required: bool
    note: str


def describe_kind(kind: FieldKind) -> str:
    match kind:
        case Code(values=values):
            return "code: " + " | ".join(values)
        case Date(format=fmt, duration_of_status=ds):
            return f"date {fmt.value}" + (" or D/S" if ds else "")
        case BirthDate(format=fmt, century_from=ref):
            century = f"; century from {ref}" if ref else ""
            return f"date of birth {fmt.value} (00 = unknown part{century})"
        case FullName(layout=layout):
            return f"name: {layout.value}"
        case NameList(separator=sep):
            return f"names separated by '{sep}'"
        case Identifier(type=id_type):
            return id_type.value
        case OffenceList(separator=sep):
            return f"NCIC offence codes separated by '{sep}'"
    return type(kind).__name__.lower()


def describe_fields(layout: FeedLayout) -> list[FieldDescription]:
    fields: list[Field] = list(layout.fields)
    out = [FieldDescription(layout.record_id, "record id", True, "unique within the feed")]
    out += [FieldDescription(f.name, describe_kind(f.kind), f.required, f.doc) for f in fields]
    for nested in layout.nested:
        items = (nested.item,) if nested.item else nested.fields
        out += [
            FieldDescription(f"{nested.name}[].{f.name}", describe_kind(f.kind), f.required, f.doc)
            for f in items
        ]
    return out
