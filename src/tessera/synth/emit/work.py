"""Employment eligibility (Form I-9), lost and stolen travel documents, and the calls
and money transfers obtained by lawful process."""

from __future__ import annotations

from tessera.synth import noise as nz
from tessera.synth.emit.writer import Writer
from tessera.synth.facts import Hire
from tessera.synth.life import EMPLOYERS
from tessera.synth.person import Contact, Person, TravelDocumentReport


def hire(w: Writer, p: Person, f: Hire) -> None:
    """Employers type what the documents show; a stolen identity shows the victim's name."""
    rng = w.rng
    n = w.name(p, f.date, f.alias)
    given = f"{n.given} {n.middle[0]}" if n.middle and rng.random() < 0.3 else n.given
    employer_id, employer_name, state = EMPLOYERS[f.employer]
    f.written_ssn = nz.transpose(rng, w.noise, f.ssn)
    f.written_doc = nz.transpose(rng, w.noise, f.doc_number)
    family, given = w.clerk(n.family, given)
    values = [
        f"I9-{w.ids.record('employment'):08d}",
        employer_id,
        employer_name,
        state,
        family,
        given,
        w.dob(p, "iso", f.alias),
        f.written_ssn,
        w.a_number(f.a_number),
        f.attestation,
        f.doc_type,
        f.written_doc,
        nz.fmt_date(f.doc_expiry, "iso"),
        nz.fmt_date(f.date, "iso"),
        f.everify,
    ]
    w.row("employment", values, p.pid, f)


def report(w: Writer, r: TravelDocumentReport) -> None:
    r.record_id = f"LS{w.ids.record('lost_stolen'):08d}"
    values = [
        r.record_id,
        r.country,
        r.number,
        r.doc_type,
        r.status,
        nz.fmt_date(r.reported, "iso"),
    ]
    r.broken = bool(w.row("lost_stolen", values, "", None))


def contact(w: Writer, c: Contact) -> None:
    rng = w.rng
    when = c.when.isoformat()
    if c.feed == "calls":
        values = [
            f"CL{w.ids.record('calls'):010d}",
            when,
            nz.phone_style(rng, c.a),
            nz.phone_style(rng, c.b),
            str(c.seconds),
        ]
        w.row("calls", values, "", None)
        return
    sender = c.a_name if rng.random() < 0.6 else nz.plain(c.a_name)
    values = [
        f"T{w.ids.record('transfers'):010d}",
        when,
        sender.upper(),
        nz.phone_style(rng, c.a),
        c.a_place[0],
        c.a_place[1],
        nz.plain(c.b_name),
        nz.phone_style(rng, c.b),
        c.b_place[0],
        c.b_place[1],
        c.b_country,
        f"{c.amount:.2f}",
        f"AG{rng.randrange(10_000, 40_000)}",
    ]
    w.row("transfers", values, "", None)
