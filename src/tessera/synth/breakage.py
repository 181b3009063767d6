"""Rows broken on purpose, exactly as the quarantine rules describe them.

Four kinds, one per broken row: ``wrong_column_count`` (CSV: a field dropped or one
too many), ``missing_required`` (a required field emptied), ``bad_date`` (a non-empty
event date that is no date in the feed's format), ``invalid_code`` (a value outside a
closed list). The record id is never touched, so the answer key can name the row.
The rules come from ``tessera.model.codes``, which the ingest checks too.
"""

from __future__ import annotations

import random

from tessera.model.codes import CODED_FIELDS, DATE_FIELDS, DATE_FORMATS, REQUIRED_FIELDS

BAD_DATES = {
    "%Y%m%d": ("99999999", "20121345", "20100015", "20210230", "UNKNOWN", "20190431"),
    "%Y-%m-%d": ("2005-13-07", "2025-02-30", "UNKNOWN", "2019-04-31", "2011-00-12", "2022-13-07"),
    "%m/%d/%Y": ("13/45/2003", "02/30/2010", "UNKNOWN", "00/12/2011", "04/31/2019"),
    "%Y-%m-%dT%H:%M:%S": ("2025-13-01T25:61:00", "UNKNOWN", "2019-02-30T10:00:00"),
}
BAD_CODES = {
    "event_type": ("ENTRY", "ARR", "EXIT"),
    "mode": ("RAIL", "FOOT"),
    "sex": ("U", "Q", "MALE"),
    "visa_class": ("B2", "F2", "H1B"),
    "events[].status": ("SUSPENDED", "REINSTATED"),
    "event": ("VISIT", "CHECK_IN"),
    "form": ("I-999", "I-90", "G-28"),
    "decision": ("DENY", "OK", "APPROVE"),
    "events[].type": ("CONTINUANCE", "BOND_HEARING"),
    "type": ("DEPORTED", "EXCLUSION"),
    "facility_type": ("HOLDING_CELL", "ICE_FACILITY"),
    "status": ("UNKNOWN", "ESCAPED"),
    "cycles[].disposition": ("GUILTY", "NOLLE"),
    "record_type": ("MISSING_PERSON", "GANG"),
    "citizenship_attestation": ("RESIDENT", "CITIZEN"),
    "document_type": ("LICENSE", "PASSPORT_CARD"),
    "list": ("TERROR_LIST", "NO_FLY"),
}
KINDS_CSV = ("wrong_column_count", "missing_required", "bad_date", "invalid_code")
KINDS_JSON = ("missing_required", "bad_date", "invalid_code")


def break_csv(
    rng: random.Random, feed: str, header: tuple[str, ...], row: list[str]
) -> tuple[str, list[str]]:
    """A broken copy of ``row`` (in ``header``'s order) and the kind of breakage."""
    at = {name: i for i, name in enumerate(header)}
    dated = [f for f in DATE_FIELDS[feed] if f in at and row[at[f]] and row[at[f]] != "D/S"]
    coded = [f for f in CODED_FIELDS[feed] if f in at and row[at[f]]]
    kinds = ["wrong_column_count", "missing_required"]
    kinds += ["bad_date"] * bool(dated) + ["invalid_code"] * bool(coded)
    kind = rng.choice(kinds)
    out = list(row)
    if kind == "wrong_column_count":
        i = rng.randrange(1, len(out))
        if rng.random() < 0.5:
            del out[i]
        else:
            out.insert(i, rng.choice(("", "0", "X")))
    elif kind == "missing_required":
        out[at[rng.choice(REQUIRED_FIELDS[feed][1:])]] = ""
    elif kind == "bad_date":
        out[at[rng.choice(dated)]] = rng.choice(BAD_DATES[DATE_FORMATS[feed]])
    else:
        name = rng.choice(coded)
        out[at[name]] = rng.choice(BAD_CODES[name])
    return kind, out


def break_json(rng: random.Random, feed: str, doc: dict[str, object]) -> str:
    """Corrupt ``doc`` in place; return the kind of breakage."""
    kind = rng.choice(KINDS_JSON)
    items_key = "cycles" if feed == "criminal_history" else "events"
    items = doc[items_key]
    assert isinstance(items, list) and items
    item = rng.choice(items)
    assert isinstance(item, dict)
    nested = items_key + "[]."
    if kind == "missing_required":
        field = rng.choice(REQUIRED_FIELDS[feed][1:])
        if field == "names":
            doc["names"] = []
        elif field.startswith(nested):
            item[field[len(nested) :]] = ""
        else:
            doc[field] = ""
    elif kind == "bad_date":
        spots: list[tuple[dict[str, object], str]] = []
        for field in DATE_FIELDS[feed]:
            if field.startswith(nested):
                key = field[len(nested) :]
                spots += [(it, key) for it in items if isinstance(it, dict) and it.get(key)]
            elif doc.get(field):
                spots.append((doc, field))
        container, key = rng.choice(spots)
        container[key] = rng.choice(BAD_DATES[DATE_FORMATS[feed]])
    else:
        field = rng.choice(tuple(CODED_FIELDS[feed]))
        target = item if field.startswith(nested) else doc
        target[field.removeprefix(nested)] = rng.choice(BAD_CODES[field])
    return kind
