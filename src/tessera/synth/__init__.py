"""The synthetic world: a complete feed drop (all 14 systems, with their noise and broken
rows) plus its answer key, deterministic by seed. Demo, test and scale data only: no
real person is in it.

``generate`` is the public face (``tessera generate``); ``NoiseProfile`` and
``PROFILES`` say how dirty each noise level makes the records.
"""

from tessera.synth.drop import DEFAULT_AS_OF, SynthSummary, generate
from tessera.synth.noise import PROFILES, NoiseProfile

__all__ = ["DEFAULT_AS_OF", "PROFILES", "NoiseProfile", "SynthSummary", "generate"]
