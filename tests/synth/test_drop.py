"""The generated drop: complete, deterministic, linked to its truth, broken as declared."""

from __future__ import annotations

import csv
import filecmp
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from tessera.synth import SynthSummary, generate
from tessera.synth.breakage import RULES
from tessera.synth.emit import COLUMNS

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
DATE = {
    "compact": r"\d{8}",
    "iso": r"\d{4}-\d{2}-\d{2}",
    "us": r"\d{2}/\d{2}/\d{4}",
    "ts": r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}",
}
CODES = {
    "event_type": {"ARRIVAL", "DEPARTURE"},
    "mode": {"AIR", "SEA", "LAND"},
    "sex": {"M", "F", "X"},
    "event": {"POE_REGISTRATION", "INTERVIEW", "EXIT"},
    "form": {"I-129", "I-539", "I-485", "I-589", "I-765", "I-914", "I-918", "N-400", "I-130"},
    "decision": {"PENDING", "APPROVED", "DENIED", "WITHDRAWN"},
    "type": {"REMOVAL", "VOLUNTARY_DEPARTURE", "RETURN"},
    "facility_type": {"COUNTY_JAIL", "STATE_PRISON", "FEDERAL_PRISON"},
    "record_type": {"WANTED", "IMMIGRATION_VIOLATOR", "PROTECTION_ORDER"},
    "citizenship_attestation": {"USC", "NONCITIZEN_NATIONAL", "LPR", "AUTHORIZED_ALIEN"},
    "document_type": {"PASSPORT", "VISA", "ID_CARD"},
    "list": {"SEX_OFFENDER_REGISTRY", "HUMAN_RIGHTS_VIOLATOR"},
}
STATUS = {
    "custody": {"HELD", "SENTENCED", "RELEASED"},
    "wanted": {"ACTIVE", "CLEARED", "CANCELLED"},
    "lost_stolen": {"LOST", "STOLEN", "REVOKED", "STOLEN_BLANK"},
}


def _valid_date(value: str, style: str) -> bool:
    import datetime as dt

    if not re.fullmatch(DATE[style], value):
        return False
    fmt = {"compact": "%Y%m%d", "iso": "%Y-%m-%d", "us": "%m/%d/%Y", "ts": "%Y-%m-%dT%H:%M:%S"}
    try:
        dt.datetime.strptime(value, fmt[style])
    except ValueError:
        return False
    return True


def _possible_birth_date(value: str) -> bool:
    """Any real day, or one with 00 parts, in any of the feeds' birth-date styles."""
    import datetime as dt

    digits = re.sub(r"\D", "", value)
    if re.fullmatch(r"\d{4}", value):
        return True
    if len(digits) == 6:  # MRZ YYMMDD: any century will do for the check
        digits = "20" + digits if digits[:2] != "00" else "2000" + digits[2:]
        candidates = [digits, "19" + digits[2:]]
    elif "/" in value:  # MM/DD/YYYY
        candidates = [digits[4:] + digits[:4]]
    elif "." in value:  # DD.MM.YYYY
        candidates = [digits[4:] + digits[2:4] + digits[:2]]
    else:
        candidates = [digits]
    for c in candidates:
        y, m, d = int(c[:4]), int(c[4:6]), int(c[6:8])
        if m == 0 or (d == 0 and 1 <= m <= 12):
            return True
        try:
            dt.date(y, m, d)
            return True
        except ValueError:
            continue
    return False


def csv_problem(feed: str, header: list[str], row: list[str]) -> str:
    """An independent reading of the quarantine rules for one CSV row."""
    if len(row) != len(header):
        return "wrong_column_count"
    values = dict(zip(header, row, strict=True))
    rules = RULES[feed]
    if any(not values[f] for f in rules.required):
        return "missing_required"
    if any(
        values[f] and values[f] != "D/S" and not _valid_date(values[f], s)
        for f, s in rules.dates.items()
    ):
        return "bad_date"
    for f in rules.codes:
        allowed = STATUS.get(feed, CODES.get(f, set())) if f == "status" else CODES[f]
        if values[f] and values[f] not in allowed:
            return "invalid_code"
    return ""


def json_problem(feed: str, doc: dict[str, object]) -> str:
    events = doc.get("events") or doc.get("cycles")
    assert isinstance(events, list)
    name = doc.get("surname", doc.get("name", "x"))
    if not name or (feed == "criminal_history" and any(not e["offense"] for e in events)):
        return "missing_required"
    date_key = "arrest_date" if feed == "criminal_history" else "date"
    style = "compact" if feed == "criminal_history" else "iso"
    if any(not _valid_date(str(e[date_key]), style) for e in events):
        return "bad_date"
    allowed = {
        "students": (
            "status",
            {"INITIAL", "ACTIVE", "COMPLETED", "TERMINATED", "DEACTIVATED", "CANCELED"},
        ),
        "court": (
            "type",
            {
                "NTA_FILED",
                "HEARING_SCHEDULED",
                "HEARING_HELD",
                "FAILED_TO_APPEAR",
                "RELIEF_APPLIED",
                "ORDER",
                "APPEAL_FILED",
                "APPEAL_DECIDED",
            },
        ),
        "criminal_history": ("disposition", {"CONVICTED", "DISMISSED", "PENDING", "ACQUITTED"}),
    }[feed]
    if any(e[allowed[0]] not in allowed[1] for e in events):
        return "invalid_code"
    return ""


def _truth(world: SynthSummary, name: str) -> list[dict[str, str]]:
    with (world.out_dir / "truth" / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_feed_is_there_with_its_columns(world: SynthSummary) -> None:
    manifest = json.loads((world.out_dir / "manifest.json").read_text())
    assert set(manifest["feeds"]) == set(FEEDS) and manifest["people"] == 6000
    for feed, header in COLUMNS.items():
        with (world.out_dir / manifest["feeds"][feed]).open(encoding="utf-8") as handle:
            got = next(csv.reader(handle))
        assert got[0] == header[0] and sorted(got) == sorted(header), feed
    assert all(world.rows_per_feed[f] > 0 for f in FEEDS)


def test_broken_rows_are_exactly_the_rows_that_break_the_rules(world: SynthSummary) -> None:
    declared = {(r["feed"], int(r["line"])): r["kind"] for r in _truth(world, "broken_rows.csv")}
    found: dict[tuple[str, int], str] = {}
    for feed in FEEDS:
        path = world.out_dir / (
            f"{feed}.jsonl" if feed in ("students", "court", "criminal_history") else f"{feed}.csv"
        )
        with path.open(encoding="utf-8", newline="") as handle:
            if path.suffix == ".csv":
                rows = csv.reader(handle)
                header = next(rows)
                for line, row in enumerate(rows, start=2):
                    if problem := csv_problem(feed, header, row):
                        found[(feed, line)] = problem
            else:
                for line, text in enumerate(handle, start=1):
                    if problem := json_problem(feed, json.loads(text)):
                        found[(feed, line)] = problem
    assert found == declared
    assert 0.003 < len(declared) / sum(world.rows_per_feed.values()) < 0.012


def test_links_cover_every_person_row_and_ids_are_unique(world: SynthSummary) -> None:
    links = _truth(world, "links.csv")
    per_feed = Counter(r["feed"] for r in links)
    for feed in FEEDS:
        if feed in ("calls", "transfers", "lost_stolen"):
            assert per_feed[feed] == 0
        else:
            assert per_feed[feed] == world.rows_per_feed[feed], feed
    keys = [(r["feed"], r["record_id"]) for r in links]
    assert len(keys) == len(set(keys))
    people = {r["person_id"] for r in _truth(world, "people.csv")}
    assert len(people) == 6000 and {r["person_id"] for r in links} <= people


def test_no_enforcement_finding_names_a_citizen_or_protected_person(world: SynthSummary) -> None:
    people = {r["person_id"]: r for r in _truth(world, "people.csv")}
    findings = _truth(world, "expected_findings.csv")
    assert {f["code"] for f in findings} >= {
        "OVERSTAY",
        "FUGITIVE",
        "STUDENT_OVERSTAY",
        "STUDENT_STATUS_VIOLATION",
        "SHARED_IDENTIFIER",
        "UNAUTHORIZED_EMPLOYMENT",
        "REENTRY_AFTER_REMOVAL",
        "REMOVABLE_IN_CUSTODY",
        "LOST_STOLEN_DOCUMENT_USED",
    }
    for f in findings:
        person = people[f["person_id"]]
        if f["code"] != "SHARED_IDENTIFIER":
            assert not person["citizenship"].startswith("USC"), f
            assert person["protected"] == "0", f


def test_evidence_points_at_stored_rows_of_the_person(world: SynthSummary) -> None:
    owner = {(r["feed"], r["record_id"]): r["person_id"] for r in _truth(world, "links.csv")}
    broken = {(r["feed"], r["record_id"]) for r in _truth(world, "broken_rows.csv")}
    for f in _truth(world, "expected_findings.csv"):
        for key in f["evidence"].split(";"):
            feed, record_id = key.split(":", 1)
            assert (feed, record_id) not in broken, f
            if feed != "lost_stolen":
                assert owner[(feed, record_id)] == f["person_id"], f


def test_noise_is_present(world: SynthSummary) -> None:
    with (world.out_dir / "benefits.csv").open(encoding="utf-8") as handle:
        benefits = list(csv.DictReader(handle))
    a_numbers = [b["a_number"] for b in benefits if b["a_number"]]
    assert any(not a.startswith("A") for a in a_numbers) and any(
        a.startswith("A") for a in a_numbers
    )
    assert len({b["country_of_birth"] for b in benefits}) > 40
    spellings: dict[str, set[str]] = defaultdict(set)
    with (world.out_dir / "arrivals.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            spellings[row["passport_number"]].add(row["family_name"])
    assert sum(len(s) > 1 for s in spellings.values()) > 10


def test_same_seed_same_bytes_whatever_the_workers(tmp_path: Path) -> None:
    a = generate(tmp_path / "a", people=5500, seed=3, workers=1)
    b = generate(tmp_path / "b", people=5500, seed=3, workers=2)
    files = sorted(p.relative_to(a.out_dir) for p in a.out_dir.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b.out_dir) for p in b.out_dir.rglob("*") if p.is_file())
    _, mismatch, errors = filecmp.cmpfiles(
        a.out_dir, b.out_dir, [str(f) for f in files], shallow=False
    )
    assert mismatch == [] and errors == []
    c = generate(tmp_path / "c", people=5500, seed=4, workers=1)
    assert (c.out_dir / "arrivals.csv").read_bytes() != (a.out_dir / "arrivals.csv").read_bytes()


def test_heavy_noise_varies_more(tmp_path: Path) -> None:
    def variety(noise: str) -> int:
        world = generate(tmp_path / noise, people=3000, seed=5, noise=noise, workers=1)
        names: dict[str, set[str]] = defaultdict(set)
        with (world.out_dir / "arrivals.csv").open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                names[row["fin"] or row["passport_number"]].add(row["family_name"] + row["dob"])
        return sum(len(v) - 1 for v in names.values())

    assert variety("heavy") > 1.3 * variety("standard")
