"""The synthetic world: a complete feed drop (all 14 systems, with their noise and broken
rows) plus its answer key, deterministic by seed. Demo and scale-test data only: no
real person is in it."""

from tessera.synth.drop import DEFAULT_AS_OF, SynthSummary, generate
from tessera.synth.noise import PROFILES, NoiseProfile

__all__ = ["DEFAULT_AS_OF", "PROFILES", "NoiseProfile", "SynthSummary", "generate"]
