"""A small generated world, made once for the synth tests."""

from __future__ import annotations

import pytest

from tessera.synth import SynthSummary, generate


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory) -> SynthSummary:
    return generate(tmp_path_factory.mktemp("world") / "drop", people=6000, seed=11, workers=2)
