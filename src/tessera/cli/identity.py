"""``tessera explain`` and ``tessera judge ...``: thin calls into ``tessera.service``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from tessera.cli.console import err, out
from tessera.cli.identity_render import (
    judgements_table,
    outcome,
    pair_explanation,
    person_explanation,
)
from tessera.service.identity import explain_pair, explain_person
from tessera.service.judgements import (
    judge_merge,
    judge_not_same,
    judge_split,
    list_judgements,
    revoke_judgement,
)
from tessera.settings import Settings

T = TypeVar("T")

DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        help="Where the workspace and the default store live (env TESSERA_DATA_DIR).",
        file_okay=False,
    ),
]
By = Annotated[str, typer.Option("--by", help="Who makes the judgement (required).")]
Reason = Annotated[str, typer.Option("--reason", help="Why, for whoever reads it later.")]
Person = Annotated[str, typer.Argument(help="A person id (an old, redirected one works too).")]

judge_app = typer.Typer(
    name="judge",
    help="Analysts' identity judgements: merge, split, not-same, list, revoke.",
    no_args_is_help=True,
)


def _settings(data_dir: Path | None) -> Settings:
    return Settings().with_data_dir(data_dir)


def _answer(call: Callable[[], T]) -> T:
    """Run a service call; a refusal or an unknown id is one line on stderr and exit 2."""
    try:
        return call()
    except (ValueError, LookupError) as exc:
        err.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None


def explain_command(
    targets: Annotated[
        list[str], typer.Argument(help="A person id, or two records as FEED:RECORD_ID.")
    ],
    data_dir: DataDir = None,
) -> None:
    """Why records are one person: the ties between a person's records with the match
    weight of every feature, or the full waterfall of any two records."""
    settings = _settings(data_dir)
    if len(targets) == 1:
        out.print(person_explanation(_answer(lambda: explain_person(settings, targets[0]))))
    elif len(targets) == 2:
        view = _answer(lambda: explain_pair(settings, targets[0], targets[1]))
        out.print(pair_explanation(view))
    else:
        err.print("error: give one person id, or two records (FEED:RECORD_ID)")
        raise typer.Exit(2)


@judge_app.command("merge")
def merge_command(
    person_a: Person, person_b: Person, by: By, reason: Reason, data_dir: DataDir = None
) -> None:
    """PERSON_A and PERSON_B are one person (refused while a judgement keeps them apart)."""
    settings = _settings(data_dir)
    out.print(outcome(_answer(lambda: judge_merge(settings, person_a, person_b, by, reason))))


@judge_app.command("not-same")
def not_same_command(
    person_a: Person, person_b: Person, by: By, reason: Reason, data_dir: DataDir = None
) -> None:
    """PERSON_A and PERSON_B are not the same person, whatever any score says."""
    settings = _settings(data_dir)
    result = _answer(lambda: judge_not_same(settings, person_a, person_b, by, reason))
    out.print(outcome(result))


@judge_app.command("split")
def split_command(
    records: Annotated[
        list[str], typer.Argument(help="Records of one person to split off (FEED:RECORD_ID).")
    ],
    by: By,
    reason: Reason,
    data_dir: DataDir = None,
) -> None:
    """These records are not the person they were grouped with."""
    settings = _settings(data_dir)
    out.print(outcome(_answer(lambda: judge_split(settings, records, by, reason))))


@judge_app.command("list")
def list_command(
    data_dir: DataDir = None,
    active: Annotated[bool, typer.Option("--active", help="Only those not revoked.")] = False,
) -> None:
    """Every judgement, oldest first, with who made it, when and why."""
    found = _answer(lambda: list_judgements(_settings(data_dir), active_only=active))
    out.print(judgements_table(found))


@judge_app.command("revoke")
def revoke_command(
    judgement_id: Annotated[int, typer.Argument(help="The judgement's id (judge list).")],
    by: By,
    reason: Reason,
    data_dir: DataDir = None,
) -> None:
    """Revoke a judgement: it stays on record; people are regrouped without it."""
    settings = _settings(data_dir)
    out.print(outcome(_answer(lambda: revoke_judgement(settings, judgement_id, by, reason))))


def register(app: typer.Typer) -> None:
    app.command("explain")(explain_command)
    app.add_typer(judge_app)
