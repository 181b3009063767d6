"""Feeds: read each legacy system's export faithfully, normalise it, keep every row.

The face of the stage: :func:`ingest_drop` loads a drop into the workspace;
:func:`quarantined_rows` lists what could not be used and why; :data:`LAYOUTS`
declares every feed's format.
"""

from tessera.feeds.describe import FieldDescription, describe_fields
from tessera.feeds.errors import FeedError, FeedFormatError, ManifestError
from tessera.feeds.ingest import DropLoad, ProgressCallback, ingest_drop
from tessera.feeds.layouts import LAYOUTS
from tessera.feeds.manifest import Manifest, load_manifest
from tessera.feeds.quarantine import QuarantinedRow, latest_drop_id, quarantined_rows
from tessera.feeds.writer import FeedLoad

__all__ = [
    "LAYOUTS",
    "DropLoad",
    "FeedError",
    "FeedFormatError",
    "FeedLoad",
    "FieldDescription",
    "Manifest",
    "ManifestError",
    "ProgressCallback",
    "QuarantinedRow",
    "describe_fields",
    "ingest_drop",
    "latest_drop_id",
    "load_manifest",
    "quarantined_rows",
]
