"""Named points where a test can freeze a run in order to kill it (fault injection).

With ``TESSERA_PAUSE_AT=<point>`` and ``TESSERA_PAUSE_MARKER=<file>`` set, a process
that reaches the point writes the marker file and sleeps, so a test can send SIGKILL
exactly there and prove that the next run repairs everything. Unset (as always in
production) a checkpoint costs one environment lookup per feed.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

PAUSE_AT = "TESSERA_PAUSE_AT"
PAUSE_MARKER = "TESSERA_PAUSE_MARKER"


def checkpoint(point: str) -> None:
    if os.environ.get(PAUSE_AT) != point:
        return
    marker = os.environ.get(PAUSE_MARKER)
    if marker:
        Path(marker).write_text(point, encoding="utf-8")
    while True:  # pragma: no cover - ended by the test's SIGKILL
        time.sleep(1)
