"""Rich renderings of findings and of one person's dossier, for analysts in a terminal."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from tessera.rules.query import Finding
from tessera.service.findings import Assessment, PersonView
from tessera.status.query import Answer, Period, StatusOn

SEVERITY_STYLE = {
    "high": "bold red",
    "medium": "yellow",
    "low": "cyan",
    "victim": "bold magenta",
    "info": "dim",
}
STANDING_STYLE = {
    "CITIZEN": "bold green",
    "PROTECTED": "bold green",
    "NONCITIZEN": "yellow",
    "UNKNOWN": "dim",
}


def _confidence(f: Finding) -> Text:
    text = Text(f"{f.confidence:.2f}")
    if f.identity_check:
        text.append(" verify identity", style="bold red")
    return text


def findings_table(findings: Sequence[Finding], title: str = "Findings") -> Table:
    table = Table(title=f"{title} ({len(findings)})", show_lines=True)
    for name in ("person", "code", "severity", "tier", "confidence", "date"):
        table.add_column(name, overflow="fold", no_wrap=name in ("severity", "tier", "date"))
    table.add_column("what, and the records it rests on", overflow="fold", ratio=1)
    for f in findings:
        what = Text(f.detail)
        what.append("\n" + "\n".join(f.evidence), style="dim")
        table.add_row(
            f.entity_id,
            f.code,
            Text(f.severity, style=SEVERITY_STYLE.get(f.severity, "")),
            f.tier or "",
            _confidence(f),
            f.subject_on.isoformat() if f.subject_on else "",
            what,
        )
    return table


def _basis_table(findings: Sequence[Finding]) -> Table:
    table = Table(title="Why: rule, legal basis and priority of each finding")
    for name in ("code", "rule", "legal basis", "priority"):
        table.add_column(name, overflow="fold")
    for f in findings:
        tier = f"{f.tier}: {f.tier_reason}" if f.tier else "none"
        table.add_row(f.code, f"v{f.rule_version}", f.legal_basis, f"{tier} ({f.policy})")
    return table


def _periods_table(periods: Sequence[Period], title: str) -> Table:
    table = Table(title=title)
    for name in ("status", "basis", "from", "to", "record"):
        table.add_column(name, overflow="fold")
    for p in periods:
        table.add_row(
            p.kind,
            p.basis,
            p.valid_from.isoformat() if p.valid_from else "?",
            p.valid_to.isoformat() if p.valid_to else "(no end shown)",
            p.key,
        )
    return table


def _status_on(answer: StatusOn) -> RenderableType:
    title = f"Status on {answer.day.isoformat()}: {answer.answer.value}"
    if answer.answer is Answer.SHOWN:
        return _periods_table(answer.periods, title)
    if answer.answer is Answer.NONE_SHOWN:
        keys = ", ".join(answer.noncitizen_keys)
        return Text(f"{title}. A noncitizen by {keys}; no period of status covers the date.")
    return Text(f"{title}. The records show nothing either way on that date.", style="bold")


def person_dossier(view: PersonView) -> Group:
    s = view.standing
    head = Text.assemble(
        ("Person ", "bold"),
        (s.entity_id, "bold"),
        "   standing: ",
        (s.standing, STANDING_STYLE.get(s.standing, "")),
    )
    shown = [("citizen", s.citizen_keys), ("protected", s.protection_keys)]
    shown.append(("noncitizen", s.noncitizen_keys))
    lines = [f"{label} by: {', '.join(keys)}" for label, keys in shown if keys]
    if view.asked_for:
        lines.insert(0, f"{view.asked_for} now leads here (merged or split by a later run)")
    parts: list[RenderableType] = [
        Panel(Text("\n".join(lines) or "no status evidence"), title=head)
    ]
    if view.status_on:
        parts.append(_status_on(view.status_on))
    if view.findings:
        parts += [findings_table(view.findings), _basis_table(view.findings)]
    if view.periods:
        parts.append(_periods_table(view.periods, "Periods of status"))
    else:
        parts.append(Text("No period of status is shown by the records.", style="bold"))
    timeline = Table(title="Timeline")
    for name in ("date", "event", "what the record says", "record"):
        timeline.add_column(name, overflow="fold")
    for e in view.timeline:
        style = "dim" if e.identity_only else ""
        note = " (identity evidence only)" if e.identity_only else ""
        day = e.on_date.isoformat() if e.on_date else "?"
        timeline.add_row(day, e.kind, e.summary + note, e.key, style=style)
    parts.append(timeline)
    return Group(*parts)


def assessment_summary(result: Assessment) -> Table:
    run = result.rules
    table = Table(title=f"Findings as of {run.as_of} (priority policy {run.policy})")
    table.add_column("code")
    table.add_column("findings", justify="right")
    for code, count in sorted(run.findings.items()):
        table.add_row(code, f"{count:,}")
    withheld = sum(w.count for w in run.withheld)
    standing = ", ".join(f"{k} {v:,}" for k, v in sorted(result.status.standing.items()))
    table.caption = (
        f"{result.status.people:,} people ({standing}); "
        f"{run.proposed:,} proposed, {withheld:,} withheld by the protections"
    )
    return table
