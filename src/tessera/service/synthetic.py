"""Generating a synthetic world: the project's demo and scale-test data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from tessera.synth import SynthSummary, generate


def generate_world(
    out_dir: Path,
    people: int,
    seed: int,
    as_of: dt.date | None = None,
    noise: str = "standard",
    progress: Callable[[int], None] | None = None,
) -> SynthSummary:
    return generate(out_dir, people=people, seed=seed, as_of=as_of, noise=noise, progress=progress)
