"""The drop as a whole: every feed there and readable by SPEC's column names, the
manifest, the answer key's layout, record ids, links, determinism."""

from __future__ import annotations

import csv
import filecmp
import json
from collections import Counter
from pathlib import Path

from tessera.synth import DEFAULT_AS_OF, SynthSummary, generate
from tests.synth import rules
from tests.synth.conftest import PEOPLE, SEED, Drop, small_world, truth

SAMPLE_PEOPLE_HEADER = (
    "person_id,category,citizenship,status_class,given_name,middle_name,family_name,"
    "later_given_name,later_family_name,name_change_date,dob,sex,birth_country,"
    "nationalities,protected,protection_basis,smuggling_org,smuggling_role,"
    "trafficking_victim,identity_theft_victim,human_rights_listed,sex_offender,a_numbers,"
    "fin,fbi_number,ssn,passports,phones,flags"
)
TRUTH_HEADERS = {
    "people.csv": SAMPLE_PEOPLE_HEADER,
    "links.csv": "feed,record_id,person_id",
    "broken_rows.csv": "feed,line,kind,record_id",
    "expected_findings.csv": "person_id,code,evidence",
    "networks.csv": "org_id,member_kind,member_id,role",
}
JSON_KEYS = {
    "students": {
        "sevis_id",
        "surname",
        "given_name",
        "dob",
        "country_of_birth",
        "country_of_citizenship",
        "visa_class",
        "school_code",
        "program_start",
        "program_end",
        "events",
    },
    "court": {"case_id", "a_number", "name", "dob", "nationality", "events"},
    "criminal_history": {"fbi_number", "names", "dobs", "cycles"},
}


def test_manifest_names_every_feed_and_the_drop(world: SynthSummary) -> None:
    manifest = json.loads((world.out_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["as_of"] == DEFAULT_AS_OF.isoformat() == "2026-06-30"
    assert manifest["seed"] == SEED and manifest["people"] == PEOPLE
    assert set(manifest["feeds"]) == set(rules.FEEDS)
    for feed, name in manifest["feeds"].items():
        assert (world.out_dir / name) == rules.file_of(world.out_dir, feed)
        assert (world.out_dir / name).is_file()
    log = (world.out_dir / "export_log.txt").read_text(encoding="utf-8")
    assert (
        log.startswith("extract completed 2026-06-30")
        and str(sum(world.rows_per_feed.values())) in log
    )


def test_csv_feeds_have_spec_columns_by_name_and_record_id_first(world: SynthSummary) -> None:
    for feed, spec in rules.SPEC_COLUMNS.items():
        with rules.file_of(world.out_dir, feed).open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        assert header[0] == spec.split()[0], feed
        assert set(spec.split()) <= set(header), feed
        assert len(header) == len(set(header)), feed
    assert world.rows_per_feed == {f: world.rows_per_feed[f] for f in rules.FEEDS}
    assert all(world.rows_per_feed[f] > 0 for f in rules.FEEDS)


def test_some_feeds_are_shuffled_and_some_carry_extra_columns(world: SynthSummary) -> None:
    shuffled = extra = 0
    for feed, spec in rules.SPEC_COLUMNS.items():
        with rules.file_of(world.out_dir, feed).open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        known = [c for c in header if c in spec.split()]
        shuffled += known != spec.split()
        extra += len(header) > len(known)
    assert shuffled >= 1 and extra >= 1


def test_json_feeds_parse_one_object_a_line(read: Drop, world: SynthSummary) -> None:
    for feed, keys in JSON_KEYS.items():
        lines = rules.file_of(world.out_dir, feed).read_text(encoding="utf-8").splitlines()
        assert len(lines) == world.rows_per_feed[feed]
        for text in lines:
            doc = json.loads(text)
            assert keys - {"passport_number"} <= set(doc) <= keys | {"passport_number"}, feed


def test_files_are_utf8_without_embedded_newlines(world: SynthSummary) -> None:
    for path in sorted(world.out_dir.rglob("*")):
        if path.is_file():
            text = path.read_bytes().decode("utf-8")  # raises if not UTF-8
            assert "\r" not in text, path
    for feed in rules.SPEC_COLUMNS:
        with rules.file_of(world.out_dir, feed).open(encoding="utf-8", newline="") as handle:
            physical = sum(1 for _ in handle)
        assert physical == world.rows_per_feed[feed] + 1, feed  # one line per record


def test_answer_key_has_the_sample_layout(world: SynthSummary) -> None:
    for name, header in TRUTH_HEADERS.items():
        first = (world.out_dir / "truth" / name).read_text(encoding="utf-8").split("\n", 1)[0]
        assert first == header, name
    people = truth(world.out_dir, "people.csv")
    assert len(people) == PEOPLE
    assert [p["person_id"] for p in people] == [f"P{i:07d}" for i in range(1, PEOPLE + 1)]


def test_record_ids_are_unique_within_each_feed(read: Drop, world: SynthSummary) -> None:
    per_feed = Counter(feed for feed, _ in read.rows)
    assert dict(per_feed) == dict(world.rows_per_feed)


def test_every_person_row_is_linked_and_every_link_is_a_row(read: Drop) -> None:
    person_rows = {k for k in read.rows if k[0] not in ("calls", "transfers", "lost_stolen")}
    assert set(read.owner) == person_rows
    assert set(read.owner.values()) <= set(read.people)
    links = truth(read.path, "links.csv")
    assert len(links) == len(read.owner)  # no duplicates


def test_networks_name_people_of_the_world(read: Drop) -> None:
    members = truth(read.path, "networks.csv")
    assert members, "a 3,000-person world holds a smuggling network"
    roles = Counter(m["role"] for m in members if m["member_kind"] == "person")
    assert {"organizer", "driver", "victim", "payer", "stash_house"} <= set(roles)
    for m in members:
        if m["member_kind"] == "person":
            assert read.people[m["member_id"]]["smuggling_org"] == m["org_id"]
        else:
            assert m["member_id"].startswith("+")


def test_same_seed_same_bytes_whatever_the_workers(world: SynthSummary, tmp_path: Path) -> None:
    again = small_world(tmp_path / "again", 1, people=PEOPLE, seed=SEED)
    files = sorted(
        str(p.relative_to(world.out_dir)) for p in world.out_dir.rglob("*") if p.is_file()
    )
    assert files == sorted(
        str(p.relative_to(again.out_dir)) for p in again.out_dir.rglob("*") if p.is_file()
    )
    match, mismatch, errors = filecmp.cmpfiles(world.out_dir, again.out_dir, files, shallow=False)
    assert mismatch == [] and errors == [] and len(match) == len(files) == 21
    assert again.rows_per_feed == world.rows_per_feed
    assert again.expected_findings == world.expected_findings


def test_another_seed_another_world(tmp_path: Path) -> None:
    a = generate(tmp_path / "a", people=300, seed=1, workers=1)
    b = generate(tmp_path / "b", people=300, seed=2, workers=1)
    assert (a.out_dir / "arrivals.csv").read_bytes() != (b.out_dir / "arrivals.csv").read_bytes()
    assert a.people == b.people == 300


def test_progress_reports_people_done(tmp_path: Path) -> None:
    seen: list[int] = []
    small_world(tmp_path / "p", 1, people=2500, seed=3, progress=seen.append)
    assert seen == [1000, 2000, 2500]
