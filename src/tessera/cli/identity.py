"""``tessera explain`` and ``tessera judge ...``: thin calls into ``tessera.service``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

import typer

from tessera.cli.console import out
from tessera.cli.identity_render import (
    judgements_table,
    outcome,
    pair_explanation,
    person_explanation,
    review_table,
)
from tessera.cli.options import DataDir, fail, settings_for
from tessera.service.identity import explain_pair, explain_person, review_queue
from tessera.service.judgements import (
    judge_merge,
    judge_not_same,
    judge_split,
    list_judgements,
    revoke_judgement,
)

T = TypeVar("T")

By = Annotated[str, typer.Option("--by", help="Who makes the judgement (required).")]
Reason = Annotated[str, typer.Option("--reason", help="Why, for whoever reads it later.")]
Person = Annotated[str, typer.Argument(help="A person id (an old, redirected one works too).")]

judge_app = typer.Typer(
    name="judge",
    help="Analysts' identity judgements: merge, split, not-same, list, revoke, and the "
    "queue of people the records cannot decide.",
    no_args_is_help=True,
)


def _answer(call: Callable[[], T]) -> T:
    """Run a service call; a refusal or an unknown id is one line on stderr and exit 2."""
    try:
        return call()
    except (ValueError, LookupError) as exc:
        raise fail(str(exc)) from None


def explain_command(
    targets: Annotated[
        list[str], typer.Argument(help="A person id, or two records as FEED:RECORD_ID.")
    ],
    data_dir: DataDir = None,
) -> None:
    """Why records are one person: the ties between a person's records with the match
    weight of every feature, or the full waterfall of any two records."""
    settings = settings_for(data_dir)
    if len(targets) == 1:
        out.print(person_explanation(_answer(lambda: explain_person(settings, targets[0]))))
    elif len(targets) == 2:
        view = _answer(lambda: explain_pair(settings, targets[0], targets[1]))
        out.print(pair_explanation(view))
    else:
        raise fail("give one person id, or two records (FEED:RECORD_ID)")


@judge_app.command("merge")
def merge_command(
    person_a: Person, person_b: Person, by: By, reason: Reason, data_dir: DataDir = None
) -> None:
    """PERSON_A and PERSON_B are one person (refused while a judgement keeps them apart)."""
    settings = settings_for(data_dir)
    out.print(outcome(_answer(lambda: judge_merge(settings, person_a, person_b, by, reason))))


@judge_app.command("not-same")
def not_same_command(
    person_a: Person, person_b: Person, by: By, reason: Reason, data_dir: DataDir = None
) -> None:
    """PERSON_A and PERSON_B are not the same person, whatever any score says."""
    settings = settings_for(data_dir)
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
    settings = settings_for(data_dir)
    out.print(outcome(_answer(lambda: judge_split(settings, records, by, reason))))


@judge_app.command("list")
def list_command(
    data_dir: DataDir = None,
    active: Annotated[bool, typer.Option("--active", help="Only those not revoked.")] = False,
) -> None:
    """Every judgement, oldest first, with who made it, when and why."""
    found = _answer(lambda: list_judgements(settings_for(data_dir), active_only=active))
    out.print(judgements_table(found))


@judge_app.command("queue")
def queue_command(data_dir: DataDir = None) -> None:
    """People the records cannot tell apart or together: each pair is a record tied, on
    names and dates alone, to two people who refuse each other. Judge them with merge or
    not-same."""
    out.print(review_table(_answer(lambda: review_queue(settings_for(data_dir)))))


@judge_app.command("revoke")
def revoke_command(
    judgement_id: Annotated[int, typer.Argument(help="The judgement's id (judge list).")],
    by: By,
    reason: Reason,
    data_dir: DataDir = None,
) -> None:
    """Revoke a judgement: it stays on record; people are regrouped without it."""
    settings = settings_for(data_dir)
    out.print(outcome(_answer(lambda: revoke_judgement(settings, judgement_id, by, reason))))


def register(app: typer.Typer) -> None:
    app.command("explain")(explain_command)
    app.add_typer(judge_app)
