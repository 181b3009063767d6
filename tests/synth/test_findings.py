"""The answer key: protections hold, evidence points at stored rows of the person, and
the findings can be re-derived from the rows themselves (for the simpler codes)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from tessera.synth import SynthSummary
from tests.synth.conftest import Drop

AS_OF = dt.date(2026, 6, 30)
CODES = {
    "OVERSTAY",
    "STUDENT_STATUS_VIOLATION",
    "STUDENT_OVERSTAY",
    "FUGITIVE",
    "REMOVABLE_IN_CUSTODY",
    "REENTRY_AFTER_REMOVAL",
    "LOST_STOLEN_DOCUMENT_USED",
    "SHARED_IDENTIFIER",
    "UNAUTHORIZED_EMPLOYMENT",
    "HUMAN_RIGHTS_VIOLATOR_PRESENT",
    "SEX_OFFENDER_REMOVABLE",
}
CITIZENS = {"USC_BORN", "USC_DERIVED", "USC_NATURALIZED"}


def day(value: object, fmt: str) -> dt.date:
    return dt.datetime.strptime(str(value), fmt).date()


def evidence(f: dict[str, str]) -> list[tuple[str, str]]:
    return [(k.split(":", 1)[0], k.split(":", 1)[1]) for k in f["evidence"].split(";")]


def protected(person: dict[str, str]) -> bool:
    return person["citizenship"] in CITIZENS or person["protected"] == "1"


def test_every_judged_code_occurs(world: SynthSummary, read: Drop) -> None:
    assert {f["code"] for f in read.findings} == CODES
    assert dict(Counter(f["code"] for f in read.findings)) == dict(world.expected_findings)


def test_no_finding_but_shared_identifier_names_a_citizen_or_protected_person(read: Drop) -> None:
    for f in read.findings:
        if f["code"] != "SHARED_IDENTIFIER":
            assert not protected(read.people[f["person_id"]]), f


def test_protected_people_with_incriminating_looking_rows_exist(read: Drop) -> None:
    """Citizens and protected people do have arrivals, court cases, overstay-shaped
    histories: the key stays silent on them, so the test above is not vacuous."""
    quiet = [
        p
        for p in read.people.values()
        if protected(p)
        and any(feed in ("court", "arrivals") for feed, _ in read.of(p["person_id"]))
    ]
    assert len(quiet) > 50


def test_evidence_is_stored_rows_of_the_person(read: Drop) -> None:
    for f in read.findings:
        keys = evidence(f)
        assert keys == sorted(keys, key=lambda k: f"{k[0]}:{k[1]}") and len(set(keys)) == len(keys)
        for key in keys:
            assert key in read.rows, f
            assert key not in read.broken, f
            if key[0] == "lost_stolen":
                assert f["code"] == "LOST_STOLEN_DOCUMENT_USED", f
            else:
                assert read.owner[key] == f["person_id"], f


def test_one_finding_per_person_where_spec_names_the_person(read: Drop) -> None:
    per = Counter((f["person_id"], f["code"]) for f in read.findings)
    for code in (
        "UNAUTHORIZED_EMPLOYMENT",
        "HUMAN_RIGHTS_VIOLATOR_PRESENT",
        "SEX_OFFENDER_REMOVABLE",
    ):
        assert all(n == 1 for (_, c), n in per.items() if c == code), code


def _rows_of(read: Drop) -> dict[str, list[tuple[str, str]]]:
    mine: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, person in read.owner.items():
        if key not in read.broken:
            mine[person].append(key)
    return mine


def test_overstays_follow_from_the_rows_and_none_is_missed(read: Drop) -> None:
    """OVERSTAY re-derived from the rows: a dated admission that ran out, no departure
    or removal on or after the arrival, no timely undenied I-129 / I-539 / I-485."""
    expected = {(f["person_id"], f["evidence"]) for f in read.findings if f["code"] == "OVERSTAY"}
    derived = set()
    for person, keys in _rows_of(read).items():
        if protected(read.people[person]):
            continue
        rows = {k: read.rows[k] for k in keys}
        exits = [
            day(r["event_date"], "%Y%m%d")
            for (feed, _), r in rows.items()
            if feed == "arrivals" and r["event_type"] == "DEPARTURE"
        ]
        exits += [
            day(r["removal_date"], "%Y-%m-%d")
            for (feed, _), r in rows.items()
            if feed == "removals"
        ]
        filings = [
            (day(r["filed_date"], "%m/%d/%Y"), r["decision"])
            for (feed, _), r in rows.items()
            if feed == "benefits" and r["form"] in ("I-129", "I-539", "I-485")
        ]
        for (feed, rid), r in rows.items():
            if (
                feed != "arrivals"
                or r["event_type"] != "ARRIVAL"
                or r["admit_until"] in ("", "D/S")
            ):
                continue
            came, until = day(r["event_date"], "%Y%m%d"), day(r["admit_until"], "%Y%m%d")
            if until >= AS_OF or any(d >= came for d in exits):
                continue
            if any(came <= filed <= until and d != "DENIED" for filed, d in filings):
                continue
            derived.add((person, f"arrivals:{rid}"))
    assert derived == expected and len(expected) > 50


def test_shared_identifiers_are_really_shared(read: Drop) -> None:
    """Each SHARED_IDENTIFIER cites the person's rows carrying one SSN or passport
    number that rows of somebody else carry too."""

    def identifiers(key: tuple[str, str]) -> set[str]:
        r = read.rows[key]
        if key[0] == "arrivals":
            return {f"P{r['passport_number']}"}
        found = {f"S{r['ssn']}"}
        if r["document_type"] in ("US_PASSPORT", "FOREIGN_PASSPORT+I-94"):
            found.add(f"P{r['document_number']}")
        return found

    users: dict[str, set[str]] = defaultdict(set)
    for key, person in read.owner.items():
        if key[0] in ("arrivals", "employment") and key not in read.broken:
            for ident in identifiers(key):
                users[ident].add(person)
    cited = 0
    for f in read.findings:
        if f["code"] != "SHARED_IDENTIFIER":
            continue
        common = set.intersection(*(identifiers(k) for k in evidence(f)))
        assert any(len(users[i]) > 1 and f["person_id"] in users[i] for i in common), f
        cited += 1
    sharers = {p for ident, ps in users.items() if len(ps) > 1 for p in ps}
    assert {f["person_id"] for f in read.findings if f["code"] == "SHARED_IDENTIFIER"} == sharers
    assert cited > 20


def test_thieves_work_on_the_stolen_number_alone(read: Drop) -> None:
    """As in the exchange's drops: a thief's I-9s carry only the victim's SSN (no made-up
    number beside it, which would look like a namesake's own)."""
    digits = {p: "".join(c for c in r["ssn"] if c.isdigit()) for p, r in read.people.items()}
    thieves = {p for p, r in read.people.items() if "identity_thief" in r["flags"]}
    numbers: dict[str, set[str]] = defaultdict(set)
    for key, person in read.owner.items():
        if key[0] == "employment" and person in thieves and key not in read.broken:
            numbers[person].add("".join(c for c in str(read.rows[key]["ssn"]) if c.isdigit()))
    others = {n for p, n in digits.items() if n and p not in thieves}
    assert len(numbers) > 20
    assert all(len(held) == 1 and held <= others for held in numbers.values()), numbers


def test_lost_stolen_uses_come_after_the_report(read: Drop) -> None:
    for f in read.findings:
        if f["code"] != "LOST_STOLEN_DOCUMENT_USED":
            continue
        keys = evidence(f)
        reports = [read.rows[k] for k in keys if k[0] == "lost_stolen"]
        uses = [read.rows[k] | {"feed": k[0]} for k in keys if k[0] != "lost_stolen"]
        assert reports and uses, f
        for use in uses:
            if use["feed"] == "arrivals":
                number, used = use["passport_number"], day(use["event_date"], "%Y%m%d")
            else:
                number, used = use["document_number"], day(use["hire_date"], "%Y-%m-%d")
            assert any(
                r["document_number"] == number and day(r["reported_date"], "%Y-%m-%d") < used
                for r in reports
            ), f


def test_other_codes_cite_the_rows_their_rule_needs(read: Drop) -> None:
    for f in read.findings:
        keys = evidence(f)
        feeds = [k[0] for k in keys]
        rows = [read.rows[k] for k in keys]
        code = f["code"]
        if code in ("STUDENT_STATUS_VIOLATION", "STUDENT_OVERSTAY"):
            assert feeds == ["students"], f
            events = rows[0]["events"]
            assert isinstance(events, list)
            if code == "STUDENT_STATUS_VIOLATION":
                assert any(e["status"] == "TERMINATED" and e.get("reason") for e in events), f
            else:
                assert any(
                    e["status"] == "COMPLETED" or e.get("reason") == "AUTHORIZED EARLY WITHDRAWAL"
                    for e in events
                ), f
        elif code == "FUGITIVE":
            assert feeds == ["court"], f
            events = rows[0]["events"]
            assert isinstance(events, list)
            orders = [e for e in events if e["type"] == "ORDER"]
            assert orders and orders[0]["detail"] in (
                "REMOVAL",
                "REMOVAL_IN_ABSENTIA",
                "VOLUNTARY_DEPARTURE",
            )
        elif code == "REMOVABLE_IN_CUSTODY":
            held = [r for k, r in zip(keys, rows, strict=True) if k[0] == "custody"]
            assert held and all(r["status"] in ("HELD", "SENTENCED") for r in held), f
            assert len(set(feeds)) >= 2, f
        elif code == "REENTRY_AFTER_REMOVAL":
            removals = [r for k, r in zip(keys, rows, strict=True) if k[0] == "removals"]
            assert len(removals) == 1 and removals[0]["type"] == "REMOVAL", f
            assert set(feeds) - {"removals"} <= {"arrivals", "custody", "employment"}
        elif code == "UNAUTHORIZED_EMPLOYMENT":
            assert set(feeds) == {"employment"}, f
        elif code in ("HUMAN_RIGHTS_VIOLATOR_PRESENT", "SEX_OFFENDER_REMOVABLE"):
            listed = [r for k, r in zip(keys, rows, strict=True) if k[0] == "watchlist"]
            wanted = (
                "HUMAN_RIGHTS_VIOLATOR" if code.startswith("HUMAN") else "SEX_OFFENDER_REGISTRY"
            )
            assert len(listed) == 1 and listed[0]["list"] == wanted and len(keys) >= 2, f
