"""Criminal justice systems: jail and prison bookings, criminal history (III), NCIC
wanted persons, and the referral lists (sex offender registry, human rights)."""

from __future__ import annotations

from tessera.synth import noise as nz
from tessera.synth import places
from tessera.synth.countries import country
from tessera.synth.emit.writer import Writer
from tessera.synth.facts import Booking, CriminalHistory, Listing, Warrant
from tessera.synth.ids import scatter
from tessera.synth.person import Person


def _place_of_birth(w: Writer, p: Person) -> str:
    """Free text as the booking officer heard it: city, country, code, or unknown."""
    r = w.rng.random()
    if p.birth_country == "USA":
        if r < 0.6:
            return p.birth_place
        return w.rng.choice(("UNITED STATES", "USA", "US", "")) if r < 0.9 else "UNK"
    name = country(p.birth_country).names[0]
    if r < 0.3 and p.birth_place:
        return f"{p.birth_place}, {name}"
    if r < 0.45 and p.birth_place:
        return p.birth_place
    if r < 0.75:
        return nz.plain(w.rng.choice(country(p.birth_country).names))
    if r < 0.85:
        return p.birth_country
    return w.rng.choice(("", "UNK", "UNKNOWN"))


def booking(w: Writer, p: Person, f: Booking) -> None:
    name, ftype, prefix, ori = places.FACILITIES[f.facility]
    booking_id = f"{prefix}{f.date.year % 100:02d}{w.ids.record('custody'):07d}"
    values = [
        booking_id,
        name,
        ftype,
        w.comma(w.name(p, f.date)),
        w.dob(p, "us"),
        p.sex,
        _place_of_birth(w, p),
        p.fbi if w.rng.random() < 0.85 else "",
        w.fin(p, f.date, 0.7),
        nz.fmt_date(f.date, "us"),
        ";".join(f.charges),
        f.status,
        nz.fmt_date(f.projected_release, "us"),
        nz.fmt_date(f.release_date, "us"),
        ori,
    ]
    w.row("custody", values, p.pid, f)


def history(w: Writer, p: Person, f: CriminalHistory) -> None:
    """One record per FBI number: the names and birth dates each arrest recorded."""
    names: list[str] = []
    for c in f.cycles[:3]:
        n = w.name(p, c.arrest)
        if n.middle:
            n = nz.WrittenName(n.family, n.given, n.middle[0])
        text = w.comma(n)
        if text not in names:
            names.append(text)
    dobs = [d for d in dict.fromkeys(w.dob(p, "compact") for _ in f.cycles[:2]) if d]
    doc: dict[str, object] = {
        "fbi_number": p.fbi,
        "names": names,
        "dobs": dobs,
        "cycles": [
            {
                "arrest_date": nz.fmt_date(c.arrest, "compact"),
                "agency": c.agency,
                "offense": c.offense,
                "disposition": c.disposition,
                "disposition_date": nz.fmt_date(c.disposition_date, "compact") or None,
                "sentence_days": c.sentence_days,
            }
            for c in f.cycles
        ],
    }
    w.doc("criminal_history", p.fbi, doc, p.pid, f)


def wanted(w: Writer, p: Person, f: Warrant) -> None:
    """NCIC writes ``LAST,FIRST MIDDLE`` with no space after the comma."""
    violator = f.record_type == "IMMIGRATION_VIOLATOR"
    nic = f"{'V' if violator else 'W'}{scatter(w.ids.record('wanted'), 9, 14):09d}"
    values = [
        nic,
        f.record_type,
        w.comma(w.name(p, f.date), space=False),
        w.dob(p, "compact"),
        p.sex,
        "" if violator else p.fbi,
        f.ori,
        f.offense,
        nz.fmt_date(f.date, "compact"),
        f.status,
    ]
    w.row("wanted", values, p.pid, f)


def listing(w: Writer, p: Person, f: Listing) -> None:
    """List entries: names in any order, known aliases, a date of birth in any format."""
    rng = w.rng
    n = w.name(p, f.date)
    name = w.comma(n) if rng.random() < 0.35 else w.full(n, family_first=False)
    aliases = []
    for _ in range(rng.choice((0, 1, 1, 2))):
        alias = w.name(p, f.date)
        text = nz.plain(f"{alias.given} {alias.family}")
        if text != name and text not in aliases:
            aliases.append(text)
    style = rng.choice(("iso", "compact", "eu", "us", "year"))
    dob = str(p.dob.year) if style == "year" else w.dob(p, style)
    prefix = "SOR" if f.list_name == "SEX_OFFENDER_REGISTRY" else "HRV"
    values = [
        f"{prefix}-{w.ids.record('watchlist'):07d}",
        f.list_name,
        name,
        "|".join(aliases),
        dob,
        p.nationalities[0],
        f.basis,
        nz.fmt_date(f.date, "iso"),
    ]
    w.row("watchlist", values, p.pid, f)
