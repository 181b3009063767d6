"""Building blocks of a life in the records: trips, filings, study and work.

``Life`` appends noise-free facts to one person. Every fact is dated no later than
``as_of`` (a step that would fall after it is simply not taken) and no earlier than
the world's start, so each history reads as a plausible sequence of events.
"""

from __future__ import annotations

import datetime as dt
import random

from tessera.synth import places
from tessera.synth.facts import Alias, Arrival, Benefit, Hire, StudentRecord
from tessera.synth.ids import Ids
from tessera.synth.names import VISA_WAIVER
from tessera.synth.person import Person

DAY = dt.timedelta(days=1)
YEAR = dt.timedelta(days=365)
VISIT_DAYS = {"B1": 180, "B2": 180, "WT": 90, "WB": 90}
WORK_YEARS = {"H1B": 3, "L1": 3, "O1": 3, "TN": 3, "H2A": 1, "H2B": 1}
PASSPORT_YEARS = 10
EVERIFY = ("", "", "", "EMPLOYMENT_AUTHORIZED", "EMPLOYMENT_AUTHORIZED", "TNC")
EMPLOYERS = tuple(
    (
        f"EMP{(i * 7_654_321 + 1_000_003) % 10_000_000:07d}",
        f"{(places.EMPLOYER_OWNERS + tuple(t[0] for t in places.TOWNS))[i % 46]} "
        f"{places.EMPLOYER_KINDS[(i * 7) % len(places.EMPLOYER_KINDS)]}",
        places.TOWNS[i % len(places.TOWNS)][1],
    )
    for i in range(360)
)
"""(employer_id, name, worksite state) of the world's employers."""


def world_start(as_of: dt.date) -> dt.date:
    """Records begin about 26 years before the drop (2000 for a 2026 drop)."""
    return dt.date(as_of.year - 26, 1, 1)


class Life:
    """Adds facts to one person's history."""

    def __init__(self, rng: random.Random, ids: Ids, as_of: dt.date, p: Person) -> None:
        self.rng, self.ids, self.as_of, self.p = rng, ids, as_of, p
        self.start = world_start(as_of)

    # --- time ---------------------------------------------------------------------------
    def when(self, lo: dt.date | None = None, hi: dt.date | None = None) -> dt.date:
        """A day in [lo, hi] (the world's span by default); ``lo`` if the span is empty."""
        lo = max(lo or self.start, self.start)
        hi = min(hi or self.as_of, self.as_of)
        span = (hi - lo).days
        return lo if span <= 0 else lo + self.rng.randrange(span + 1) * DAY

    def adult(self) -> dt.date:
        """The first day this person is an adult inside the world's span."""
        return max(self.start, self.p.dob + 18 * YEAR + 5 * DAY)

    def settle(self, years: int) -> None:
        """Make the person old enough to have been an adult ``years`` before the cut
        (long histories need room)."""
        latest = self.as_of - (18 + years) * YEAR - 30 * DAY
        if self.p.dob > latest:
            self.p.dob = latest - self.days(0, 15 * 365)

    def days(self, lo: int, hi: int) -> dt.timedelta:
        return self.rng.randrange(lo, hi + 1) * DAY

    def ok(self, day: dt.date | None) -> bool:
        """Whether ``day`` has happened by the drop's cut."""
        return day is not None and day <= self.as_of

    # --- identity -----------------------------------------------------------------------
    def passport(self, day: dt.date, country: str | None = None) -> tuple[str, str]:
        """The passport of ``country`` valid on ``day``, issuing a new one if needed."""
        country = country or self.p.nationalities[0]
        for c, number, issued in self.p.passports:
            if c == country and issued <= day < issued + PASSPORT_YEARS * YEAR:
                return c, number
        issued = day - self.days(20, 600)
        number = self.ids.passport(self.rng, country)
        self.p.passports.append((country, number, issued))
        self.p.passports.sort(key=lambda x: x[2])
        return country, number

    def a_number(self) -> str:
        if not self.p.a_numbers:
            self.p.a_numbers.append(self.ids.a_number())
        return self.p.a_numbers[0]

    def enrol(self, day: dt.date) -> None:
        """Fingerprints taken (US-VISIT / IDENT): the person has a FIN from ``day``."""
        if not self.p.fin:
            self.p.fin = self.ids.fin()
            self.p.fin_since = day
        elif self.p.fin_since and day < self.p.fin_since:
            self.p.fin_since = day

    def ssn(self) -> str:
        if not self.p.ssn:
            self.p.ssn = self.ids.ssn()
        return self.p.ssn

    # --- travel -------------------------------------------------------------------------
    def arrive(
        self,
        day: dt.date,
        cls: str,
        until: dt.date | None = None,
        ds: bool = False,
        country: str | None = None,
        alias: Alias | None = None,
        number: str = "",
    ) -> Arrival | None:
        if not self.ok(day):
            return None
        if cls in VISIT_DAYS and until is None:
            until = day + VISIT_DAYS[cls] * DAY
        if until == self.as_of:
            until += DAY  # keep clear of the rule's edge: ends on the cut is not "before"
        if number:
            country = country or self.p.nationalities[0]
        else:
            country, number = self.passport(day, "USA" if cls == "USC" else country)
        mode = self._mode(country)
        fact = Arrival(
            day,
            kind="ARRIVAL",
            cls=cls,
            admit_until=until,
            ds=ds,
            country=country,
            passport=number,
            port=self._port(mode),
            mode=mode,
            alias=alias,
        )
        self.p.facts.append(fact)
        if cls not in ("USC",) and self.rng.random() < 0.5 and day.year >= 2004:
            self.enrol(day)
        return fact

    def depart(
        self, day: dt.date, country: str | None = None, number: str = "", alias: Alias | None = None
    ) -> Arrival | None:
        if not self.ok(day):
            return None
        if not number:
            country, number = self.passport(day, country)
        mode = self._mode(country or "")
        fact = Arrival(
            day,
            kind="DEPARTURE",
            country=country or self.p.nationalities[0],
            passport=number,
            port=self._port(mode),
            mode=mode,
            alias=alias,
        )
        self.p.facts.append(fact)
        return fact

    def last_arrival(self) -> dt.date:
        """The day of the latest ARRIVAL so far (the world's start if none)."""
        days = [f.date for f in self.p.facts if isinstance(f, Arrival) and f.kind == "ARRIVAL"]
        return max(days, default=self.start)

    def _mode(self, country: str) -> str:
        if country in places.LAND_NEIGHBOURS and self.rng.random() < 0.45:
            return "LAND"
        return "SEA" if self.rng.random() < 0.03 else "AIR"

    def _port(self, mode: str) -> str:
        if mode == "LAND":
            return self.rng.choice(places.LAND_PORTS)
        return self.rng.choice(places.SEA_PORTS if mode == "SEA" else places.AIR_PORTS)

    def visitor_class(self) -> str:
        if self.p.nationalities[0] in VISA_WAIVER:
            return "WT" if self.rng.random() < 0.75 else self.rng.choice(("B1", "B2"))
        return "B2" if self.rng.random() < 0.75 else "B1"

    def trip(
        self,
        cls: str,
        lo: dt.date,
        hi: dt.date,
        country: str | None = None,
        until: dt.date | None = None,
    ) -> dt.date | None:
        """A visit that ends in time, or (other classes) a trip abroad and the return
        on that class (``until``: the admission it returns to). Returns its end."""
        if cls in VISIT_DAYS:
            day = self.when(lo, hi)
            stay = self.days(3, VISIT_DAYS[cls] - 2)
            if not self.ok(day + stay):
                return None
            self.arrive(day, cls, country=country)
            self.depart(day + stay, country=country)
            return day + stay
        out = self.when(lo, hi)
        back = out + self.days(5, 60)
        if not self.ok(back) or (until is not None and back >= until):
            return None
        self.depart(out, country=country)
        self.arrive(back, cls, until=until, country=country)
        return back

    def trips_abroad(
        self,
        cls: str,
        lo: dt.date,
        n: int,
        country: str | None = None,
        until: dt.date | None = None,
    ) -> None:
        """``n`` departures each followed by a return, spread after ``lo``, before ``until``."""
        day = lo
        for _ in range(n):
            day = day + self.days(60, 900)
            if until is not None and day + 100 * DAY > until:
                return
            end = self.trip(cls, day, day + 30 * DAY, country)
            if end is None:
                return
            day = end

    # --- filings ------------------------------------------------------------------------
    def file(
        self,
        form: str,
        filed: dt.date,
        decision: str = "APPROVED",
        decide: tuple[int, int] = (60, 300),
        valid_days: int = 0,
        valid_from: dt.date | None = None,
    ) -> Benefit | None:
        """A filing; a decision that would come after the cut stays PENDING."""
        if not self.ok(filed) or filed < self.start:
            return None
        decided = None if decision == "PENDING" else filed + self.days(*decide)
        if decided is not None and not self.ok(decided):
            decision, decided = "PENDING", None
        fact = Benefit(filed, form=form, decision=decision, decision_date=decided)
        if decision == "APPROVED" and valid_days and decided is not None:
            fact.valid_from = valid_from or decided + self.days(0, 10)
            fact.valid_to = fact.valid_from + valid_days * DAY
        # Nonimmigrant petitions carry an A-number only when the person already has one.
        fact.a_number = self.p.a_number if form in ("I-129", "I-539") else self.a_number()
        self.p.facts.append(fact)
        return fact

    # --- study --------------------------------------------------------------------------
    def study(
        self,
        start: dt.date,
        visa: str,
        outcome: str,
        years: int = 2,
        ended: dt.date | None = None,
    ) -> StudentRecord:
        """A SEVIS record: INITIAL, ACTIVE, then COMPLETED / TERMINATED (reason) / open.

        ``outcome`` is ACTIVE, COMPLETED, CANCELED or a termination reason; ``ended``
        fixes the day a termination happened.
        """
        end = start + int(365.25 * years) * DAY
        events: list[tuple[dt.date, str, str]] = [(start - self.days(40, 150), "INITIAL", "")]
        if outcome == "CANCELED":
            events.append((events[0][0] + self.days(20, 60), "CANCELED", ""))
        else:
            events.append((start + self.days(0, 8), "ACTIVE", ""))
            if outcome == "COMPLETED":
                events.append((end, "COMPLETED", ""))
                grace = 60 if visa != "J1" else 30
                if self.rng.random() < 0.5:
                    events.append((end + (grace + 1) * DAY, "DEACTIVATED", ""))
            elif outcome != "ACTIVE":
                day = ended or self.when(events[-1][0] + 30 * DAY, min(end, self.as_of))
                events.append((day, "TERMINATED", outcome))
        events = [e for e in events if self.ok(e[0])]
        fact = StudentRecord(
            start,
            visa_class=visa,
            school=self.rng.choice(places.SCHOOLS),
            program_start=start,
            program_end=end,
            events=events,
            passport=self.passport(start)[1] if self.rng.random() < 0.65 else "",
        )
        self.p.facts.append(fact)
        return fact

    # --- work ---------------------------------------------------------------------------
    def hire(
        self,
        day: dt.date,
        attestation: str,
        doc: str = "",
        ssn: str = "",
        alias: Alias | None = None,
        doc_number: str = "",
        a_number: str = "",
    ) -> Hire | None:
        """A Form I-9 on the hire date, with the documents the person showed."""
        if not self.ok(day):
            return None
        doc_type, number, expiry = self._document(day, attestation, doc, doc_number)
        if not a_number and attestation in ("LPR", "AUTHORIZED_ALIEN") and self.p.a_numbers:
            a_number = self.p.a_numbers[-1] if self.rng.random() < 0.1 else self.p.a_numbers[0]
        fact = Hire(
            day,
            employer=self.rng.randrange(len(EMPLOYERS)),
            attestation=attestation,
            ssn=ssn or self.ssn(),
            a_number=a_number if self.rng.random() < 0.85 else "",
            doc_type=doc_type,
            doc_number=number,
            doc_expiry=expiry,
            everify=self.rng.choice(EVERIFY) if day.year >= 2008 else "",
            alias=alias,
        )
        self.p.facts.append(fact)
        return fact

    def _document(
        self, day: dt.date, attestation: str, doc: str, number: str
    ) -> tuple[str, str, dt.date | None]:
        later = day + self.days(365, 3650)
        if doc in ("FOREIGN_PASSPORT+I-94", "US_PASSPORT"):
            country = "USA" if doc == "US_PASSPORT" else None
            return doc, number or self.passport(day, country)[1], later
        if doc == "EAD" or (not doc and attestation == "AUTHORIZED_ALIEN"):
            return "EAD", number or self._card_number(), later
        if doc == "I-94_REFUGEE":
            return doc, f"{self.rng.randrange(10**10, 10**11):011d}", None
        if doc == "PERMANENT_RESIDENT_CARD" or (not doc and attestation == "LPR"):
            return "PERMANENT_RESIDENT_CARD", number or self._card_number(), later
        if attestation == "USC" and self.p.citizen and self.rng.random() < 0.3:
            return "US_PASSPORT", self.passport(day, "USA")[1], later
        return "DRIVERS_LICENSE+SSN_CARD", number or self.ids.licence(self.rng), None

    def _card_number(self) -> str:
        """An EAD or green card number: a receipt-style centre code and ten digits."""
        return f"{self.rng.choice(places.BENEFIT_CENTRES)}{self.rng.randrange(10**9, 10**10)}"
