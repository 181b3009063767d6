"""Rich renderings of identity explanations and analysts' judgements."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from tessera.identity.explain import PairExplanation, Tie
from tessera.identity.review import UndecidedPair
from tessera.service.identity import PairExplanationView, PersonExplanationView
from tessera.service.judgements import JudgementOutcome
from tessera.store.operational import RecordedJudgement


def _weight(value: float) -> Text:
    return Text(f"{value:+.2f}", style="green" if value > 0 else "red" if value < 0 else "dim")


def judgements_table(judgements: Sequence[RecordedJudgement], title: str = "Judgements") -> Table:
    table = Table(title=f"{title} ({len(judgements)})", show_lines=True)
    for name in ("id", "kind", "people as named", "records", "by", "made (UTC)", "reason"):
        table.add_column(name, overflow="fold")
    table.add_column("status", overflow="fold")
    for j in judgements:
        people = " / ".join(", ".join(j.person_ids(side)) for side in ("a", "b"))
        status = Text("active", style="bold")
        if not j.active:
            assert j.revoked_at is not None
            status = Text(
                f"revoked by {j.revoked_by} {j.revoked_at:%Y-%m-%d}: {j.revoke_reason}",
                style="dim",
            )
        table.add_row(
            str(j.id),
            j.kind,
            people,
            f"{len(j.side('a'))} / {len(j.side('b'))}",
            j.analyst,
            f"{j.made_at:%Y-%m-%d %H:%M}",
            j.reason,
            status,
        )
    return table


def _ties_table(ties: Sequence[Tie]) -> Table:
    pairs = [t.pair for t in ties if t.pair is not None]
    comparisons = [f.comparison for f in pairs[0].features] if pairs else []
    table = Table(
        title="What ties the records (strongest ties that connect them all)", show_lines=True
    )
    table.add_column("records", no_wrap=True)
    for name in ("prior", *comparisons, "match weight", "probability"):
        table.add_column(name, justify="right")
    for tie in ties:
        records = f"{tie.record_l}\n{tie.record_r}"
        if tie.pair is None:
            judged = [Text("judgement", style="bold"), Text(f"#{tie.judgement_id} merge")]
            table.add_row(records, *[""] * (len(comparisons) + 1), *judged)
            continue
        p = tie.pair
        table.add_row(
            records,
            _weight(p.prior),
            *(_weight(f.total) for f in p.features),
            _weight(p.match_weight),
            f"{p.match_probability:.4f}",
        )
    return table


def person_explanation(view: PersonExplanationView) -> RenderableType:
    e = view.explanation
    parts: list[RenderableType] = []
    for r in view.lookup.via:
        parts.append(Text(f"{r.old_id} was {r.reason} into {r.new_id}", style="yellow"))
    records = Table(title=f"Person {e.person_id}: {len(e.records)} records")
    for name in ("record", "name", "date of birth", "identifiers"):
        records.add_column(name, overflow="fold")
    for line in e.records:
        records.add_row(line.key, line.name, line.dob, line.identifiers)
    parts.append(records)
    if e.ties:
        parts.append(_ties_table(e.ties))
    parts.append(Text("weights are log2 Bayes factors; tessera explain FEED:ID FEED:ID for one"))
    if view.judgements:
        parts.append(judgements_table(view.judgements, "Judgements naming these records"))
    return Group(*parts)


def waterfall(pair: PairExplanation) -> Table:
    table = Table(title=f"{pair.record_l}  ~  {pair.record_r}", show_lines=False)
    for name in ("comparison", "level", "left", "right"):
        table.add_column(name, overflow="fold")
    for name in ("weight", "term freq.", "running total"):
        table.add_column(name, justify="right")
    running = pair.prior
    table.add_row("prior", "two random records match", "", "", _weight(pair.prior), "", "")
    for f in pair.features:
        running += f.total
        tf = _weight(f.tf_adjustment) if f.tf_adjustment else ""
        table.add_row(
            f.comparison, f.level, f.value_l, f.value_r, _weight(f.weight), tf, f"{running:+.2f}"
        )
    table.add_row(
        Text("match weight", style="bold"),
        f"probability {pair.match_probability:.6f}",
        "",
        "",
        _weight(pair.match_weight),
        "",
        "",
        style="bold",
    )
    return table


def pair_explanation(view: PairExplanationView) -> RenderableType:
    p = view.pair
    how = "as the last run scored it" if p.scored_by_run else "scored now with the saved model"
    same = view.person_l is not None and view.person_l == view.person_r
    who = (
        f"both are person {view.person_l}"
        if same
        else f"persons {view.person_l or '?'} and {view.person_r or '?'}"
    )
    parts: list[RenderableType] = [waterfall(p), Text(f"{who}; {how}")]
    if p.never_same:
        parts.append(Text("never the same: the records' hard evidence forbids it", style="red"))
    if view.judgements:
        parts.append(judgements_table(view.judgements, "Judgements naming both records"))
    return Group(*parts)


def outcome(result: JudgementOutcome) -> RenderableType:
    j = result.judgement
    verb = "revoked" if not j.active else "recorded"
    lines = [Text(f"judgement {j.id} ({j.kind}) {verb}", style="bold")]
    counts = Counter(result.people.values())
    now = ", ".join(f"{p} ({n})" for p, n in sorted(counts.items()))
    lines.append(Text(f"its {len(result.people)} records now belong to: {now}"))
    for r in result.redirects:
        lines.append(Text(f"{r.old_id} -> {r.new_id or 'nobody'} ({r.reason})", style="yellow"))
    for person_id in result.revived:
        lines.append(Text(f"{person_id} is back: its records are a person of their own again"))
    if result.overrides:
        ids = ", ".join(str(i) for i in result.overrides)
        lines.append(Text(f"overrides merge judgement(s) {ids} where they conflict", "yellow"))
    lines.append(Text("findings follow on the next `tessera run` or `tessera assess`", "dim"))
    return Group(*lines)


def review_table(pairs: Sequence[UndecidedPair]) -> Table:
    """The undecided pairs: who, through which records, how strongly tied."""
    table = Table(title=f"Undecided: could be one person ({len(pairs)})", show_lines=False)
    for name in ("person", "person", "records tied", "match weight (bits)"):
        table.add_column(name, overflow="fold")
    for pair in pairs:
        table.add_row(
            pair.person_a,
            pair.person_b,
            f"{pair.record_a} ~ {pair.record_b}",
            f"{pair.match_weight:.1f}",
        )
    return table
