"""A small world for status and rule tests: typed source rows, people, a judgement.

The ``src_`` tables have the schema the ingest gives them (taken once from ingesting an
empty drop), so the stages under test read exactly what they read in production. Each
record is attached to the person the test names; ``judge`` then runs identity's person
records, the status stage and the rules, as the pipeline does after linkage.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import tempfile
from collections.abc import Sequence
from pathlib import Path

import duckdb

from tessera.feeds import ingest_drop
from tessera.feeds.layouts import LAYOUTS
from tessera.identity import build_person_records
from tessera.model.offences import family_of
from tessera.rules import RULES, Rule, RulesRun, run_rules
from tessera.rules.query import Finding, FindingFilter, select_findings
from tessera.status import build_status
from tests.feeds.dropkit import FILES, write_drop

AS_OF = dt.date(2026, 6, 30)
D = dt.date.fromisoformat


@functools.cache
def schema() -> tuple[str, ...]:
    """CREATE statements of every table an ingest makes, from an empty drop."""
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        contents = {
            name: (
                ",".join([layout.record_id, *(f.name for f in layout.fields)]) + "\n"
                if FILES[name].endswith(".csv")
                else ""
            )
            for name, layout in LAYOUTS.items()
        }
        write_drop(base / "drop", contents)
        con = duckdb.connect(str(base / "w.duckdb"))
        ingest_drop(con, base / "drop", base / "scratch")
        rows = con.execute("SELECT sql FROM duckdb_tables() ORDER BY table_name").fetchall()
        con.close()
    return tuple(str(r[0]) for r in rows)


class World:
    def __init__(
        self, as_of: dt.date = AS_OF, feeds: Sequence[str] | None = None, path: Path | None = None
    ) -> None:
        self.con = duckdb.connect(str(path) if path else ":memory:")
        for ddl in schema():
            if (
                feeds is None
                or not ddl.startswith("CREATE TABLE src_")
                or any(
                    ddl.startswith(f"CREATE TABLE src_{f}(")
                    or ddl.startswith(f"CREATE TABLE src_{f}__")
                    for f in feeds
                )
            ):
                self.con.execute(ddl)
        self.con.execute("INSERT INTO drops VALUES ('t', 't', ?, 0, 0, 'f', 1)", [as_of])
        self.links: list[tuple[str, str, str]] = []
        self._ids = itertools.count(1)
        self.run: RulesRun | None = None

    def _id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids):05d}"

    def add(self, feed: str, person: str | None, row: dict[str, object], table: str = "") -> str:
        """Insert ``row`` (column -> value) into ``src_<feed>[__table]``; link it to
        ``person`` (unless a nested row or a record that describes no one)."""
        name = f"src_{feed}__{table}" if table else f"src_{feed}"
        cols = ", ".join(f'"{c}"' for c in row)
        marks = ", ".join("?" for _ in row)
        self.con.execute(f"INSERT INTO {name} ({cols}) VALUES ({marks})", list(row.values()))
        record_id = str(row["record_id"])
        if person is not None and not table:
            self.links.append((feed, record_id, person))
        return f"{feed}:{record_id}"

    def _person(self, person: str, comma_name: bool = False) -> dict[str, object]:
        """Date of birth (and, for ``FAMILY, GIVEN`` layouts, the parsed name) of a person."""
        named = {"name_family": person, "name_given": "ANA", "name_tokens": [person, "ANA"]}
        return {"dob": D("1980-01-01"), **(named if comma_name else {})}

    def arrival(
        self,
        person: str,
        on: dt.date,
        cls: str | None,
        until: dt.date | None = None,
        ds: bool = False,
        passport: str | None = None,
        fin: str | None = None,
        event_type: str = "ARRIVAL",
    ) -> str:
        return self.add(
            "arrivals",
            person,
            {
                "record_id": self._id("A"),
                "event_type": event_type,
                "event_date": on,
                "port": "JFK",
                "mode": "AIR",
                "family_name": person,
                "given_names": "ANA",
                "passport_number": passport,
                "fin": fin,
                "class_of_admission": cls,
                "admit_until": until,
                "admit_until_is_ds": ds,
                **self._person(person),
            },
        )

    def departure(self, person: str, on: dt.date, passport: str | None = None) -> str:
        return self.arrival(person, on, None, passport=passport, event_type="DEPARTURE")

    def filing(
        self,
        person: str,
        form: str,
        filed: dt.date,
        decision: str,
        decided: dt.date | None = None,
        valid: tuple[dt.date, dt.date] | None = None,
        a_number: str | None = None,
    ) -> str:
        return self.add(
            "benefits",
            person,
            {
                "record_id": self._id("RCP"),
                "a_number": a_number,
                "family_name": person,
                "given_name": "ANA",
                "form": form,
                "filed_date": filed,
                "decision": decision,
                "decision_date": decided,
                "valid_from": valid[0] if valid else None,
                "valid_to": valid[1] if valid else None,
                **self._person(person),
            },
        )

    def student(
        self,
        person: str,
        visa_class: str,
        start: dt.date,
        events: Sequence[tuple[dt.date, str, str | None]],
    ) -> str:
        sevis = self._id("N")
        self.add(
            "students",
            person,
            {
                "record_id": sevis,
                "surname": person,
                "given_name": "ANA",
                "visa_class": visa_class,
                "school_code": "NYC214F00001",
                "program_start": start,
                **self._person(person),
            },
        )
        for seq, (day, status, reason) in enumerate(events, 1):
            row = {"record_id": sevis, "seq": seq, "date": day, "status": status}
            self.add("students", None, {**row, "reason": reason}, "events")
        return f"students:{sevis}"

    def court(
        self,
        person: str,
        events: Sequence[tuple[dt.date, str, str | None]],
        depart_by: dt.date | None = None,
        a_number: str | None = None,
    ) -> str:
        case = self._id("CASE-")
        row = {"record_id": case, "a_number": a_number, **self._person(person, True)}
        self.add("court", person, row)
        for seq, (day, kind, detail) in enumerate(events, 1):
            event = {"record_id": case, "seq": seq, "date": day, "type": kind, "detail": detail}
            by = depart_by if detail == "VOLUNTARY_DEPARTURE" else None
            self.add("court", None, {**event, "depart_by": by}, "events")
        return f"court:{case}"

    def removal(self, person: str, on: dt.date, kind: str = "REMOVAL") -> str:
        row = {"record_id": self._id("R"), **self._person(person, True)}
        return self.add("removals", person, {**row, "removal_date": on, "type": kind})

    def booking(
        self,
        person: str,
        on: dt.date,
        status: str = "HELD",
        released: dt.date | None = None,
        charges: Sequence[str] = (),
    ) -> str:
        row = {"record_id": self._id("BK"), **self._person(person, True)}
        families = [family_of(c) for c in charges]
        extra = {"charges": list(charges), "charges_families": families, "facility": "JAIL"}
        row |= {"booking_date": on, "status": status, "release_date": released, **extra}
        return self.add("custody", person, row)

    def criminal(self, person: str, cycles: Sequence[tuple[str, str, dt.date, int | None]]) -> str:
        """``cycles``: (NCIC offence, disposition, disposition date, sentence days)."""
        fbi = self._id("FBI")
        self.add("criminal_history", person, {"record_id": fbi})
        name = {"record_id": fbi, "seq": 1, "name_family": person, "name_given": "ANA"}
        self.add("criminal_history", None, {**name, "name_tokens": [person, "ANA"]}, "names")
        self.add(
            "criminal_history", None, {"record_id": fbi, "seq": 1, "dob": D("1980-01-01")}, "dobs"
        )
        for seq, (offence, disposition, day, days) in enumerate(cycles, 1):
            cycle = {"record_id": fbi, "seq": seq, "arrest_date": day, "offense": offence}
            cycle |= {"offense_family": family_of(offence), "disposition": disposition}
            cycle |= {"disposition_date": day, "sentence_days": days}
            self.add("criminal_history", None, cycle, "cycles")
        return f"criminal_history:{fbi}"

    def warrant(self, person: str, record_type: str, status: str = "ACTIVE") -> str:
        row = {"record_id": self._id("W"), "record_type": record_type, "status": status}
        return self.add("wanted", person, {**row, **self._person(person, True)})

    def hire(
        self,
        person: str,
        on: dt.date,
        attestation: str,
        document_type: str | None = None,
        document_number: str | None = None,
        ssn: str | None = None,
    ) -> str:
        row = {"record_id": self._id("I9-"), "employer_id": "EMP1", "employer_name": "ACME"}
        row |= {"employee_family_name": person, "employee_given_name": "ANA"}
        row |= {"citizenship_attestation": attestation, "document_type": document_type}
        row |= {"document_number": document_number, "ssn": ssn, "hire_date": on}
        return self.add("employment", person, {**row, **self._person(person)})

    def listing(self, person: str, list_name: str, on: dt.date) -> str:
        row = {"record_id": self._id("L"), "list": list_name, "listed_date": on}
        return self.add("watchlist", person, {**row, **self._person(person, True)})

    def registration(self, person: str, event: str, on: dt.date) -> str:
        row = {"record_id": self._id("REG"), "event": event, "event_date": on}
        return self.add("registrations", person, {**row, **self._person(person, True)})

    def lost_stolen(self, number: str, reported: dt.date, status: str = "STOLEN") -> str:
        row = {"record_id": self._id("LS"), "issuing_country": "MEX", "document_number": number}
        row |= {"document_type": "PASSPORT", "status": status, "reported_date": reported}
        return self.add("lost_stolen", None, row)

    def judge(self, policy: str = "DHS-2014", rules: Sequence[Rule] = RULES) -> list[Finding]:
        """Link, build status, judge; return every finding."""
        self.con.execute(
            "CREATE OR REPLACE TABLE record_entities (feed VARCHAR, "
            "record_id VARCHAR, entity_id VARCHAR)"
        )
        if self.links:
            self.con.executemany("INSERT INTO record_entities VALUES (?, ?, ?)", self.links)
        build_person_records(self.con)
        status = build_status(self.con)
        self.run = run_rules(self.con, status.as_of, policy, rules)
        return select_findings(self.con, FindingFilter())

    def codes(self, person: str, findings: Sequence[Finding] | None = None) -> set[str]:
        found = self.judge() if findings is None else findings
        return {f.code for f in found if f.entity_id == person}
