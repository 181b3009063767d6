"""Scale-out: score (and, where a deployment must, train) the linkage model on Spark.

DuckDB on one machine is the default engine. Past what one machine scores in time, Spark
scores ``linkage_input``'s candidate pairs with the same trained model (Splink's Spark
backend) and hands them back to the workspace as ``scored_pairs``, with exactly the
columns and meaning ``scoring.write_pairs`` gives them: clustering, judgements, naming
and explanations never know which engine scored. The never-the-same rule is read in
DuckDB once the pairs are back (it needs only ``linkage_input``).

Data crosses as Parquet files in a working directory (shared storage on a cluster:
every executor reads the records from it and writes the pairs to it), never through
Python rows. PySpark is imported here only, and only when Spark is asked for: the
default install and the server never need Java (ADR 0016, ``docs/scale-out.md``).

A trained model is Splink's JSON in DuckDB's dialect (what explanations read). Its SQL
is not carried across: ``model.py``'s declaration is rendered for Spark and given the
trained model's parameters (``with_parameters``), so a model trained on either engine
scores on either.
"""

from __future__ import annotations

import copy
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from tessera.identity import blocking, model, scoring
from tessera.identity.linkage_input import INPUT_TABLE

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

LOCAL_SHUFFLE_PARTITIONS = 8
"""Shuffle partitions on a ``local[N]`` master when none are set: Spark's 200 would
make hundreds of tiny tasks of a small drop."""

_PREDICTIONS_VIEW = "_spark_predictions"
_KEYS_VIEW = "_blocking_keys"
_PARAMETERS = ("m_probability", "u_probability")


class SparkUnavailableError(RuntimeError):
    """Spark was asked for but cannot run here (no PySpark, no Java, no Splink jar)."""


class ModelMismatchError(ValueError):
    """A trained model that ``model.py`` no longer declares (retrain it)."""


@dataclass(frozen=True)
class SparkEngine:
    """Where and how Spark runs the linkage."""

    master: str = "local[2]"
    """Spark master URL (``local[N]``, ``spark://host:7077``, ``yarn``, ``k8s://...``);
    empty: whatever ``spark-submit`` or ``spark-defaults.conf`` says."""
    work_dir: Path | None = None
    """Where the Parquet hand-over and Spark's checkpoints go. On a cluster: shared
    storage mounted at the same path on this machine and every executor. Unset: a
    temporary directory here (enough for ``local[N]``)."""
    shuffle_partitions: int | None = None
    """``spark.sql.shuffle.partitions``; unset: ``LOCAL_SHUFFLE_PARTITIONS`` on a local
    master, the cluster's own setting otherwise."""
    train: bool = False
    """Train on Spark too (the same capped procedure); by default DuckDB trains (capped,
    so one machine suffices) and Spark only scores."""

    @property
    def local(self) -> bool:
        return self.master.startswith("local")


def java_executable() -> str | None:
    """The ``java`` Spark will start: ``$JAVA_HOME/bin/java``, else the one on PATH."""
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").is_file():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


def require_spark() -> None:
    """Raise ``SparkUnavailableError`` with what to install if Spark cannot start here."""
    try:
        import pyspark  # noqa: F401
    except ImportError as exc:
        raise SparkUnavailableError(
            "the Spark linkage engine needs PySpark: pip install 'tessera[spark]'"
        ) from exc
    if java_executable() is None:
        raise SparkUnavailableError(
            "the Spark linkage engine needs Java 17 or later (PySpark starts a JVM): "
            "none found in $JAVA_HOME or on PATH (Debian: apt-get install "
            "openjdk-17-jre-headless)"
        )


def _uri(path: Path) -> str:
    return path.resolve().as_uri()


def _quoted(path: Path) -> str:
    return "'" + str(path.resolve()).replace("'", "''") + "'"


def spark_session(engine: SparkEngine, checkpoint_dir: Path) -> SparkSession:
    """A Spark session with Splink's similarity functions (its jar for this Spark's major
    version, as ``spark.jars``) and checkpoints under ``checkpoint_dir``. An active session
    is reused: it must then have been started with the jar (``--jars``)."""
    require_spark()
    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    builder = SparkSession.builder.appName("tessera-linkage").config(
        "spark.jars", similarity_jar_location()
    )
    # size(NULL) is NULL, as DuckDB's array_length: never -1 (Spark's legacy answer
    # without ANSI mode), which could make a missing key list pass a size test.
    builder = builder.config("spark.sql.legacy.sizeOfNull", "false")
    if engine.master:
        builder = builder.master(engine.master)
    partitions = engine.shuffle_partitions or (LOCAL_SHUFFLE_PARTITIONS if engine.local else None)
    if partitions:
        builder = builder.config("spark.sql.shuffle.partitions", str(partitions))
        builder = builder.config("spark.default.parallelism", str(partitions))
    builder = builder.config("spark.ui.showConsoleProgress", "false")
    if engine.local:
        # No web UI (port clashes between test workers); bind to loopback whatever the
        # host name resolves to.
        builder = builder.config("spark.ui.enabled", "false")
        builder = builder.config("spark.driver.host", "127.0.0.1")
        builder = builder.config("spark.driver.bindAddress", "127.0.0.1")
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    checkpoint_dir.mkdir(parents=True, exist_ok=True)
    spark.sparkContext.setCheckpointDir(_uri(checkpoint_dir))
    return spark


def _spark_api(spark: SparkSession) -> Any:
    from splink import SparkAPI

    # Splink's SparkAPI carries no annotations.
    api = SparkAPI(spark_session=spark, break_lineage_method="parquet")  # type: ignore[no-untyped-call]
    if not spark.catalog.functionExists("damerau_levenshtein"):
        from splink.backends.spark import similarity_jar_location

        raise SparkUnavailableError(
            "Splink's similarity functions are not registered on this Spark session: "
            f"start it with --jars {similarity_jar_location()}"
        )
    return api


def declared(dialect: str) -> dict[str, Any]:
    """``model.py``'s settings rendered for one of Splink's dialects, untrained."""
    settings = model.settings().get_settings(dialect)
    # Splink's Settings.as_dict carries no annotations.
    rendered: dict[str, Any] = settings.as_dict()  # type: ignore[no-untyped-call]
    return rendered


def _shape(levels: list[dict[str, Any]]) -> list[tuple[str, bool]]:
    return [(str(lv.get("label_for_charts")), bool(lv.get("is_null_level"))) for lv in levels]


def with_parameters(target: dict[str, Any], trained: dict[str, Any]) -> dict[str, Any]:
    """``target`` (a model's settings in one dialect) with ``trained``'s parameters (a model
    trained in any dialect): the prior and every level's m and u probabilities. Both must
    declare the same comparisons and levels, in order, under the same labels."""
    out = copy.deepcopy(target)
    out["probability_two_random_records_match"] = trained["probability_two_random_records_match"]
    got, want = trained["comparisons"], out["comparisons"]
    if [c["output_column_name"] for c in got] != [c["output_column_name"] for c in want]:
        raise ModelMismatchError("the trained model compares other columns: retrain it")
    for mine, theirs in zip(want, got, strict=True):
        name = mine["output_column_name"]
        levels, trained_levels = mine["comparison_levels"], theirs["comparison_levels"]
        if _shape(levels) != _shape(trained_levels):
            raise ModelMismatchError(f"the trained model's {name} levels differ: retrain it")
        for level, trained_level in zip(levels, trained_levels, strict=True):
            for key in _PARAMETERS:
                if key in trained_level:
                    level[key] = trained_level[key]
                else:
                    level.pop(key, None)
    return out


@contextmanager
def _working_directory(parent: Path | None) -> Iterator[Path]:
    if parent is not None:
        parent.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix="tessera-linkage-", dir=parent))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def export_input(con: duckdb.DuckDBPyConnection, directory: Path) -> Path:
    """``linkage_input`` as a Parquet file in ``directory`` (where Spark reads it)."""
    path = directory / f"{INPUT_TABLE}.parquet"
    cur = con.cursor()
    try:
        cur.execute(f"COPY {INPUT_TABLE} TO {_quoted(path)} (FORMAT parquet)")
    finally:
        cur.close()
    return path


def _records(spark: SparkSession, source: Path) -> Any:
    api = _spark_api(spark)
    spark.read.parquet(_uri(source)).createOrReplaceTempView(INPUT_TABLE)
    return api.register(INPUT_TABLE)


def train_on_spark(spark: SparkSession, source: Path) -> dict[str, Any]:
    """Train on Spark with ``scoring``'s capped procedure; return the model in DuckDB's
    dialect (as saved and explained)."""
    from splink import Linker

    linker = Linker(_records(spark, source), model.settings(), log_level=logging.ERROR)
    return with_parameters(declared("duckdb"), scoring.trained_model(linker))


def _blocked_pairs(spark: SparkSession) -> Any:
    """Tessera's candidate pairs (``blocking.py``), built on Spark from its records."""
    keys = spark.sql(blocking.keys_sql(INPUT_TABLE, "spark", record="unique_id"))
    keys.createOrReplaceTempView(_KEYS_VIEW)
    spark.sql(blocking.spark_pairs_sql(_KEYS_VIEW)).createOrReplaceTempView(blocking.BLOCKED_TABLE)
    return _spark_api(spark).register(blocking.BLOCKED_TABLE)


def predict_on_spark(
    con: duckdb.DuckDBPyConnection,
    spark: SparkSession,
    source: Path,
    trained: dict[str, Any],
    directory: Path,
) -> int:
    """Score the pairs of ``source`` (``linkage_input`` as Parquet) on Spark with a trained
    model; write ``scored_pairs`` in the workspace; return its size."""
    from splink import Linker

    settings = with_parameters(declared("spark"), trained)
    linker = Linker(_records(spark, source), settings, log_level=logging.ERROR)
    linker.table_management.register_blocked_pairs_for_predict(_blocked_pairs(spark))
    scored = linker.inference.predict(threshold_match_probability=model.MATCH_THRESHOLD)
    frame = scored.as_spark_dataframe()
    kept = [
        c
        for c in frame.columns
        if c in scoring.PAIR_COLUMNS or c.startswith(scoring.WEIGHT_PREFIXES)
    ]
    pairs = directory / "scored_pairs"
    frame.select(*kept).write.mode("overwrite").parquet(_uri(pairs))
    cur = con.cursor()
    try:
        cur.execute(
            f"CREATE OR REPLACE TEMP VIEW {_PREDICTIONS_VIEW} AS "
            f"SELECT * FROM read_parquet({_quoted(pairs / '*.parquet')})"
        )
        return scoring.write_pairs(cur, _PREDICTIONS_VIEW)
    finally:
        cur.execute(f"DROP VIEW IF EXISTS {_PREDICTIONS_VIEW}")
        cur.close()


def score_with_spark(
    con: duckdb.DuckDBPyConnection,
    engine: SparkEngine,
    trained: dict[str, Any] | None = None,
) -> tuple[int, dict[str, Any]]:
    """The Spark counterpart of ``scoring.score_pairs``: write ``scored_pairs`` scored on
    Spark; return its size and the model (``trained`` if given; else trained in DuckDB,
    or on Spark when ``engine.train``). The session is stopped afterwards."""
    require_spark()
    if trained is None and not engine.train:
        trained = scoring.train(con)
    with _working_directory(engine.work_dir) as directory:
        source = export_input(con, directory)
        spark = spark_session(engine, directory / "checkpoints")
        try:
            if trained is None:
                trained = train_on_spark(spark, source)
            pairs = predict_on_spark(con, spark, source, trained, directory)
        finally:
            spark.stop()
    return pairs, trained
