"""Resolve person records into people: score pairs, cluster under constraints, name people.

``resolve`` runs it all (the pipeline's identity stage); ``assign_people`` redoes only the
clustering and naming from the pairs already scored, which is what an analyst's new
judgement needs (no retraining, seconds rather than minutes).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from tessera.identity.clustering import cluster_records
from tessera.identity.judgements import Judgement
from tessera.identity.linkage_input import build_linkage_input
from tessera.identity.registry import Naming, name_people
from tessera.identity.scoring import drop_splink_tables, save_model, score_pairs
from tessera.identity.spark import SparkEngine, score_with_spark
from tessera.identity.tables import PAIRS_TABLE, has_table


class NotResolvedError(LookupError):
    """The workspace holds no scored pairs yet: the pipeline has not resolved identities."""


@dataclass(frozen=True)
class People:
    """The people one clustering and naming pass produced."""

    records: int
    people: int
    regrouped_components: int
    naming: Naming


@dataclass(frozen=True)
class Resolution:
    records: int
    people: int
    scored_pairs: int
    assignment: People


def assign_people(con: duckdb.DuckDBPyConnection, judgements: Sequence[Judgement] = ()) -> People:
    """Cluster ``scored_pairs`` honouring ``judgements``; give each person a stable id."""
    if not has_table(con, PAIRS_TABLE):
        raise NotResolvedError("no scored pairs in the workspace: run the pipeline first")
    try:
        clustering = cluster_records(con, judgements)
    finally:
        drop_splink_tables(con)
    naming = name_people(con, dt.datetime.now(dt.UTC))
    return People(clustering.records, naming.people, clustering.regrouped_components, naming)


def resolve(
    con: duckdb.DuckDBPyConnection,
    judgements: Sequence[Judgement] = (),
    model_path: Path | None = None,
    spark: SparkEngine | None = None,
) -> Resolution:
    """Train, score, cluster and name: ``record_entities(feed, record_id, entity_id)`` for
    every person record. The trained model is saved to ``model_path`` when given. Pairs
    are scored in DuckDB, or on Spark when ``spark`` says where (``spark.py``)."""
    records = build_linkage_input(con)
    try:
        if spark is None:
            pairs, trained = score_pairs(con)
        else:
            pairs, trained = score_with_spark(con, spark)
    finally:
        drop_splink_tables(con)
    if model_path is not None:
        save_model(trained, model_path)
    people = assign_people(con, judgements)
    return Resolution(records, people.people, pairs, people)
