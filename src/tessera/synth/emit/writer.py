"""Writes a chunk's rows: CSV lines and JSON lines per feed, each with its meta (record
id, person, broken kind), breaking the planned share of rows on the way.

Also how systems write a person: names and dates of birth with noise, in their case
and script.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random

from tessera.synth import noise as nz
from tessera.synth.breakage import break_csv, break_json
from tessera.synth.emit.columns import COLUMNS, FEEDS
from tessera.synth.facts import Alias, Fact
from tessera.synth.ids import Ids
from tessera.synth.person import Person


class Writer:
    def __init__(
        self,
        rng: random.Random,
        noise: nz.NoiseProfile,
        ids: Ids,
        orders: dict[str, tuple[int, ...]],
    ) -> None:
        self.rng, self.noise, self.ids, self.orders = rng, noise, ids, orders
        self.text = {feed: io.StringIO() for feed in FEEDS}
        self.csv = {feed: csv.writer(self.text[feed], lineterminator="\n") for feed in FEEDS}
        self.meta: dict[str, list[tuple[str, str, str]]] = {feed: [] for feed in FEEDS}
        self.headers = {
            feed: tuple(COLUMNS[feed][i] for i in order) for feed, order in orders.items()
        }

    # --- rows -------------------------------------------------------------------------
    def row(self, feed: str, values: list[str], pid: str, fact: Fact | None) -> str:
        """Write one CSV row given in ``COLUMNS`` order; returns how it broke ('' = not)."""
        row = [values[i] for i in self.orders[feed]]
        kind = ""
        if self.rng.random() < self.noise.broken_row:
            kind, row = break_csv(self.rng, feed, self.headers[feed], row)
        self.csv[feed].writerow(row)
        self.meta[feed].append((values[0], pid, kind))
        if fact is not None:
            fact.record_id, fact.broken = values[0], bool(kind)
        return kind

    def doc(self, feed: str, record_id: str, doc: dict[str, object], pid: str, fact: Fact) -> None:
        kind = ""
        if self.rng.random() < self.noise.broken_row:
            kind = break_json(self.rng, feed, doc)
        self.text[feed].write(json.dumps(doc, ensure_ascii=False))
        self.text[feed].write("\n")
        self.meta[feed].append((record_id, pid, kind))
        fact.record_id, fact.broken = record_id, bool(kind)

    # --- a person as systems write them -----------------------------------------------
    def name(self, p: Person, day: dt.date, alias: Alias | None = None) -> nz.WrittenName:
        if alias is not None:
            given, middle, family = alias.given, alias.middle, alias.family
        else:
            given, middle, family = p.name_on(day)
        return nz.written_name(self.rng, self.noise, given, middle, family, p.origin.style)

    def dob(self, p: Person, style: str, alias: Alias | None = None) -> str:
        born = alias.dob if alias is not None else p.dob
        parts = nz.written_dob(self.rng, self.noise, born)
        if style == "mrz" and parts is not None and parts[3]:
            parts = (parts[0], 0, 0, False)  # MRZ has no year-only form: 00 month and day
        return nz.fmt_dob(parts, style)

    def clerk(self, *texts: str) -> list[str]:
        """Typed by one clerk: capitalised or upper case, accents usually kept (one
        style for the whole record)."""
        r = self.rng.random()
        if r < self.noise.accents_lost:
            return [nz.plain(t) for t in texts]
        return [nz.mixed(t) for t in texts] if r < 0.6 else list(texts)

    def comma(self, n: nz.WrittenName, space: bool = True) -> str:
        """``FAMILY, GIVEN MIDDLE`` in upper-case Latin (most police and court systems)."""
        given = f"{n.given} {n.middle}" if n.middle else n.given
        return nz.plain(f"{n.family},{' ' if space else ''}{given}")

    def full(self, n: nz.WrittenName, family_first: bool) -> str:
        parts = (n.family, n.given, n.middle) if family_first else (n.given, n.middle, n.family)
        return nz.plain(" ".join(x for x in parts if x))

    def a_number(self, a_number: str, chance: float = 1.0) -> str:
        if not a_number or self.rng.random() >= chance:
            return ""
        return nz.a_number_style(self.rng, self.noise, a_number)

    def fin(self, p: Person, day: dt.date, chance: float) -> str:
        """The FIN, when the person was enrolled by then and the system recorded it."""
        if p.fin and p.fin_since and p.fin_since <= day and self.rng.random() < chance:
            return p.fin
        return ""
