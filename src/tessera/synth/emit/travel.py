"""Travel and study systems: arrivals and departures (I-94 / entry-exit), special
registration (NSEERS), student records (SEVIS)."""

from __future__ import annotations

from tessera.synth import noise as nz
from tessera.synth import places
from tessera.synth.emit.writer import Writer
from tessera.synth.facts import Arrival, Registration, StudentRecord
from tessera.synth.ids import scatter
from tessera.synth.person import Person


def arrival(w: Writer, p: Person, f: Arrival) -> None:
    """Names as the MRZ reads them; the FIN is the traveller's own fingers."""
    rng = w.rng
    n = w.name(p, f.date, f.alias)
    number = nz.transpose(rng, w.noise, f.passport)
    f.written_passport = number
    sex = f.alias.sex if f.alias else p.sex
    event_id = f"{w.ids.record('arrivals'):011d}"
    is_arrival = f.kind == "ARRIVAL"
    admit = ""
    if is_arrival:
        admit = "D/S" if f.ds else nz.fmt_date(f.admit_until, "compact")
    values = [
        event_id,
        f.kind,
        nz.fmt_date(f.date, "compact"),
        f.port,
        f.mode,
        nz.mrz(n.family),
        nz.mrz(f"{n.given} {n.middle}" if n.middle else n.given),
        w.dob(p, "mrz", f.alias),
        sex,
        f.country,
        f.country,
        number,
        w.fin(p, f.date, 0.85 if is_arrival else 0.3),
        f.cls if is_arrival else "",
        admit,
        f"{rng.randrange(10**10):011d}" if is_arrival else "",
        rng.choice(places.CARRIERS) if f.mode == "AIR" else "",
    ]
    w.row("arrivals", values, p.pid, f)


def registration(w: Writer, p: Person, f: Registration) -> None:
    values = [
        f"NS{w.ids.record('registrations'):08d}",
        w.comma(w.name(p, f.date)),
        w.dob(p, "iso"),
        p.nationalities[0],
        f.event,
        nz.fmt_date(f.date, "iso"),
        nz.fmt_date(f.followup, "iso"),
    ]
    w.row("registrations", values, p.pid, f)


def student(w: Writer, p: Person, f: StudentRecord) -> None:
    """School officials type names in mixed case, with accents and hyphens."""
    n = w.name(p, f.date)
    surname, given = w.clerk(n.family, f"{n.given} {n.middle}" if n.middle else n.given)
    sevis_id = f"N{scatter(w.ids.record('students'), 10, 10):010d}"
    doc: dict[str, object] = {
        "sevis_id": sevis_id,
        "surname": surname,
        "given_name": given,
        "dob": w.dob(p, "iso") or None,
        "country_of_birth": p.birth_country,
        "country_of_citizenship": p.nationalities[0],
        "visa_class": f.visa_class,
        "school_code": f.school,
        "program_start": nz.fmt_date(f.program_start, "iso"),
        "program_end": nz.fmt_date(f.program_end, "iso"),
    }
    if f.passport:
        doc["passport_number"] = f.passport
    doc["events"] = [
        {"date": nz.fmt_date(d, "iso"), "status": s, **({"reason": r} if r else {})}
        for d, s, r in f.events
    ]
    w.doc("students", sevis_id, doc, p.pid, f)
