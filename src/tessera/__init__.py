"""Tessera: one trustworthy picture of each person from many record systems.

Each source record is a tile; the pipeline (feeds -> identity -> status -> rules ->
publish) assembles the mosaic. See docs/architecture.md.
"""

__version__ = "0.1.0"
