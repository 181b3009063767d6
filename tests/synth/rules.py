"""An independent reading of the quarantine rules, written from the brief and SPEC.md
(not from the generator's tables), to check that broken rows are broken as declared
and that every other row is valid."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

JSON_FEEDS = ("students", "court", "criminal_history")
FEEDS = (
    "arrivals",
    "students",
    "registrations",
    "benefits",
    "court",
    "removals",
    "custody",
    "criminal_history",
    "wanted",
    "employment",
    "lost_stolen",
    "transfers",
    "calls",
    "watchlist",
)
SPEC_COLUMNS = {
    "arrivals": "event_id event_type event_date port mode family_name given_names dob sex "
    "nationality passport_country passport_number fin class_of_admission admit_until i94_number",
    "registrations": "registration_id name dob nationality event event_date followup_due",
    "benefits": "receipt_number a_number family_name given_name dob country_of_birth form "
    "filed_date decision decision_date valid_from valid_to",
    "removals": "removal_id a_number fin name dob nationality removal_date type",
    "custody": "booking_id facility facility_type name dob sex place_of_birth fbi_number fin "
    "booking_date charges status projected_release release_date",
    "wanted": "nic_number record_type name dob sex fbi_number ori offense entry_date status",
    "employment": "i9_id employer_id employer_name worksite_state employee_family_name "
    "employee_given_name dob ssn a_number citizenship_attestation document_type "
    "document_number document_expiry hire_date",
    "lost_stolen": "report_id issuing_country document_number document_type status reported_date",
    "transfers": "transfer_id sent_at sender_name sender_phone sender_city sender_state "
    "receiver_name receiver_phone receiver_city receiver_state receiver_country amount_usd "
    "agent_id",
    "calls": "call_id started_at caller callee duration_s",
    "watchlist": "entry_id list name aliases dob nationality basis listed_date",
}
REQUIRED = {
    "arrivals": ("event_id", "event_type", "event_date", "family_name"),
    "registrations": ("registration_id", "name", "event", "event_date"),
    "benefits": ("receipt_number", "family_name", "form", "filed_date", "decision"),
    "removals": ("removal_id", "name", "removal_date", "type"),
    "custody": ("booking_id", "name", "booking_date", "status"),
    "wanted": ("nic_number", "record_type", "name", "status"),
    "employment": (
        "i9_id",
        "employer_id",
        "employee_family_name",
        "citizenship_attestation",
        "hire_date",
    ),
    "lost_stolen": ("report_id", "issuing_country", "document_number", "status", "reported_date"),
    "transfers": ("transfer_id", "sent_at", "amount_usd"),
    "calls": ("call_id", "started_at", "caller", "callee"),
    "watchlist": ("entry_id", "list", "name"),
}
DATES = {  # event dates: full dates only
    "arrivals": ("%Y%m%d", ("event_date", "admit_until")),
    "registrations": ("%Y-%m-%d", ("event_date", "followup_due")),
    "benefits": ("%m/%d/%Y", ("filed_date", "decision_date", "valid_from", "valid_to")),
    "removals": ("%Y-%m-%d", ("removal_date",)),
    "custody": ("%m/%d/%Y", ("booking_date", "projected_release", "release_date")),
    "wanted": ("%Y%m%d", ("entry_date",)),
    "employment": ("%Y-%m-%d", ("hire_date", "document_expiry")),
    "lost_stolen": ("%Y-%m-%d", ("reported_date",)),
    "transfers": ("%Y-%m-%dT%H:%M:%S", ("sent_at",)),
    "calls": ("%Y-%m-%dT%H:%M:%S", ("started_at",)),
    "watchlist": ("%Y-%m-%d", ("listed_date",)),
}
BIRTH = {
    "arrivals": "mrz",
    "registrations": "iso",
    "benefits": "us",
    "removals": "eu",
    "custody": "us",
    "wanted": "compact",
    "employment": "iso",
    "watchlist": "any",
}
SEX = {"M", "F", "X"}
CODES = {
    "arrivals": {
        "event_type": {"ARRIVAL", "DEPARTURE"},
        "mode": {"AIR", "SEA", "LAND"},
        "sex": SEX,
    },
    "registrations": {"event": {"POE_REGISTRATION", "INTERVIEW", "EXIT"}},
    "benefits": {
        "form": {"I-129", "I-539", "I-485", "I-589", "I-765", "I-914", "I-918", "N-400", "I-130"},
        "decision": {"PENDING", "APPROVED", "DENIED", "WITHDRAWN"},
    },
    "removals": {"type": {"REMOVAL", "VOLUNTARY_DEPARTURE", "RETURN"}},
    "custody": {
        "facility_type": {"COUNTY_JAIL", "STATE_PRISON", "FEDERAL_PRISON"},
        "status": {"HELD", "SENTENCED", "RELEASED"},
        "sex": SEX,
    },
    "wanted": {
        "record_type": {"WANTED", "IMMIGRATION_VIOLATOR", "PROTECTION_ORDER"},
        "status": {"ACTIVE", "CLEARED", "CANCELLED"},
        "sex": SEX,
    },
    "employment": {
        "citizenship_attestation": {"USC", "NONCITIZEN_NATIONAL", "LPR", "AUTHORIZED_ALIEN"}
    },
    "lost_stolen": {
        "document_type": {"PASSPORT", "VISA", "ID_CARD"},
        "status": {"LOST", "STOLEN", "REVOKED", "STOLEN_BLANK"},
    },
    "watchlist": {"list": {"SEX_OFFENDER_REGISTRY", "HUMAN_RIGHTS_VIOLATOR"}},
    "transfers": {},
    "calls": {},
}
STUDENT_STATUS = {"INITIAL", "ACTIVE", "COMPLETED", "TERMINATED", "DEACTIVATED", "CANCELED"}
COURT_TYPES = {
    "NTA_FILED",
    "HEARING_SCHEDULED",
    "HEARING_HELD",
    "FAILED_TO_APPEAR",
    "RELIEF_APPLIED",
    "ORDER",
    "APPEAL_FILED",
    "APPEAL_DECIDED",
}
DISPOSITIONS = {"CONVICTED", "DISMISSED", "PENDING", "ACQUITTED"}


def file_of(drop: Path, feed: str) -> Path:
    return drop / (f"{feed}.jsonl" if feed in JSON_FEEDS else f"{feed}.csv")


def full_date(value: str, fmt: str) -> bool:
    try:
        dt.datetime.strptime(value, fmt)
    except ValueError:
        return False
    # strptime accepts unpadded parts; the feeds always pad.
    return len(value) == len(dt.datetime(2000, 1, 1).strftime(fmt))


def birth_date(value: str, style: str) -> bool:
    """A real day, or one with 00 for an unknown month/day, or a 4-digit year alone
    where the format writes 4-digit years (never in an MRZ)."""
    if style == "any":
        return any(birth_date(value, s) for s in ("iso", "compact", "us", "eu", "year"))
    if style == "year":
        return re.fullmatch(r"(19|20)\d\d", value) is not None
    if re.fullmatch(r"(19|20)\d\d", value):
        return style != "mrz"
    shapes = {
        "mrz": r"(\d\d)(\d\d)(\d\d)",
        "iso": r"(\d{4})-(\d\d)-(\d\d)",
        "compact": r"(\d{4})(\d\d)(\d\d)",
        "us": r"(\d\d)/(\d\d)/(\d{4})",
        "eu": r"(\d\d)\.(\d\d)\.(\d{4})",
    }
    m = re.fullmatch(shapes[style], value)
    if m is None:
        return False
    a, b, c = (int(x) for x in m.groups())
    y, mo, d = {"us": (c, a, b), "eu": (c, b, a)}.get(style, (a, b, c))
    if style == "mrz":
        y += 1900
    if mo == 0:
        return d == 0
    if d == 0:
        return 1 <= mo <= 12
    for year in (y, y + 100):  # an MRZ year may be in either century
        try:
            dt.date(year, mo, d)
            return True
        except ValueError:
            continue
    return False


def csv_problem(feed: str, header: list[str], row: list[str]) -> str:
    if len(row) != len(header):
        return "wrong_column_count"
    v = dict(zip(header, row, strict=True))
    if any(not v[f] for f in REQUIRED[feed]):
        return "missing_required"
    fmt, fields = DATES[feed]
    for f in fields:
        if v[f] and not (f == "admit_until" and v[f] == "D/S") and not full_date(v[f], fmt):
            return "bad_date"
    if feed in BIRTH and v["dob"] and not birth_date(v["dob"], BIRTH[feed]):
        return "bad_date"
    for f, allowed in CODES[feed].items():
        if v[f] and v[f] not in allowed:
            return "invalid_code"
    return ""


def json_problem(feed: str, doc: dict[str, object]) -> str:
    items = doc.get("cycles" if feed == "criminal_history" else "events")
    if not isinstance(items, list) or not items:
        return "missing_required"
    if feed == "students":
        required = [doc.get(k) for k in ("sevis_id", "surname", "visa_class", "program_start")]
        required += [e.get(k) for e in items for k in ("date", "status")]
        dates = [doc.get("program_start"), doc.get("program_end")] + [e.get("date") for e in items]
        codes = [(doc.get("visa_class"), {"F1", "M1", "J1"})]
        codes += [(e.get("status"), STUDENT_STATUS) for e in items]
        births = [doc.get("dob")]
        fmt = "%Y-%m-%d"
    elif feed == "court":
        required = [doc.get("case_id"), doc.get("name")]
        required += [e.get(k) for e in items for k in ("date", "type")]
        dates = [e.get("date") for e in items] + [e.get("depart_by") for e in items]
        codes = [(e.get("type"), COURT_TYPES) for e in items]
        births = [doc.get("dob")]
        fmt = "%Y-%m-%d"
    else:
        names = doc.get("names")
        required = [doc.get("fbi_number"), "x" if isinstance(names, list) and names else ""]
        required += [c.get(k) for c in items for k in ("arrest_date", "offense", "disposition")]
        dates = [c.get("arrest_date") for c in items] + [c.get("disposition_date") for c in items]
        codes = [(c.get("disposition"), DISPOSITIONS) for c in items]
        dobs = doc.get("dobs")
        births = list(dobs) if isinstance(dobs, list) else []
        fmt = "%Y%m%d"
    if any(not r for r in required):
        return "missing_required"
    if any(d and not (isinstance(d, str) and full_date(d, fmt)) for d in dates):
        return "bad_date"
    style = "compact" if feed == "criminal_history" else "iso"
    if any(b and not (isinstance(b, str) and birth_date(b, style)) for b in births):
        return "bad_date"
    if any(value not in allowed for value, allowed in codes):
        return "invalid_code"
    return ""


def problems(drop: Path, feed: str) -> Iterator[tuple[int, str, str]]:
    """(line, record id, problem or '') for every row of a feed."""
    path = file_of(drop, feed)
    with path.open(encoding="utf-8", newline="") as handle:
        if feed in JSON_FEEDS:
            for line, text in enumerate(handle, start=1):
                doc = json.loads(text)
                yield line, str(next(iter(doc.values()))), json_problem(feed, doc)
        else:
            rows = csv.reader(handle)
            header = next(rows)
            for line, row in enumerate(rows, start=2):
                yield line, row[0], csv_problem(feed, header, row)
