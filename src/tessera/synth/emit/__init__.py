"""Write a chunk's facts as each legacy system would: rows per feed in date order,
with each system's noise and the planned broken rows."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from tessera.synth import noise as nz
from tessera.synth.emit import police, status, travel, work
from tessera.synth.emit.columns import FEEDS
from tessera.synth.emit.writer import Writer
from tessera.synth.facts import Fact
from tessera.synth.ids import Ids
from tessera.synth.person import Person
from tessera.synth.world import Chunk

EMITTERS: dict[str, Callable[[Writer, Person, Any], None]] = {
    "arrivals": travel.arrival,
    "registrations": travel.registration,
    "students": travel.student,
    "benefits": status.benefit,
    "court": status.court,
    "removals": status.removal,
    "custody": police.booking,
    "criminal_history": police.history,
    "wanted": police.wanted,
    "watchlist": police.listing,
    "employment": work.hire,
}
_RANK = {feed: i for i, feed in enumerate(FEEDS)}


def emit_chunk(
    chunk: Chunk,
    rng: random.Random,
    noise: nz.NoiseProfile,
    ids: Ids,
    orders: dict[str, tuple[int, ...]],
) -> Writer:
    """Every row of the chunk, feed by feed, each feed in date order (as exports are)."""
    w = Writer(rng, noise, ids, orders)
    rows: list[tuple[int, int, int, Person, Fact]] = []
    for p in chunk.people:
        for f in p.facts:
            rows.append((_RANK[f.FEED], f.date.toordinal(), len(rows), p, f))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    for _, _, _, p, f in rows:
        EMITTERS[f.FEED](w, p, f)
    for r in sorted(chunk.reports, key=lambda r: r.reported):
        work.report(w, r)
    for c in sorted(chunk.contacts, key=lambda c: (c.feed, c.when)):
        work.contact(w, c)
    return w
