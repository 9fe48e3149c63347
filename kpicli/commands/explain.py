"""`kpicli explain`: every step the computation took for one indicator, in plain text.

Built from the same stages as the papers (load, compute, disclose), so what it says is what
the papers did. No rendering happens here.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from kpicli.compute import compute_report
from kpicli.disclose import disclose
from kpicli.load import load_project
from kpicli.models.data import Project
from kpicli.models.definition import BenchmarkRule, ThresholdsRule, ToleranceRule
from kpicli.models.facts import Change, Figure, IndicatorFacts, SeriesFacts
from kpicli.models.policy import NOT_FOR_PUBLICATION
from kpicli.models.views import PublicView, Suppression
from kpicli.periods import month_label


class UnknownIndicator(LookupError):
    """The indicator id is not defined in the project; `suggestion` is the nearest id."""

    def __init__(self, indicator_id: str, suggestion: str | None) -> None:
        hint = f"; did you mean '{suggestion}'?" if suggestion else ""
        super().__init__(f"no indicator '{indicator_id}' in indicator_defs/{hint}")
        self.suggestion = suggestion


def number(value: float | None) -> str:
    return "none" if value is None else f"{value:,.4f}".rstrip("0").rstrip(".")


def describe_figure(figure: Figure) -> str:
    parts = (
        f" ({number(figure.numerator.value)} of {number(figure.denominator.value)})"
        if figure.denominator.known
        else ""
    )
    return f"{figure.period.label} [{figure.period.code}]: {number(figure.value.value)}{parts}"


def describe_change(name: str, change: Change | None) -> str:
    if change is None:
        return f"  {name}: none"
    return (
        f"  {name}: {change.since.label} [{change.since.code}] {number(change.earlier.value)}; "
        f"change {number(change.difference.value)} ({number(change.relative.value)} relative), "
        f"{change.direction.value if change.direction else 'none'}, judged {change.judgement.value}"
    )


def describe_series(series: SeriesFacts, name: str) -> list[str]:
    lines = [f"{name}: {len(series.history)} observations on or before the report period"]
    if series.latest is None:
        return [*lines, "  latest: no data"]
    lines += [f"  used: {', '.join(figure.period.code for figure in series.history)}"]
    lines += [f"  latest: {describe_figure(series.latest)}"]
    lines += [
        describe_change("previous", series.previous),
        describe_change("year earlier", series.year_ago),
    ]
    run = series.run
    lines += [
        f"  run: {run.direction.value} for {run.length} move(s) since {run.since.code}"
        if run
        else "  run: none"
    ]
    return lines


def describe_rule(facts: IndicatorFacts) -> str:
    rule = facts.definition.rag
    if isinstance(rule, ThresholdsRule):
        polarity = facts.definition.polarity.value
        return f"thresholds: green {number(rule.green)}, red {number(rule.red)} ({polarity})"
    if isinstance(rule, ToleranceRule):
        tolerance = f"{number(rule.tolerance)} {rule.tolerance_unit}"
        return f"tolerance: target {number(rule.target)}, tolerance {tolerance}"
    if isinstance(rule, BenchmarkRule):
        return f"benchmark: against {', '.join(rule.comparators)}"
    return "none"


def describe_comparisons(facts: IndicatorFacts) -> list[str]:
    basis = facts.definition.benchmark_basis
    lines = [f"Comparators{f' (local figure as a rate {basis.label})' if basis else ''}:"]
    lines += [
        f"  {c.area}: {number(c.benchmark)} for {c.period.label} [{c.period.code}]; "
        f"local {number(c.local.value)} for {c.our_period.label} [{c.our_period.code}]"
        f"{'' if c.like_for_like else ' (not like for like: no local figure for their period)'}; "
        f"gap {number(c.gap.value)}; shown to {c.decimals} decimal place(s); judged {c.judgement.value}"
        for c in facts.comparisons
    ] or ["  none"]
    return lines


def describe_variation(facts: IndicatorFacts) -> list[str]:
    spc = facts.spc
    if spc is None:
        return [
            "Statistical process control: not applied (year-to-date or rolling figures, fewer "
            "than 15 points in the current process, no data, or a withheld point)"
        ]
    lines = [
        f"Statistical process control (XmR): {spc.points} points from {spc.start.label}; "
        f"limits from the first {spc.baseline_points} (to {spc.baseline_end.label})"
        + (f"; rebased: {spc.rebase_reason}" if spc.rebase_reason else ""),
        f"  mean {number(spc.mean)}, lower limit {number(spc.lower)}, upper limit {number(spc.upper)}",
    ]
    lines += [
        f"  rule fired: {signal.kind.value}: {signal.points} points, {'high' if signal.high else 'low'}"
        for signal in spc.signals
    ] or ["  no rule fired"]
    assurance = f"; assurance: {spc.assurance.value}" if spc.assurance else ""
    shift = spc.shift
    if shift is not None:
        limits = (
            f"its limits {number(shift.lower)} to {number(shift.upper)}"
            if shift.lower is not None and shift.upper is not None
            else "too few points for limits of its own, so no assurance"
        )
        lines.append(
            f"  shift: {shift.points} points from {shift.start.label} ({shift.met} met the target); {limits}"
        )
    return [*lines, f"  variation: {spc.variation.value}{assurance}"]


def describe_projection(facts: IndicatorFacts) -> list[str]:
    projection = facts.projection
    if projection is None:
        return ["Projection: none"]
    before = projection.year_before.label if projection.year_before else "the year before"
    return [
        f"Projection to the end of {projection.year.label}: method {projection.method}; "
        f"basis {projection.basis}",
        *(f"  {line}" for line in projection.workings),
        f"  {projection.last_year.label} against {before}: "
        f"{number(projection.last_year_total.value)} against "
        f"{number(projection.year_before_total.value)}, "
        f"change {number(projection.last_year_change.value)}",
    ]


def describe_persistence(facts: IndicatorFacts) -> list[str]:
    persistence = facts.persistence
    previous = facts.previous_rating.value if facts.previous_rating else "none"
    if persistence is None:
        return [f"Persistence: not red; previous report rated {previous}"]
    papers = [
        f"  {p.reference} ({p.meeting_date.isoformat()}, period {p.period}): {p.title}"
        for p in persistence.earlier_papers
    ]
    return [f"Persistence: red in {persistence.red_reports} consecutive report(s)", *papers]


def describe_disclosure(facts: IndicatorFacts, public: PublicView) -> list[str]:
    exemption = facts.definition.exempt
    if exemption is not None:
        return [
            "Public paper (Part 1):",
            f"  exempt: withheld from Part 1 under paragraph {exemption.paragraph}",
        ]
    decisions = [s for s in public.suppressions if s.indicator == facts.definition.id]
    lines = [describe_suppression(s) for s in decisions] or ["  nothing withheld"]
    return ["Public paper (Part 1):", *lines]


def describe_suppression(decision: Suppression) -> str:
    """One decision: what was withheld, the rule's name, why, and what else it rests on."""
    rule = f"[{decision.name}] {decision.rule}" if decision.name else decision.rule
    detail = f"; {decision.detail}" if decision.detail else ""
    return f"  withheld: {decision.what}: {rule}{detail}"


def withholds_anything(facts: IndicatorFacts, public: PublicView) -> bool:
    return facts.definition.is_exempt or any(s.indicator == facts.definition.id for s in public.suppressions)


def describe_indicator(facts: IndicatorFacts, public: PublicView, report_month: int) -> str:
    """Every step, on the exact figures: headed "not for publication" when Part 1 withholds any
    of them, so a pasted or logged account is not mistaken for a public one."""
    definition = facts.definition
    heading = [NOT_FOR_PUBLICATION] if withholds_anything(facts, public) else []
    lines = [
        *heading,
        f"Indicator {definition.number}: {definition.title} ({definition.id})",
        f"Report period: {month_label(report_month)}; "
        f"status {facts.status.value}{'; stale' if facts.stale else ''}",
        f"Unit {definition.unit.value}, {definition.polarity.value}, "
        f"{definition.frequency.value}, {definition.decimals} decimal(s)",
        *describe_series(
            facts.headline,
            f"Headline{f' ({facts.headline.label})' if facts.headline.label else ''}",
        ),
        *(
            line
            for variant in facts.variants
            for line in describe_series(variant, f"Variant {variant.variant} ({variant.label})")
        ),
        *describe_comparisons(facts),
        f"RAG rule: {describe_rule(facts)}",
        f"  rating: {facts.rag.rating.value}: {facts.rag.reason}",
        *describe_variation(facts),
        *describe_projection(facts),
        *describe_persistence(facts),
        *describe_disclosure(facts, public),
    ]
    return "\n".join(lines) + "\n"


def find_definition_id(project: Project, indicator_id: str) -> str:
    ids = [definition.id for definition in project.definitions]
    if indicator_id in ids:
        return indicator_id
    by_number = [d.id for d in project.definitions if str(d.number) == indicator_id]
    if by_number:
        return by_number[0]
    close = difflib.get_close_matches(indicator_id, ids, n=1)
    raise UnknownIndicator(indicator_id, close[0] if close else None)


def explain(project_root: Path, indicator_id: str, report_month: int) -> str:
    """Plain-text account of every step for one indicator (id or committee number)."""
    project = load_project(project_root)
    wanted = find_definition_id(project, indicator_id)
    report = compute_report(project, report_month)
    public, _ = disclose(report, project)
    facts = next(f for f in report.indicators if f.definition.id == wanted)
    return describe_indicator(facts, public, report_month)
