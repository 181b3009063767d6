"""Runtime settings, read from the environment (``TESSERA_*``) with safe defaults.

Only configuration lives here: no I/O beyond reading environment variables.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_data_dir() -> Path:
    """The per-user data directory (XDG), used when nothing else is set."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "tessera"


class Settings(BaseSettings):
    """Tessera's settings. Every field can be set as ``TESSERA_<FIELD>``."""

    model_config = SettingsConfigDict(env_prefix="TESSERA_", extra="ignore")

    data_dir: Path = Field(default_factory=default_data_dir)
    """Where the analytic workspace (DuckDB) and the default SQLite store live."""

    store_url: str | None = None
    """SQLAlchemy URL of the operational store; SQLite under ``data_dir`` if unset.
    Production: ``postgresql+psycopg://user:password@host:5432/tessera``."""

    duckdb_memory_limit: str = "4GB"
    """DuckDB spills to disk past this instead of failing."""

    duckdb_threads: int | None = None
    """Worker threads for DuckDB; all cores if unset."""

    linkage_engine: Literal["duckdb", "spark"] = "duckdb"
    """Where the identity stage scores candidate pairs: DuckDB on this machine, or Spark
    (``pip install 'tessera[spark]'`` and Java 17+; ``docs/scale-out.md``). Clustering,
    naming and explanations run in the workspace either way."""

    spark_master: str = "local[2]"
    """The Spark master when ``linkage_engine`` is ``spark`` (``local[N]``,
    ``spark://host:7077``, ``yarn``, ``k8s://https://host:443``); empty: the one
    ``spark-submit`` or ``spark-defaults.conf`` gives."""

    spark_work_dir: Path | None = None
    """Where records and scored pairs cross between the workspace and Spark (Parquet) and
    Spark checkpoints: on a cluster, shared storage mounted at the same path here and on
    every executor. Unset: a temporary directory on this machine (``local[N]`` only)."""

    spark_training: bool = False
    """Train the linkage model on Spark too (the same capped procedure). Unset: DuckDB
    trains (capped, so one machine suffices) and Spark scores."""

    priority_policy: str = "DHS-2014"
    """The enforcement priority policy findings are tiered under (``tessera.model.
    priorities.POLICIES``: ICE-2011, DHS-2014, EO-13768)."""

    secret_key: SecretStr | None = None
    """Signs session cookies (at least 32 characters). Unset: a random one is made on
    first use and kept in ``<data_dir>/secret_key`` (mode 0600). Never a default."""

    session_max_age_seconds: int = Field(default=8 * 3600, ge=60)
    """How long a signed-in session lasts (a working shift)."""

    cookie_secure: bool = True
    """Send the session cookie over HTTPS only (most browsers also accept it from
    http://localhost); ``TESSERA_COOKIE_SECURE=0`` only for plain HTTP on another host."""

    rate_limit_per_key: str = "100/second"
    """What one partner system's API key may ask, in ``limits`` notation (a moving window;
    several with ``;``, e.g. ``100/second;3000/minute``). Past it: 429 with Retry-After."""

    rate_limit_per_session: str = "20/second"
    """What one signed-in user's browser may ask: a person clicks, a script floods."""

    rate_limit_storage: str = "memory://"
    """Where the rate limits are counted (a ``limits`` storage URI). ``memory://``: inside
    the server process, exact with one worker; with ``tessera serve --workers N`` each
    worker counts its own share, so a caller may get up to N times its limit. Exact across
    workers: a shared store such as ``redis://host:6379`` (its client installed apart)."""

    max_in_flight_requests: int = Field(default=4, ge=1)
    """Requests served at once; more wait in a short queue, then are shed with 429. More
    at once adds no throughput to one Python process (its GIL), only latency."""

    max_queued_requests: int = Field(default=32, ge=0)
    """Requests that may wait for a slot; past this many a request is shed at once."""

    max_queue_wait_seconds: float = Field(default=0.1, ge=0)
    """How long a request waits for a slot before it is shed: an answer the client can act
    on (retry later) beats a time-out."""

    @property
    def workspace_path(self) -> Path:
        return self.data_dir / "workspace.duckdb"

    @property
    def resolved_store_url(self) -> str:
        if self.store_url:
            return self.store_url
        return f"sqlite:///{self.data_dir / 'tessera.sqlite3'}"

    def with_data_dir(self, data_dir: Path | None) -> Settings:
        """A copy with ``data_dir`` replaced (the CLI's ``--data-dir``)."""
        if data_dir is None:
            return self
        return self.model_copy(update={"data_dir": data_dir})
