"""Identity use cases: resolve with analysts' judgements, and explain people and pairs.

The pipeline reads the active judgements from the operational store and hands them to
identity as plain data (identity never reads the store). Explanations come back as
frozen dataclasses, ready for the CLI to render and for the API to serialise.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from tessera.identity import Judgement, NotResolvedError, Resolution, resolve
from tessera.identity.explain import PairExplanation, PersonExplanation
from tessera.identity.explain import explain_pair as pair_waterfall
from tessera.identity.explain import explain_person as person_ties
from tessera.identity.people import Lookup, find_person, people_of
from tessera.identity.person_ids import parse_person_id
from tessera.identity.review import UndecidedPair, undecided_people
from tessera.identity.spark import SparkEngine
from tessera.service.operational import operational_store
from tessera.settings import Settings
from tessera.store.operational import OperationalStore, RecordedJudgement
from tessera.store.workspace import open_workspace

MODEL_FILE = "linkage-model.json"
"""The trained linkage model, in the data directory (Splink's JSON: ``Linker(df, path)``)."""


class UnknownPersonError(LookupError):
    """A person id that leads to no live person."""


def model_path(settings: Settings) -> Path:
    return settings.data_dir / MODEL_FILE


def as_identity(judgement: RecordedJudgement) -> Judgement:
    return Judgement(judgement.id, judgement.kind, judgement.side("a"), judgement.side("b"))


def active_judgements(store: OperationalStore) -> list[Judgement]:
    """Every judgement not revoked, oldest first, as identity reads them."""
    return [as_identity(j) for j in store.judgements(active_only=True)]


def spark_engine(settings: Settings) -> SparkEngine | None:
    """Where Spark scores the pairs (``TESSERA_LINKAGE_ENGINE=spark``); ``None``: DuckDB."""
    if settings.linkage_engine != "spark":
        return None
    return SparkEngine(
        master=settings.spark_master,
        work_dir=settings.spark_work_dir,
        train=settings.spark_training,
    )


def resolve_identities(settings: Settings, con: duckdb.DuckDBPyConnection) -> Resolution:
    """The pipeline's identity stage: score (in DuckDB, or on Spark), cluster honouring
    every active judgement, name people; the trained model is saved beside the workspace."""
    with operational_store(settings) as store:
        judgements = active_judgements(store)
    return resolve(con, judgements, model_path(settings), spark_engine(settings))


WORKSPACE_TURN = threading.RLock()
"""Opens of the workspace in this process take turns: DuckDB refuses a second open of one
file with another configuration (read-only beside read-write) while the first is open,
and the server answers pages on many threads. Re-entrant, so a judgement can hold it
across its own opens and the re-assessment that follows."""


@contextmanager
def workspace(settings: Settings, *, read_only: bool) -> Iterator[duckdb.DuckDBPyConnection]:
    """The workspace, with a plain error if no run has resolved identities in it yet."""
    if not settings.workspace_path.is_file():
        raise NotResolvedError(f"no workspace at {settings.workspace_path}: run `tessera run DROP`")
    with WORKSPACE_TURN:
        con = open_workspace(settings, read_only=read_only)
        try:
            yield con
        finally:
            con.close()


def live_person(con: duckdb.DuckDBPyConnection, person_id: str) -> Lookup:
    """The live person a (possibly old) id leads to, or ``UnknownPersonError``."""
    found = find_person(con, parse_person_id(person_id))
    if found.person_id is None:
        gone = f" ({found.via[-1].reason})" if found.via else ""
        raise UnknownPersonError(f"no person {person_id}{gone}")
    return found


def trained_model(settings: Settings) -> dict[str, Any] | None:
    """The trained linkage model, whose level labels explain the ties (``None``: no run
    has trained one yet)."""
    path = model_path(settings)
    if not path.is_file():
        return None
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def _model(settings: Settings) -> dict[str, Any]:
    trained = trained_model(settings)
    if trained is None:
        raise NotResolvedError(
            f"no trained model at {model_path(settings)}: run `tessera run DROP`"
        )
    return trained


@dataclass(frozen=True)
class PersonExplanationView:
    lookup: Lookup
    """The id asked for and, if it was redirected, how it led to the live person."""
    explanation: PersonExplanation
    judgements: tuple[RecordedJudgement, ...]
    """Every judgement that names any of the person's records, revoked ones included."""


@dataclass(frozen=True)
class PairExplanationView:
    pair: PairExplanation
    person_l: str | None
    person_r: str | None
    judgements: tuple[RecordedJudgement, ...]
    """Judgements that name both records."""


def _concerning(settings: Settings, keys: Sequence[str]) -> list[RecordedJudgement]:
    with operational_store(settings) as store:
        return store.judgements_concerning(keys)


def explain_person(settings: Settings, person_id: str) -> PersonExplanationView:
    """How the records of a person are tied, and the judgements that shaped them."""
    trained = _model(settings)
    with operational_store(settings) as store:
        judgements = active_judgements(store)
    with workspace(settings, read_only=True) as con:
        found = live_person(con, person_id)
        assert found.person_id is not None
        explained = person_ties(con, trained, found.person_id, judgements)
    keys = [r.key for r in explained.records]
    return PersonExplanationView(found, explained, tuple(_concerning(settings, keys)))


def explain_pair(settings: Settings, key_a: str, key_b: str) -> PairExplanationView:
    """The waterfall of two records (``feed:record_id``), whoever they belong to."""
    trained = _model(settings)
    with workspace(settings, read_only=False) as con:
        pair = pair_waterfall(con, trained, key_a.strip(), key_b.strip())
        people = people_of(con, [pair.record_l, pair.record_r])
    both = {pair.record_l, pair.record_r}
    judgements = [
        j for j in _concerning(settings, sorted(both)) if both <= {r.record_key for r in j.records}
    ]
    return PairExplanationView(
        pair, people.get(pair.record_l), people.get(pair.record_r), tuple(judgements)
    )


def review_queue(settings: Settings) -> list[UndecidedPair]:
    """Pairs of people the records cannot decide, strongest tie first, for an analyst."""
    with workspace(settings, read_only=True) as con:
        return undecided_people(con)
