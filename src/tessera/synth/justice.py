"""Enforcement building blocks: immigration court cases, removals, arrests and bookings,
warrants and list entries. Each adds facts through a ``Life``."""

from __future__ import annotations

import datetime as dt

from tessera.synth import places
from tessera.synth.facts import (
    Booking,
    CourtCase,
    CourtEvent,
    CriminalHistory,
    Cycle,
    Listing,
    Removal,
    Warrant,
)
from tessera.synth.life import DAY, Life

RELIEFS = ("CANCELLATION OF REMOVAL", "ASYLUM", "WITHHOLDING OF REMOVAL", "ADJUSTMENT OF STATUS")


def court(
    life: Life,
    nta: dt.date,
    order: str = "",
    appeal: str = "",
    relief: str = "",
    hearings: int = 0,
) -> CourtCase | None:
    """An immigration court case from its Notice to Appear.

    ``order`` is the ORDER detail ('' = still pending); ``appeal`` is '' (none),
    PENDING, DISMISSED or SUSTAINED. Steps after the cut are left out, so a case
    decided "later" is simply still pending in the drop.
    """
    if not life.ok(nta):
        return None
    rng = life.rng
    events = [CourtEvent(nta, "NTA_FILED")]
    day = nta
    absent = order == "REMOVAL_IN_ABSENTIA"
    for i in range(hearings or rng.randrange(1, 4)):
        scheduled = day + life.days(5, 200)
        hearing = scheduled + life.days(10, 45)
        if not life.ok(scheduled):
            break
        events.append(CourtEvent(scheduled, "HEARING_SCHEDULED", hearing.isoformat()))
        if not life.ok(hearing):
            return _case(life, events)
        last = i == (hearings or 3) - 1
        kind = "FAILED_TO_APPEAR" if absent and (last or rng.random() < 0.5) else "HEARING_HELD"
        events.append(CourtEvent(hearing, kind))
        day = hearing
    if relief:
        applied = day + life.days(20, 200)
        if not life.ok(applied):
            return _case(life, events)
        events.append(CourtEvent(applied, "RELIEF_APPLIED", relief))
        scheduled = applied + life.days(20, 120)
        day = scheduled + life.days(10, 40)
        if not life.ok(day):
            return _case(life, events)
        events.append(CourtEvent(scheduled, "HEARING_SCHEDULED", day.isoformat()))
        events.append(CourtEvent(day, "HEARING_HELD"))
    if not order:
        upcoming = day + life.days(20, 300)
        if life.ok(day + 10 * DAY) and rng.random() < 0.6:
            events.append(
                CourtEvent(
                    life.when(day + DAY, day + 20 * DAY),
                    "HEARING_SCHEDULED",
                    (upcoming + life.days(30, 300)).isoformat(),
                )
            )
        return _case(life, events)
    if (life.as_of - day).days <= 45:
        return _case(life, events)  # too recent to be final or not: still to be decided
    if absent and events[-1].type != "FAILED_TO_APPEAR":
        events.append(CourtEvent(day, "FAILED_TO_APPEAR"))
    depart_by = day + life.days(60, 120) if order == "VOLUNTARY_DEPARTURE" else None
    if depart_by is not None and abs((depart_by - life.as_of).days) <= 5:
        depart_by += 11 * DAY  # not due on the very day of the cut
    events.append(CourtEvent(day, "ORDER", order, depart_by))
    if appeal:
        filed = day + life.days(5, 28)
        if life.ok(filed):
            events.append(CourtEvent(filed, "APPEAL_FILED"))
            decided = filed + life.days(90, 500)
            if appeal != "PENDING" and life.ok(decided):
                events.append(CourtEvent(decided, "APPEAL_DECIDED", appeal))
    return _case(life, events)


def _case(life: Life, events: list[CourtEvent]) -> CourtCase:
    life.a_number()
    life.p.flags.add("court")
    case = CourtCase(events[0].date, court=life.rng.choice(places.COURTS), events=events)
    life.p.facts.append(case)
    return case


def order_of(case: CourtCase | None) -> CourtEvent | None:
    if case is None:
        return None
    return next((e for e in case.events if e.type == "ORDER"), None)


def final_since(case: CourtCase | None, as_of: dt.date) -> dt.date | None:
    """The day a removal order (or an expired voluntary departure) binds, if it does."""
    order = order_of(case)
    if case is None or order is None:
        return None
    if order.detail == "VOLUNTARY_DEPARTURE":
        return order.depart_by if order.depart_by and order.depart_by < as_of else None
    if order.detail not in ("REMOVAL", "REMOVAL_IN_ABSENTIA"):
        return None
    appeals = [e for e in case.events if e.type.startswith("APPEAL")]
    if any(e.type == "APPEAL_DECIDED" and e.detail == "DISMISSED" for e in appeals):
        return max(e.date for e in appeals)
    if appeals:
        return None
    day = order.date + 31 * DAY
    return day if day < as_of else None


def remove(life: Life, day: dt.date, kind: str = "REMOVAL") -> Removal | None:
    if not life.ok(day):
        return None
    life.enrol(day)
    fact = Removal(day, kind=kind)
    life.p.facts.append(fact)
    if kind == "REMOVAL":
        life.p.flags.add("removed")
    return fact


def arrest(
    life: Life,
    day: dt.date,
    offense: str,
    disposition: str = "",
    booked: bool = True,
    status: str = "RELEASED",
    prison: bool = False,
) -> Booking | None:
    """An arrest in the criminal history, and (usually) a booking into a jail.

    ``status`` HELD or SENTENCED keeps the person in custody at the cut.
    """
    if not life.ok(day):
        return None
    rng, p = life.rng, life.p
    if not p.fbi:
        p.fbi = life.ids.fbi(rng)
    history = next((f for f in p.facts if isinstance(f, CriminalHistory)), None)
    if history is None:
        history = CriminalHistory(day)
        p.facts.append(history)
    disposition = disposition or rng.choice(("CONVICTED", "DISMISSED", "DISMISSED", "ACQUITTED"))
    decided = day + life.days(20, 320)
    if status != "RELEASED" and disposition != "CONVICTED":
        disposition = "PENDING"
    if not life.ok(decided):
        disposition, decided = "PENDING", day
    sentence = rng.choice((0, 30, 90, 180, 365, 730, 1460)) if disposition == "CONVICTED" else None
    history.cycles.append(
        Cycle(
            day,
            rng.choice(places.AGENCIES),
            offense,
            disposition,
            None if disposition == "PENDING" else decided,
            sentence,
        )
    )
    history.cycles.sort(key=lambda c: c.arrest)
    history.date = history.cycles[0].arrest
    if not booked:
        return None
    facility = rng.choice(places.PRISON_TYPES if prison else places.JAIL_TYPES)
    charges: tuple[str, ...] = (offense,)
    if rng.random() < 0.25:
        charges += (rng.choice(places.OFFENCES[rng.choice(places.MINOR_FAMILIES)]),)
    release: dt.date | None = None
    if status == "RELEASED":
        release = day + life.days(0, 3 if not prison else 700)
        if not life.ok(release):
            release = None
            status = "HELD" if not prison else "SENTENCED"
    projected = release or day + life.days(30 if not prison else 300, 400 if not prison else 3650)
    if projected <= life.as_of and release is None:
        projected = life.as_of + life.days(10, 400)
    fact = Booking(
        day,
        facility=facility,
        charges=charges,
        status=status,
        projected_release=projected,
        release_date=release,
    )
    p.facts.append(fact)
    if status != "RELEASED":
        p.flags.add("in_custody")
    if p.fin or (not p.citizen and day.year >= 2009 and rng.random() < 0.6):
        life.enrol(day)  # Secure Communities: bookings are checked against IDENT
    return fact


def warrant(
    life: Life,
    day: dt.date,
    record_type: str,
    offense: str,
    status: str = "ACTIVE",
) -> Warrant | None:
    if not life.ok(day):
        return None
    if record_type == "IMMIGRATION_VIOLATOR":
        ori = places.ICE_ORI
    else:
        ori = life.rng.choice(places.AGENCIES)
        if not life.p.fbi:
            life.p.fbi = life.ids.fbi(life.rng)
    fact = Warrant(day, record_type=record_type, offense=offense, ori=ori, status=status)
    life.p.facts.append(fact)
    return fact


def listing(life: Life, day: dt.date, list_name: str, basis: str) -> Listing | None:
    if not life.ok(day):
        return None
    fact = Listing(day, list_name=list_name, basis=basis)
    life.p.facts.append(fact)
    if list_name == "SEX_OFFENDER_REGISTRY":
        life.p.sex_offender = True
        life.p.flags.add("sex_offender")
    else:
        life.p.human_rights = True
        life.p.flags.add("human_rights")
    return fact
