"""People who entered without inspection, people in removal proceedings, asylum
seekers, and victims of trafficking (T visa) or crime (U visa).

An EWI with no record but jobs attested as a citizen shows nothing: the status cannot
be shown. A court case, a removal or an I-9 attesting LPR / AUTHORIZED_ALIEN is
evidence of noncitizenship. A pending or approved asylum, T or U filing protects.
"""

from __future__ import annotations

import datetime as dt

from tessera.synth import places
from tessera.synth.justice import court, final_since, order_of, remove, warrant
from tessera.synth.life import DAY, YEAR, Life
from tessera.synth.scenarios.common import eads, hires_within, work
from tessera.synth.scenarios.visitors import unauthorised_jobs


def _entered(life: Life, lo: dt.date | None = None, hi: dt.date | None = None) -> dt.date:
    """The (unrecorded) day of an entry without inspection."""
    return life.when(max(lo or life.adult(), life.adult()), hi or life.as_of - 300 * DAY)


def _jobs_as_citizen(
    life: Life, lo: dt.date, chance: float = 0.7, hi: dt.date | None = None
) -> None:
    """Jobs on a made-up SSN, attesting citizenship: nothing that proves status."""
    if life.rng.random() < chance:
        work(life, lo + 30 * DAY, hi or life.as_of, "USC", life.rng.randrange(1, 3))


def ewi_unknown(life: Life) -> None:
    came = _entered(life)
    _jobs_as_citizen(life, came)
    if life.rng.random() < 0.15:
        # A fake green card or work permit: an I-9 that itself says "noncitizen".
        work(life, came + 60 * DAY, life.as_of, life.rng.choice(("LPR", "AUTHORIZED_ALIEN")), 1)


def ewi_returned(life: Life) -> None:
    """Caught at the border and returned (not a removal order); some come back."""
    life.p.flags.add("returned")
    caught = life.when(life.adult(), life.as_of - 100 * DAY)
    remove(life, caught, "RETURN")
    if life.rng.random() < 0.35:
        _jobs_as_citizen(life, caught + life.days(60, 600), 1.0)


def ewi_court(life: Life, outcome: str = "") -> None:
    """Apprehended inside the country and put in proceedings; many outcomes."""
    rng, p = life.rng, life.p
    life.settle(3)
    came = _entered(life, hi=life.as_of - 700 * DAY)
    outcome = (
        outcome
        or rng.choices(
            ("PENDING", "FUGITIVE", "REMOVED", "VD_LEFT", "VD_STAYED", "APPEAL", "TERMINATED"),
            (34, 26, 16, 8, 7, 6, 3),
        )[0]
    )
    nta = life.when(came + 100 * DAY, life.as_of - (60 if outcome == "PENDING" else 500) * DAY)
    life.enrol(nta)
    _jobs_as_citizen(life, came, 0.6, nta)
    if outcome in ("PENDING", "FUGITIVE", "VD_STAYED", "TERMINATED"):
        _jobs_as_citizen(life, nta, 0.4)  # still here, still working
    if outcome == "PENDING":
        court(life, nta)
    elif outcome == "TERMINATED":
        court(life, nta, "TERMINATED")
    elif outcome in ("VD_LEFT", "VD_STAYED"):
        case = court(life, nta, "VOLUNTARY_DEPARTURE")
        order = order_of(case)
        if order is not None and order.depart_by is not None:
            if outcome == "VD_LEFT":
                remove(
                    life,
                    order.date + life.days(10, (order.depart_by - order.date).days - 1),
                    "VOLUNTARY_DEPARTURE",
                )
            elif order.depart_by < life.as_of:
                p.flags.update(("final_order", "fugitive"))
    elif outcome == "APPEAL":
        appeal = rng.choice(("PENDING", "SUSTAINED", "DISMISSED"))
        case = court(life, nta, "REMOVAL", appeal=appeal)
        _after_order(life, case, rng.random() < 0.5)
    else:
        detail = "REMOVAL_IN_ABSENTIA" if rng.random() < 0.45 else "REMOVAL"
        case = court(life, nta, detail)
        _after_order(life, case, outcome == "REMOVED")


def _after_order(life: Life, case: object, removed: bool, reentry: str = "") -> dt.date | None:
    """Once an order is final: removal (and maybe a return), or life as a fugitive."""
    from tessera.synth.facts import CourtCase

    assert case is None or isinstance(case, CourtCase)
    final = final_since(case, life.as_of)
    if final is None:
        return None
    p = life.p
    p.flags.add("final_order")
    if removed:
        day = final + life.days(20, 500)
        if remove(life, day) is not None:
            if life.rng.random() < 0.15:
                warrant(
                    life,
                    day,
                    "IMMIGRATION_VIOLATOR",
                    places.IMMIGRATION_VIOLATOR_OFFENSE,
                    "CLEARED",
                )
            if reentry:
                _reenter(life, day, reentry)
            return day
    p.flags.add("fugitive")
    if life.rng.random() < 0.25:
        day = life.when(final + 30 * DAY, life.as_of)
        warrant(life, day, "IMMIGRATION_VIOLATOR", places.IMMIGRATION_VIOLATOR_OFFENSE)
    return None


def _reenter(life: Life, removed: dt.date, how: str) -> None:
    """Back after a removal: across the border unseen, or through a port on a new
    passport (a visa obtained by hiding the removal)."""
    back = removed + life.days(90, 900)
    if not life.ok(back + 60 * DAY):
        return
    life.p.flags.add("reentered")
    if how == "ARRIVAL":
        country = life.p.nationalities[0]
        number = life.ids.passport(life.rng, country)
        life.p.passports.append((country, number, back - life.days(30, 200)))
        life.arrive(back, life.visitor_class(), country=country, number=number)
    work(life, back + 20 * DAY, life.as_of, "USC", life.rng.randrange(1, 3))


def court_reentry(life: Life, how: str) -> None:
    life.settle(10)
    came = _entered(life, hi=life.as_of - 9 * YEAR)
    nta = life.when(came + 60 * DAY, life.as_of - 7 * YEAR)
    _jobs_as_citizen(life, came, 0.5, nta)
    life.enrol(nta)
    case = court(life, nta, "REMOVAL" if life.rng.random() < 0.6 else "REMOVAL_IN_ABSENTIA")
    _after_order(life, case, True, reentry=how)


def asylum(life: Life, entry: str, decision: str, appeal: str = "", reentry: bool = False) -> None:
    """An asylum claim (I-589) by someone who entered without inspection (EWI) or on a
    visitor visa (B2). Pending and approved claims protect the person."""
    p, rng = life.p, life.rng
    life.settle(1 if decision == "PENDING" else 5)
    hi = life.as_of - (300 if decision == "PENDING" else 4 * 365) * DAY
    came = life.when(life.adult(), hi)
    filed = came + life.days(60, 360)
    if entry == "B2":
        arrival = life.arrive(came, "B2")
        if arrival is not None and arrival.admit_until is not None and decision == "DENIED":
            filed = arrival.admit_until + life.days(20, 200)  # after the stay ran out
    claim = life.file("I-589", filed, decision, decide=(300, 1100))
    if claim is None:
        return
    decision = claim.decision
    life.ssn()
    permits = eads(life, filed + life.days(150, 200), claim.decision_date or life.as_of)
    hires_within(life, permits, "AUTHORIZED_ALIEN", rng.randrange(0, 3))
    if decision in ("PENDING", "APPROVED"):
        p.protection = "ASYLUM"
        p.citizenship = "ASYLUM_PENDING" if decision == "PENDING" else "ASYLEE"
        if entry == "EWI" and decision == "PENDING" and rng.random() < 0.5:
            court(life, came + life.days(10, 120))  # defensive case still open
        if decision == "APPROVED" and claim.decision_date and rng.random() < 0.6:
            adjust = life.file("I-485", claim.decision_date + life.days(366, 700), "APPROVED")
            if adjust is not None and adjust.decision == "APPROVED":
                p.citizenship = "LPR"  # the approved asylum still protects
                work(life, adjust.date, life.as_of, "LPR", rng.randrange(0, 2))
        return
    p.citizenship = "NONIMMIGRANT" if entry == "B2" else "EWI"
    p.status_class = "B2" if entry == "B2" else ""
    if entry == "B2":
        p.flags.add("overstay")
    assert claim.decision_date is not None
    nta = claim.decision_date + life.days(20, 200)
    vd = entry == "B2" and not appeal and rng.random() < 0.3
    order = "VOLUNTARY_DEPARTURE" if vd else "REMOVAL"
    case = court(life, nta, order, appeal=appeal)
    if vd:
        ordered = order_of(case)
        if ordered is not None and ordered.depart_by and ordered.depart_by < life.as_of:
            p.flags.update(("final_order", "fugitive"))
        unauthorised_jobs(life, claim.decision_date + 200 * DAY, 0.5)
        return
    removed = _after_order(life, case, rng.random() < 0.3 or reentry)
    if removed is None:
        unauthorised_jobs(life, claim.decision_date + 200 * DAY, 0.5)
    elif reentry:
        _reenter(life, removed, "EWI")


def victim_visa(life: Life, form: str, after_overstay: bool = False) -> None:
    """A T visa (trafficking) or U visa (crime victim) petition, pending or approved."""
    p, rng = life.p, life.rng
    life.settle(7 if after_overstay else 4)
    basis = "T_VISA" if form == "I-914" else "U_VISA"
    if after_overstay:
        came = life.when(life.adult(), life.as_of - 6 * YEAR)
        arrival = life.arrive(came, life.visitor_class())
        lo = (arrival.admit_until if arrival and arrival.admit_until else came) + 200 * DAY
    else:
        lo = _entered(life, hi=life.as_of - 3 * YEAR)
        _jobs_as_citizen(life, lo, 0.5)
        if rng.random() < 0.25:
            nta = life.when(lo + 100 * DAY, life.as_of - 3 * YEAR)
            case = court(life, nta, "REMOVAL_IN_ABSENTIA" if rng.random() < 0.5 else "")
            if final_since(case, life.as_of):
                p.flags.update(("final_order", "fugitive"))
    filed = life.when(lo + 100 * DAY, life.as_of - 60 * DAY)
    decision = "APPROVED" if rng.random() < 0.5 else "PENDING"
    petition = life.file(form, filed, decision, decide=(300, 1200), valid_days=4 * 365)
    life.a_number()
    p.protection = basis
    p.citizenship = basis
    p.trafficking_victim = basis == "T_VISA"
    p.flags.add("trafficking_victim" if basis == "T_VISA" else "crime_victim")
    if petition is not None:
        permits = eads(life, filed + life.days(60, 300), life.as_of)
        life.ssn()
        hires_within(life, permits, "AUTHORIZED_ALIEN", rng.randrange(0, 2))


def relief(life: Life) -> None:
    """In proceedings, granted cancellation of removal: a permanent resident since."""
    life.settle(7)
    came = _entered(life, hi=life.as_of - 6 * YEAR)
    _jobs_as_citizen(life, came, 0.6)
    nta = life.when(came + 300 * DAY, life.as_of - 4 * YEAR)
    life.enrol(nta)
    case = court(life, nta, "RELIEF_GRANTED", relief="CANCELLATION OF REMOVAL", hearings=2)
    order = order_of(case)
    if order is None:
        life.p.citizenship = "EWI"
        return
    life.p.citizenship = "LPR"
    work(
        life,
        order.date + 60 * DAY,
        life.as_of,
        "LPR",
        life.rng.randrange(1, 3),
        doc="PERMANENT_RESIDENT_CARD",
    )
