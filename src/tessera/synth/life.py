"""Building blocks of a life in the records: trips, filings, cases, jobs, bookings."""

from __future__ import annotations

import datetime as dt
import random

from tessera.synth import places
from tessera.synth.facts import (
    Arrival,
    Benefit,
    Booking,
    CourtCase,
    CriminalHistory,
    Cycle,
    Hire,
    Registration,
    Removal,
    StudentRecord,
    Warrant,
)
from tessera.synth.people import Ids, Person, random_date

START = dt.date(2000, 1, 1)
DAY = dt.timedelta(days=1)
VISIT_DAYS = {"B1": 180, "B2": 180, "WT": 90, "WB": 90}
GRACE = {"F1": 60, "M1": 60, "J1": 30}


class Life:
    """Adds facts to one person's history, all dated within [START, as_of]."""

    def __init__(self, rng: random.Random, ids: Ids, as_of: dt.date, p: Person) -> None:
        self.rng, self.ids, self.as_of, self.p = rng, ids, as_of, p

    def when(self, start: dt.date = START, end: dt.date | None = None) -> dt.date:
        return random_date(self.rng, start, end or self.as_of)

    def passport(self) -> tuple[str, str]:
        if not self.p.passports:
            country = self.p.nationalities[0]
            self.p.passports.append(self.ids.passport(self.rng, country))
        return self.p.passports[-1]

    def renew_passport(self) -> None:
        self.p.passports.append(self.ids.passport(self.rng, self.p.nationalities[0]))

    # --- entry and exit ---------------------------------------------------------------
    def arrive(
        self,
        date: dt.date,
        cls: str,
        until: dt.date | None = None,
        ds: bool = False,
        land: bool = False,
    ) -> Arrival:
        if cls in VISIT_DAYS and until is None:
            until = date + VISIT_DAYS[cls] * DAY
        port = self.rng.choice(places.LAND_PORTS if land else places.PORTS)
        fact = Arrival(
            "arrivals",
            date,
            kind="ARRIVAL",
            cls=cls,
            admit_until=until,
            duration_of_status=ds,
            passport=self.passport(),
            port=port,
            mode="LAND" if land else self.rng.choice(("AIR", "AIR", "AIR", "SEA")),
        )
        self.p.facts.append(fact)
        return fact

    def depart(self, date: dt.date) -> Arrival:
        fact = Arrival(
            "arrivals",
            date,
            kind="DEPARTURE",
            passport=self.passport(),
            port=self.rng.choice(places.PORTS),
        )
        self.p.facts.append(fact)
        return fact

    def trip(self, cls: str, start: dt.date | None = None, end: dt.date | None = None) -> None:
        """A visit that ends on time (or a citizen's / resident's trip home)."""
        date = self.when(start or START, (end or self.as_of) - 200 * DAY)
        until = date + VISIT_DAYS.get(cls, 30) * DAY
        self.arrive(date, cls, until if cls in VISIT_DAYS else None)
        self.depart(date + self.rng.randrange(3, (until - date).days - 1) * DAY)

    def round_trip_home(self, cls: str, after: dt.date) -> None:
        """A citizen or resident goes abroad and comes back (departure then arrival)."""
        if after > self.as_of - 60 * DAY:
            return
        out = self.when(after, self.as_of - 40 * DAY)
        self.depart(out)
        self.arrive(out + self.rng.randrange(5, 35) * DAY, cls)

    # --- filings ----------------------------------------------------------------------
    def file(
        self,
        form: str,
        filed: dt.date,
        decision: str = "APPROVED",
        days: int = 120,
        valid_years: float = 0,
    ) -> Benefit:
        decided = (
            filed + self.rng.randrange(days // 2, days * 2) * DAY if decision != "PENDING" else None
        )
        if decided and decided > self.as_of:
            decision, decided = "PENDING", None
        valid_from = valid_to = None
        if decision == "APPROVED" and valid_years and decided:
            valid_from = decided
            valid_to = decided + int(365 * valid_years) * DAY
        fact = Benefit(
            "benefits",
            filed,
            form=form,
            decision=decision,
            decision_date=decided,
            valid_from=valid_from,
            valid_to=valid_to,
        )
        self.p.facts.append(fact)
        return fact

    def ensure_a_number(self) -> str:
        if not self.p.a_number:
            self.p.a_number = self.ids.a_number()
        return self.p.a_number

    def ensure_fin(self) -> str:
        if not self.p.fin:
            self.p.fin = self.ids.fin()
        return self.p.fin

    # --- students ---------------------------------------------------------------------
    def study(self, start: dt.date, visa: str, outcome: str, years: int = 2) -> StudentRecord:
        end = start + int(365 * years) * DAY
        events: list[tuple[dt.date, str, str]] = [
            (start - self.rng.randrange(40, 120) * DAY, "INITIAL", ""),
            (start + self.rng.randrange(0, 10) * DAY, "ACTIVE", ""),
        ]
        if outcome == "COMPLETED":
            events.append((end, "COMPLETED", ""))
        elif outcome != "ACTIVE":
            events.append(
                (self.when(start + 60 * DAY, min(end, self.as_of)), "TERMINATED", outcome)
            )
        fact = StudentRecord(
            "students",
            start,
            sevis_id=self.ids.record("students"),
            visa_class=visa,
            school=self.rng.choice(places.SCHOOLS),
            program_start=start,
            program_end=end,
            events=events,
            passport=self.passport()[1] if self.rng.random() < 0.7 else "",
        )
        fact.record_id = fact.sevis_id
        self.p.facts.append(fact)
        return fact

    # --- work -------------------------------------------------------------------------
    def hire(self, date: dt.date, attestation: str, doc: str = "", ssn: str = "") -> Hire:
        state = self.rng.choice(places.STATES)
        n = self.rng.randrange(400)
        employer = (
            f"EMP{n:07d}",
            f"{places.EMPLOYER_TOWNS[n % len(places.EMPLOYER_TOWNS)]} "
            f"{places.EMPLOYER_KINDS[n % len(places.EMPLOYER_KINDS)]}",
            state,
        )
        doc_type, number, expiry = self._document(attestation, doc, date)
        fact = Hire(
            "employment",
            date,
            employer=employer,
            attestation=attestation,
            ssn=ssn or self.p.ssn,
            a_number=self.p.a_number if attestation in ("LPR", "AUTHORIZED_ALIEN") else "",
            document_type=doc_type,
            document_number=number,
            document_expiry=expiry,
            everify=self.rng.choice(("", "", "EMPLOYMENT_AUTHORIZED", "TNC")),
        )
        self.p.facts.append(fact)
        return fact

    def _document(
        self, attestation: str, doc: str, date: dt.date
    ) -> tuple[str, str, dt.date | None]:
        later = date + self.rng.randrange(365, 3650) * DAY
        if doc:
            return doc, self.passport()[1], later
        if attestation == "USC":
            if self.rng.random() < 0.6 or not self.p.passports:
                return (
                    "DRIVERS_LICENSE+SSN_CARD",
                    f"{self.rng.choice('ABDFGMNRW')}{self.rng.randrange(10**7, 10**8)}",
                    None,
                )
            return "US_PASSPORT", self.passport()[1], later
        if attestation == "LPR":
            return "PERMANENT_RESIDENT_CARD", f"IOE{self.rng.randrange(10**9, 10**10)}", later
        return "EAD", f"SRC{self.rng.randrange(10**9, 10**10)}", later

    # --- enforcement ------------------------------------------------------------------
    def court(self, nta: dt.date, order: str, appeal: str = "", relief: str = "") -> CourtCase:
        events: list[tuple[dt.date, str, str, dt.date | None]] = [(nta, "NTA_FILED", "", None)]
        day = nta
        for _ in range(self.rng.randrange(1, 4)):
            sched = day + self.rng.randrange(20, 120) * DAY
            hearing = sched + self.rng.randrange(10, 40) * DAY
            if hearing > self.as_of:
                break
            events.append((sched, "HEARING_SCHEDULED", hearing.isoformat(), None))
            kind = "FAILED_TO_APPEAR" if order == "REMOVAL_IN_ABSENTIA" else "HEARING_HELD"
            events.append((hearing, kind, "", None))
            day = hearing
        if relief:
            events.append((day, "RELIEF_APPLIED", relief, None))
        if order and day + 5 * DAY < self.as_of:
            depart_by = day + 60 * DAY if order == "VOLUNTARY_DEPARTURE" else None
            events.append((day, "ORDER", order, depart_by))
            if appeal:
                appealed = day + self.rng.randrange(5, 28) * DAY
                decided = appealed + self.rng.randrange(60, 300) * DAY
                if decided < self.as_of:
                    events.append((appealed, "APPEAL_FILED", "", None))
                    events.append((decided, "APPEAL_DECIDED", appeal, None))
        case = CourtCase("court", nta, events=events)
        case.record_id = f"{self.rng.choice(places.COURTS)}-{nta.year}-{self.ids.record('court')}"
        self.ensure_a_number()
        self.p.facts.append(case)
        self.p.flags.add("court")
        return case

    def order_date(self, case: CourtCase) -> dt.date | None:
        for date, kind, _, _ in case.events:
            if kind == "ORDER":
                return date
        return None

    def remove(self, date: dt.date, kind: str = "REMOVAL") -> Removal:
        self.ensure_fin()
        fact = Removal("removals", date, kind=kind)
        self.p.facts.append(fact)
        return fact

    def book(
        self, date: dt.date, charges: tuple[str, ...], held: bool = False, convicted: bool = False
    ) -> Booking:
        facility = self.rng.choice(places.FACILITIES)
        if not self.p.fbi:
            self.p.fbi = self.ids.fbi(self.rng)
        release = None if held else date + self.rng.randrange(1, 60) * DAY
        if release and release > self.as_of:
            release, held = None, True
        status = (
            ("SENTENCED" if convicted and self.rng.random() < 0.4 else "HELD")
            if held
            else "RELEASED"
        )
        fact = Booking(
            "custody",
            date,
            facility=facility,
            charges=charges,
            status=status,
            projected_release=release or date + self.rng.randrange(30, 900) * DAY,
            release_date=release,
        )
        self.p.facts.append(fact)
        self._arrest(
            date,
            facility[3],
            charges[0],
            "CONVICTED" if convicted else self.rng.choice(("DISMISSED", "ACQUITTED", "PENDING")),
        )
        if held:
            self.p.flags.add("in_custody")
        return fact

    def _arrest(self, date: dt.date, agency: str, offense: str, disposition: str) -> None:
        history = next((f for f in self.p.facts if isinstance(f, CriminalHistory)), None)
        if history is None:
            history = CriminalHistory("criminal_history", date)
            history.record_id = self.p.fbi
            self.p.facts.append(history)
        decided = date + self.rng.randrange(20, 300) * DAY
        if disposition != "PENDING" and decided > self.as_of:
            disposition = "PENDING"
        history.cycles.append(
            Cycle(
                date,
                agency,
                offense,
                disposition,
                None if disposition == "PENDING" else decided,
                self.rng.choice((30, 365, 730, 3650)) if disposition == "CONVICTED" else None,
            )
        )

    def convict(self, date: dt.date, offense: str) -> None:
        if not self.p.fbi:
            self.p.fbi = self.ids.fbi(self.rng)
        self._arrest(date, self.rng.choice(places.AGENCIES), offense, "CONVICTED")

    def warrant(
        self, date: dt.date, record_type: str, offense: str, status: str = "ACTIVE"
    ) -> None:
        if not self.p.fbi:
            self.p.fbi = self.ids.fbi(self.rng)
        self.p.facts.append(
            Warrant(
                "wanted",
                date,
                record_type=record_type,
                offense=offense,
                ori=self.rng.choice(places.AGENCIES),
                status=status,
            )
        )

    def register_nseers(self, arrival: dt.date) -> None:
        if not dt.date(2002, 9, 11) <= arrival <= dt.date(2011, 4, 1):
            return
        interview = arrival + self.rng.randrange(30, 40) * DAY
        self.p.facts.append(
            Registration(
                "registrations", arrival, event="POE_REGISTRATION", followup=arrival + 40 * DAY
            )
        )
        self.p.facts.append(
            Registration(
                "registrations", interview, event="INTERVIEW", followup=interview + 365 * DAY
            )
        )
