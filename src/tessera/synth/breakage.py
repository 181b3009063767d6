"""Rows broken on purpose, exactly as SPEC's quarantine rules describe them."""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Rules:
    """Which fields of a feed are required, dated (with their style) and coded."""

    required: tuple[str, ...]
    dates: dict[str, str]
    codes: dict[str, tuple[str, ...]]


BAD_DATES = {
    "compact": ("99999999", "20121345", "20100015", "20210230"),
    "iso": ("2005-13-07", "2025-02-30", "UNKNOWN", "2022-13-07"),
    "us": ("13/45/2003", "UNKNOWN", "02/30/2010"),
    "eu": ("32.13.1990",),
    "ts": ("2025-13-01T25:61:00", "UNKNOWN"),
}
BAD_CODES = {
    "event_type": ("ENTRY", "ARR"),
    "mode": ("RAIL",),
    "sex": ("U", "Q"),
    "decision": ("DENY", "OK"),
    "form": ("I-999",),
    "type": ("DEPORTED",),
    "status": ("UNKNOWN",),
    "facility_type": ("HOLDING_CELL",),
    "record_type": ("MISSING_PERSON",),
    "citizenship_attestation": ("RESIDENT",),
    "document_type": ("LICENSE",),
    "list": ("TERROR_LIST",),
    "event": ("VISIT",),
    "visa_class": ("B2",),
    "disposition": ("GUILTY",),
}

RULES: dict[str, Rules] = {
    "arrivals": Rules(
        ("event_type", "event_date", "family_name"),
        {"event_date": "compact", "admit_until": "compact"},
        {"event_type": (), "mode": (), "sex": ()},
    ),
    "registrations": Rules(("name", "event", "event_date"), {"event_date": "iso"}, {"event": ()}),
    "benefits": Rules(
        ("family_name", "form", "filed_date", "decision"),
        {"filed_date": "us", "decision_date": "us"},
        {"form": (), "decision": ()},
    ),
    "removals": Rules(("name", "removal_date", "type"), {"removal_date": "iso"}, {"type": ()}),
    "custody": Rules(
        ("name", "booking_date", "status"),
        {"booking_date": "us"},
        {"facility_type": (), "status": ()},
    ),
    "wanted": Rules(
        ("record_type", "name", "status"),
        {"entry_date": "compact"},
        {"record_type": (), "status": ()},
    ),
    "employment": Rules(
        ("employer_id", "employee_family_name", "citizenship_attestation", "hire_date"),
        {"hire_date": "iso"},
        {"citizenship_attestation": ()},
    ),
    "lost_stolen": Rules(
        ("issuing_country", "document_number", "status", "reported_date"),
        {"reported_date": "iso"},
        {"document_type": (), "status": ()},
    ),
    "transfers": Rules(("sent_at", "amount_usd"), {"sent_at": "ts"}, {}),
    "calls": Rules(("started_at", "caller", "callee"), {"started_at": "ts"}, {}),
    "watchlist": Rules(("list", "name"), {"listed_date": "iso"}, {"list": ()}),
}


def break_csv(
    rng: random.Random, feed: str, header: list[str], row: list[str]
) -> tuple[str, list[str]]:
    """A broken copy of ``row`` and the kind of breakage."""
    rules = RULES[feed]
    kinds = ["wrong_column_count", "missing_required"]
    dated = [f for f in rules.dates if row[header.index(f)]]
    coded = [f for f in rules.codes if row[header.index(f)]]
    if dated:
        kinds.append("bad_date")
    if coded:
        kinds.append("invalid_code")
    kind = rng.choice(kinds)
    out = list(row)
    if kind == "wrong_column_count":
        i = rng.randrange(1, len(out))
        if rng.random() < 0.5:
            del out[i]
        else:
            out.insert(i, "0")
    elif kind == "missing_required":
        out[header.index(rng.choice(rules.required))] = ""
    elif kind == "bad_date":
        name = rng.choice(dated)
        out[header.index(name)] = rng.choice(BAD_DATES[rules.dates[name]])
    else:
        name = rng.choice(coded)
        out[header.index(name)] = rng.choice(BAD_CODES[name])
    return kind, out


def break_json(rng: random.Random, feed: str, doc: dict[str, object]) -> str:
    """Corrupt ``doc`` in place; return the kind of breakage."""
    kind = rng.choice(("missing_required", "bad_date", "invalid_code"))
    if feed == "students":
        events = doc["events"]
        assert isinstance(events, list)
        if kind == "missing_required":
            doc["surname"] = ""
        elif kind == "bad_date":
            events[-1]["date"] = rng.choice(BAD_DATES["iso"])
        else:
            events[-1]["status"] = "SUSPENDED"
    elif feed == "court":
        events = doc["events"]
        assert isinstance(events, list)
        if kind == "missing_required":
            doc["name"] = ""
        elif kind == "bad_date":
            events[-1]["date"] = rng.choice(BAD_DATES["iso"])
        else:
            events[-1]["type"] = "CONTINUANCE"
    else:  # criminal_history
        cycles = doc["cycles"]
        assert isinstance(cycles, list)
        if kind == "missing_required":
            cycles[0]["offense"] = ""
        elif kind == "bad_date":
            cycles[0]["arrest_date"] = rng.choice(BAD_DATES["compact"])
        else:
            cycles[0]["disposition"] = "GUILTY"
    return kind
