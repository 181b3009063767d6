"""Immigration status systems: benefit filings (USCIS), immigration court (EOIR),
removals and verified departures (ERO)."""

from __future__ import annotations

from tessera.synth import noise as nz
from tessera.synth import places
from tessera.synth.emit.writer import Writer
from tessera.synth.facts import Benefit, CourtCase, Removal
from tessera.synth.ids import scatter
from tessera.synth.person import Person


def benefit(w: Writer, p: Person, f: Benefit) -> None:
    """Adjudicators' data entry: mixed or upper case, accents kept, English country names."""
    rng = w.rng
    n = w.name(p, f.date)
    given = f"{n.given} {n.middle}" if n.middle and rng.random() < 0.6 else n.given
    receipt = (
        f"{rng.choice(places.BENEFIT_CENTRES)}{f.date.year % 100:02d}"
        f"{scatter(w.ids.record('benefits'), 8, 11):08d}"
    )
    family, given = w.clerk(n.family, given)
    values = [
        receipt,
        w.a_number(f.a_number, 0.92),
        family,
        given,
        w.dob(p, "us"),
        nz.country_name(rng, p.birth_country),
        f.form,
        nz.fmt_date(f.date, "us"),
        f.decision,
        nz.fmt_date(f.decision_date, "us"),
        nz.fmt_date(f.valid_from, "us"),
        nz.fmt_date(f.valid_to, "us"),
    ]
    w.row("benefits", values, p.pid, f)


COURT_DOB_KNOWN = 0.89
"""The share of court cases that carry a date of birth (SPEC: ``dob`` may be null; about
one case in nine has none in the exchange's own drops). The rest are found by A-number
or by name alone: the "missing date of birth" hard case of identity resolution."""


def court(w: Writer, p: Person, f: CourtCase) -> None:
    """Court clerks write ``FAMILY, GIVEN M``; some cases carry no date of birth."""
    n = w.name(p, f.date)
    if n.middle and w.rng.random() < 0.7:
        n = nz.WrittenName(n.family, n.given, n.middle[0])
    case_id = f"{f.court}-{f.date.year}-{scatter(w.ids.record('court'), 7, 12):07d}"
    events: list[dict[str, object]] = []
    for e in f.events:
        event: dict[str, object] = {"date": nz.fmt_date(e.date, "iso"), "type": e.type}
        if e.detail:
            event["detail"] = e.detail
        if e.depart_by:
            event["depart_by"] = nz.fmt_date(e.depart_by, "iso")
        events.append(event)
    doc: dict[str, object] = {
        "case_id": case_id,
        "a_number": w.a_number(p.a_number) or None,
        "name": w.comma(n),
        "dob": (w.dob(p, "iso") or None) if w.rng.random() < COURT_DOB_KNOWN else None,
        "nationality": p.nationalities[0],
        "events": events,
    }
    w.doc("court", case_id, doc, p.pid, f)


def removal(w: Writer, p: Person, f: Removal) -> None:
    """Removal officers write ``FAMILY GIVEN`` (sometimes given first), DD.MM.YYYY."""
    n = w.name(p, f.date)
    values = [
        f"R{scatter(w.ids.record('removals'), 9, 13):09d}",
        w.a_number(p.a_number),
        w.fin(p, f.date, 0.95),
        w.full(n, family_first=w.rng.random() < 0.85),
        w.dob(p, "eu"),
        p.nationalities[0],
        nz.fmt_date(f.date, "iso"),
        f.kind,
    ]
    w.row("removals", values, p.pid, f)
