"""Write a chunk's facts as each legacy system would: rows, noise, broken rows."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
from dataclasses import dataclass, field

import pycountry

from tessera.synth import noise as nz
from tessera.synth import places
from tessera.synth.breakage import break_csv, break_json
from tessera.synth.facts import (
    Arrival,
    Benefit,
    Booking,
    CourtCase,
    CriminalHistory,
    Fact,
    Hire,
    Listing,
    Registration,
    Removal,
    StudentRecord,
    Warrant,
)
from tessera.synth.people import Ids, Person
from tessera.synth.world import Chunk

COLUMNS: dict[str, list[str]] = {
    "arrivals": [
        "event_id",
        "event_type",
        "event_date",
        "port",
        "mode",
        "family_name",
        "given_names",
        "dob",
        "sex",
        "nationality",
        "passport_country",
        "passport_number",
        "fin",
        "class_of_admission",
        "admit_until",
        "i94_number",
        "carrier",
    ],
    "registrations": [
        "registration_id",
        "name",
        "dob",
        "nationality",
        "event",
        "event_date",
        "followup_due",
    ],
    "benefits": [
        "receipt_number",
        "a_number",
        "family_name",
        "given_name",
        "dob",
        "country_of_birth",
        "form",
        "filed_date",
        "decision",
        "decision_date",
        "valid_from",
        "valid_to",
    ],
    "removals": [
        "removal_id",
        "a_number",
        "fin",
        "name",
        "dob",
        "nationality",
        "removal_date",
        "type",
    ],
    "custody": [
        "booking_id",
        "facility",
        "facility_type",
        "name",
        "dob",
        "sex",
        "place_of_birth",
        "fbi_number",
        "fin",
        "booking_date",
        "charges",
        "status",
        "projected_release",
        "release_date",
        "ori",
    ],
    "wanted": [
        "nic_number",
        "record_type",
        "name",
        "dob",
        "sex",
        "fbi_number",
        "ori",
        "offense",
        "entry_date",
        "status",
    ],
    "employment": [
        "i9_id",
        "employer_id",
        "employer_name",
        "worksite_state",
        "employee_family_name",
        "employee_given_name",
        "dob",
        "ssn",
        "a_number",
        "citizenship_attestation",
        "document_type",
        "document_number",
        "document_expiry",
        "hire_date",
        "everify_result",
    ],
    "lost_stolen": [
        "report_id",
        "issuing_country",
        "document_number",
        "document_type",
        "status",
        "reported_date",
    ],
    "transfers": [
        "transfer_id",
        "sent_at",
        "sender_name",
        "sender_phone",
        "sender_city",
        "sender_state",
        "receiver_name",
        "receiver_phone",
        "receiver_city",
        "receiver_state",
        "receiver_country",
        "amount_usd",
        "agent_id",
    ],
    "calls": ["call_id", "started_at", "caller", "callee", "duration_s"],
    "watchlist": [
        "entry_id",
        "list",
        "name",
        "aliases",
        "dob",
        "nationality",
        "basis",
        "listed_date",
    ],
}
JSON_FEEDS = ("students", "court", "criminal_history")
ENGLISH = {str(c.alpha_3): str(c.name) for c in pycountry.countries}


@dataclass
class Emitted:
    """A chunk as text: lines per feed, and per line (record id, person id, broken kind)."""

    lines: dict[str, list[str]] = field(default_factory=dict)
    meta: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)

    def add(self, feed: str, line: str, record_id: str, person: str, broken: str) -> None:
        self.lines.setdefault(feed, []).append(line)
        self.meta.setdefault(feed, []).append((record_id, person, broken))


def _d(value: dt.date | None, style: str) -> str:
    return nz.fmt_date(value, style) if value else ""


class Writer:
    def __init__(
        self,
        rng: random.Random,
        noise: nz.NoiseProfile,
        ids: Ids,
        out: Emitted,
        orders: dict[str, list[int]],
    ) -> None:
        self.rng, self.noise, self.ids, self.out, self.orders = rng, noise, ids, out, orders
        self.buffer = io.StringIO()
        self.csv = csv.writer(self.buffer, lineterminator="")

    def row(self, feed: str, values: dict[str, str], fact: Fact | None, person: str) -> None:
        header = COLUMNS[feed]
        row = [values.get(name, "") for name in header]
        kind = ""
        if self.rng.random() < self.noise.broken_row:
            kind, row = break_csv(self.rng, feed, header, row)
        if fact is not None:
            fact.record_id, fact.broken = values[header[0]], bool(kind)
        order = self.orders.get(feed)
        if order and len(row) == len(order):
            row = [row[i] for i in order]
        self.buffer.seek(0)
        self.buffer.truncate()
        self.csv.writerow(row)
        self.out.add(feed, self.buffer.getvalue(), values[header[0]], person, kind)

    def doc(self, feed: str, doc: dict[str, object], fact: Fact, person: str) -> None:
        kind = ""
        if self.rng.random() < self.noise.broken_row:
            kind = break_json(self.rng, feed, doc)
        fact.broken = bool(kind)
        line = json.dumps(doc, ensure_ascii=False)
        self.out.add(feed, line, fact.record_id, person, kind)

    # --- names and dates as each system writes them ------------------------------------
    def name(self, p: Person, when: dt.date) -> nz.WrittenName:
        family = p.later_family if p.name_change and when >= p.name_change else p.family
        return nz.written_name(self.rng, self.noise, family, p.given, p.middle)

    def dob(self, p: Person, style: str) -> str:
        return nz.fmt_dob(nz.written_dob(self.rng, self.noise, p.dob), style)

    def comma_name(self, n: nz.WrittenName, space: bool = True) -> str:
        given = " ".join(x for x in (n.given, n.middle) if x)
        return nz.plain(f"{n.family},{' ' if space else ''}{given}")


def emit_chunk(
    chunk: Chunk,
    rng: random.Random,
    noise: nz.NoiseProfile,
    ids: Ids,
    orders: dict[str, list[int]],
) -> Emitted:
    out = Emitted()
    w = Writer(rng, noise, ids, out, orders)
    for p in chunk.people:
        for fact in p.facts:
            EMITTERS[type(fact).__name__](w, p, fact)
    for doc in chunk.documents:
        _lost_stolen(w, doc)
    for contact in chunk.contacts:
        _contact(w, contact)
    return out


def _arrival(w: Writer, p: Person, f: Fact) -> None:
    assert isinstance(f, Arrival)
    n = w.name(p, f.date)
    country, number = f.passport
    values = {
        "event_id": w.ids.record("arrivals"),
        "event_type": f.kind,
        "event_date": _d(f.date, "compact"),
        "port": f.port,
        "mode": f.mode,
        "family_name": nz.mrz(n.family),
        "given_names": nz.mrz(" ".join(x for x in (n.given, n.middle) if x)),
        "dob": w.dob(p, "mrz"),
        "sex": p.sex,
        "nationality": country or p.nationalities[0],
        "passport_country": country,
        "passport_number": nz.transpose(w.rng, w.noise, number),
        "fin": p.fin if w.rng.random() < 0.8 else "",
        "carrier": w.rng.choice(places.CARRIERS) if f.mode == "AIR" else "",
    }
    if f.kind == "ARRIVAL":
        values["class_of_admission"] = f.cls
        values["admit_until"] = "D/S" if f.duration_of_status else _d(f.admit_until, "compact")
        values["i94_number"] = f"{w.rng.randrange(10**10, 10**11):011d}"
    w.row("arrivals", values, f, p.pid)


def _student(w: Writer, p: Person, f: Fact) -> None:
    assert isinstance(f, StudentRecord)
    n = w.name(p, f.date)
    doc: dict[str, object] = {
        "sevis_id": f.sevis_id,
        "surname": nz.mixed(n.family) if w.rng.random() < 0.6 else n.family,
        "given_name": nz.mixed(" ".join(x for x in (n.given, n.middle) if x)),
        "dob": w.dob(p, "iso"),
        "country_of_birth": p.birth_country,
        "country_of_citizenship": p.nationalities[0],
        "visa_class": f.visa_class,
        "school_code": f.school,
        "program_start": f.program_start.isoformat(),
        "program_end": f.program_end.isoformat(),
    }
    if f.passport:
        doc["passport_number"] = f.passport
    doc["events"] = [
        {"date": d.isoformat(), "status": s, **({"reason": r} if r else {})} for d, s, r in f.events
    ]
    w.doc("students", doc, f, p.pid)


def _registration(w: Writer, p: Person, f: Fact) -> None:
    assert isinstance(f, Registration)
    values = {
        "registration_id": w.ids.record("registrations"),
        "name": w.comma_name(w.name(p, f.date)),
        "dob": w.dob(p, "iso"),
        "nationality": p.nationalities[0],
        "event": f.event,
        "event_date": _d(f.date, "iso"),
        "followup_due": _d(f.followup, "iso"),
    }
    w.row("registrations", values, f, p.pid)


def _benefit(w: Writer, p: Person, f: Fact) -> None:
    assert isinstance(f, Benefit)
    n = w.name(p, f.date)
    upper = w.rng.random() < 0.5
    values = {
        "receipt_number": w.rng.choice(("EAC", "WAC", "LIN", "SRC")) + w.ids.record("benefits"),
        "a_number": nz.a_number_style(w.rng, p.a_number)
        if p.a_number and w.rng.random() < 0.8
        else "",
        "family_name": n.family if upper else nz.mixed(n.family),
        "given_name": n.given if upper else nz.mixed(n.given),
        "dob": w.dob(p, "us"),
        "country_of_birth": nz.country_name(w.rng, p.birth_country, ENGLISH),
        "form": f.form,
        "filed_date": _d(f.date, "us"),
        "decision": f.decision,
        "decision_date": _d(f.decision_date, "us"),
        "valid_from": _d(f.valid_from, "us"),
        "valid_to": _d(f.valid_to, "us"),
    }
    w.row("benefits", values, f, p.pid)


def _court(w: Writer, p: Person, f: Fact) -> None:
    assert isinstance(f, CourtCase)
    events = []
    for date, kind, detail, depart_by in f.events:
        event: dict[str, object] = {"date": date.isoformat(), "type": kind}
        if detail:
            event["detail"] = detail
        if depart_by:
            event["depart_by"] = depart_by.isoformat()
        events.append(event)
    doc: dict[str, object] = {
        "case_id": f.record_id,
        "a_number": nz.a_number_style(w.rng, p.a_number),
        "name": w.comma_name(w.name(p, f.date)),
        "dob": w.dob(p, "iso") if w.rng.random() < 0.7 else None,
        "nationality": p.nationalities[0],
        "events": events,
    }
    w.doc("court", doc, f, p.pid)


def _removal(w: Writer, p: Person, f: Fact) -> None:
    assert isinstance(f, Removal)
    n = w.name(p, f.date)
    values = {
        "removal_id": w.ids.record("removals"),
        "a_number": nz.a_number_style(w.rng, p.a_number),
        "fin": p.fin,
        "name": nz.plain(" ".join(x for x in (n.family, n.given, n.middle) if x)),
        "dob": w.dob(p, "eu"),
        "nationality": p.nationalities[0],
        "removal_date": _d(f.date, "iso"),
        "type": f.kind,
    }
    w.row("removals", values, f, p.pid)


def _booking(w: Writer, p: Person, f: Fact) -> None:
    assert isinstance(f, Booking)
    name, ftype, prefix, ori = f.facility
    place = p.birth_country if p.birth_country != "USA" else "UNITED STATES"
    values = {
        "booking_id": prefix + w.ids.record("custody"),
        "facility": name,
        "facility_type": ftype,
        "name": w.comma_name(w.name(p, f.date)),
        "dob": w.dob(p, "us"),
        "sex": p.sex,
        "place_of_birth": ENGLISH.get(place, place).upper() if w.rng.random() < 0.8 else "UNK",
        "fbi_number": p.fbi,
        "fin": p.fin if w.rng.random() < 0.5 else "",
        "booking_date": _d(f.date, "us"),
        "charges": ";".join(f.charges),
        "status": f.status,
        "projected_release": _d(f.projected_release, "us"),
        "release_date": _d(f.release_date, "us"),
        "ori": ori,
    }
    w.row("custody", values, f, p.pid)


def _history(w: Writer, p: Person, f: Fact) -> None:
    assert isinstance(f, CriminalHistory)
    names = [w.comma_name(w.name(p, f.date)) for _ in range(w.rng.choice((1, 1, 2)))]
    doc: dict[str, object] = {
        "fbi_number": f.record_id,
        "names": sorted(set(names)),
        "dobs": [w.dob(p, "compact")],
        "cycles": [
            {
                "arrest_date": _d(c.arrest, "compact"),
                "agency": c.agency,
                "offense": c.offense,
                "disposition": c.disposition,
                "disposition_date": _d(c.disposition_date, "compact") or None,
                "sentence_days": c.sentence_days,
            }
            for c in f.cycles
        ],
    }
    w.doc("criminal_history", doc, f, p.pid)


def _warrant(w: Writer, p: Person, f: Fact) -> None:
    assert isinstance(f, Warrant)
    values = {
        "nic_number": w.ids.record("wanted"),
        "record_type": f.record_type,
        "name": w.comma_name(w.name(p, f.date), space=False),
        "dob": w.dob(p, "compact"),
        "sex": p.sex,
        "fbi_number": p.fbi,
        "ori": f.ori,
        "offense": f.offense,
        "entry_date": _d(f.date, "compact"),
        "status": f.status,
    }
    w.row("wanted", values, f, p.pid)


def _hire(w: Writer, p: Person, f: Fact) -> None:
    assert isinstance(f, Hire)
    n = w.name(p, f.date)
    upper = w.rng.random() < 0.5
    employer_id, employer_name, state = f.employer
    values = {
        "i9_id": w.ids.record("employment"),
        "employer_id": employer_id,
        "employer_name": employer_name,
        "worksite_state": state,
        "employee_family_name": n.family if upper else nz.mixed(n.family),
        "employee_given_name": n.given if upper else nz.mixed(n.given),
        "dob": w.dob(p, "iso"),
        "ssn": f.ssn,
        "a_number": nz.a_number_style(w.rng, f.a_number) if f.a_number else "",
        "citizenship_attestation": f.attestation,
        "document_type": f.document_type,
        "document_number": f.document_number,
        "document_expiry": _d(f.document_expiry, "iso"),
        "hire_date": _d(f.date, "iso"),
        "everify_result": f.everify,
    }
    w.row("employment", values, f, p.pid)


def _listing(w: Writer, p: Person, f: Fact) -> None:
    assert isinstance(f, Listing)
    n = w.name(p, f.date)
    given = " ".join(x for x in (n.given, n.middle) if x)
    name = w.comma_name(n) if w.rng.random() < 0.4 else nz.plain(f"{given} {n.family}")
    alias = nz.plain(f"{nz.spell(w.rng, nz.PROFILES['heavy'], p.given)} {p.family.split()[0]}")
    style = w.rng.choice(("iso", "compact", "eu", "year"))
    dob = f"{p.dob.year}" if style == "year" else w.dob(p, style)
    prefix = "SOR" if f.list_name == "SEX_OFFENDER_REGISTRY" else "HRV"
    values = {
        "entry_id": f"{prefix}-{w.ids.record('watchlist')}",
        "list": f.list_name,
        "name": name,
        "aliases": alias if w.rng.random() < 0.7 else "",
        "dob": dob,
        "nationality": p.nationalities[0],
        "basis": f.basis,
        "listed_date": _d(f.date, "iso"),
    }
    w.row("watchlist", values, f, p.pid)


def _lost_stolen(w: Writer, doc: object) -> None:
    from tessera.synth.world import StolenDocument

    assert isinstance(doc, StolenDocument)
    values = {
        "report_id": doc.record_id,
        "issuing_country": doc.country,
        "document_number": doc.number,
        "document_type": "PASSPORT",
        "status": doc.status,
        "reported_date": _d(doc.reported, "iso"),
    }
    kind_before = len(w.out.meta.get("lost_stolen", []))
    w.row("lost_stolen", values, None, "")
    doc.broken = bool(w.out.meta["lost_stolen"][kind_before][2])


def _contact(w: Writer, c: object) -> None:
    from tessera.synth.world import Contact

    assert isinstance(c, Contact)
    if c.feed == "calls":
        values = {
            "call_id": w.ids.record("calls"),
            "started_at": c.when.isoformat(),
            "caller": nz.phone_style(w.rng, c.a),
            "callee": nz.phone_style(w.rng, c.b),
            "duration_s": str(w.rng.randrange(20, 2400)),
        }
        w.row("calls", values, None, "")
        return
    values = {
        "transfer_id": w.ids.record("transfers"),
        "sent_at": c.when.isoformat(),
        "sender_name": c.a_name,
        "sender_phone": nz.phone_style(w.rng, c.a),
        "sender_city": c.city[0],
        "sender_state": c.city[1],
        "receiver_name": c.b_name,
        "receiver_phone": nz.phone_style(w.rng, c.b),
        "receiver_country": c.country,
        "amount_usd": f"{c.amount:.2f}",
        "agent_id": f"AG{w.rng.randrange(10000, 40000)}",
    }
    w.row("transfers", values, None, "")


EMITTERS = {
    "Arrival": _arrival,
    "StudentRecord": _student,
    "Registration": _registration,
    "Benefit": _benefit,
    "CourtCase": _court,
    "Removal": _removal,
    "Booking": _booking,
    "CriminalHistory": _history,
    "Warrant": _warrant,
    "Hire": _hire,
    "Listing": _listing,
}
