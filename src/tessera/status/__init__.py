"""Status: per person, a dated timeline from every feed and explicit periods of status.

``build_status`` turns the resolved people (``record_entities``) and their source rows
into ``status_*`` tables (set-based SQL, one statement per table and source);
``query`` answers "what was this person's status on date D" from them.
"""

from tessera.status.build import TABLES, StatusBuild, StatusError, build_status, drop_as_of

__all__ = ["TABLES", "StatusBuild", "StatusError", "build_status", "drop_as_of"]
