"""The checks a build makes on its paper, besides load's on the inputs: a paper with no current
figure is refused, and each warning (stale figures, comparators with no figure, narrative for
no indicator, percentages without their counts) goes either to the public files or, when it
would tell a reader something Part 1 withholds, to the console alone, headed not for
publication.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from kpicli.errors import InputError, Problem, Severity, WarningsAsErrors
from kpicli.periods import month_label, month_text, parse_month

if TYPE_CHECKING:
    from kpicli.models.commentary import NarratedExempt, NarratedPublic
    from kpicli.models.data import BenchmarkValue, Project
    from kpicli.models.facts import ComputedReport, IndicatorFacts


def check_has_figures(report: ComputedReport, project: Project, period: str) -> None:
    """A paper in which no indicator has a current figure is a mistake (a period before the
    extracts begin or long after they end), not a paper of "not rated" to publish."""
    if any(facts.headline.latest is not None and not facts.stale for facts in report.indicators):
        return
    ends = [o.period.end for series in project.data.observations.values() for o in series]
    span = (
        f"the extracts hold figures from {month_label(min(ends))} to {month_label(max(ends))}"
        if ends
        else "the extracts hold no figures"
    )
    raise InputError(
        [
            Problem(
                "--period",
                None,
                "",
                f"{period}: no indicator has a current figure as at {month_label(parse_month(period))}",
                f"{span}; choose a period in that range",
            )
        ]
    )


def stale_warnings(indicators: Sequence[IndicatorFacts], project: Project) -> list[Problem]:
    """One warning per latest period: 12 indicators a month out of date are one thing to fix."""
    by_latest: dict[str, list[str]] = {}
    for facts in indicators:
        if facts.stale:
            latest = facts.headline.latest
            by_latest.setdefault(latest.period.label if latest else "", []).append(facts.definition.id)
    hint = (
        "check the extract is up to date; if the figures come out later than that, give the "
        "definition publication_lag_months (months from a period's end to its publication)"
    )
    problems = []
    for label, ids in sorted(by_latest.items()):
        message = f"latest figure is for {label}" if label else "has no figure on or before the report period"
        if len(ids) == 1:
            problems.append(
                Problem(
                    *project.definition_source(ids[0], "publication_lag_months"),
                    "period",
                    message,
                    hint,
                    Severity.WARNING,
                )
            )
        else:
            grouped = (
                f"{len(ids)} indicators' latest figure is for {label}"
                if label
                else f"{len(ids)} indicators have no figure on or before the report period"
            )
            problems.append(
                Problem("indicator_defs", None, "period", f"{grouped}: {listed(ids)}", hint, Severity.WARNING)
            )
    return problems


def listed(ids: list[str], shown: int = 5) -> str:
    """'a, b, c and 41 more': enough to find them, short enough to read."""
    if len(ids) <= shown:
        return ", ".join(ids)
    return f"{', '.join(ids[:shown])} and {len(ids) - shown} more"


def missing_benchmark_warnings(
    indicators: Sequence[IndicatorFacts], project: Project, report_month: int
) -> list[Problem]:
    """A comparator the definition names with no published figure to compare with, and why:
    none in benchmarks.csv, none for a period up to the report's, or none published by the
    meeting."""

    problems = []
    for facts in indicators:
        wanted = set(facts.definition.comparator_areas)
        # With no local figure there is nothing to compare; the stale or no-rows warning says so.
        if facts.headline.latest is None:
            continue
        # A comparator the source never published is a note in the paper, not a warning.
        explained = {item.area for item in facts.unpublished}
        for area in sorted(wanted - {comparison.area for comparison in facts.comparisons} - explained):
            rows = [b for b in project.data.benchmarks.get(facts.definition.id, ()) if b.area == area]
            message, hint = why_no_benchmark(area, rows, project, report_month)
            problems.append(
                Problem(
                    *project.definition_source(facts.definition.id, "comparators"),
                    "comparators",
                    message,
                    hint,
                    Severity.WARNING,
                )
            )
    return problems


def why_no_benchmark(
    area: str, rows: Sequence[BenchmarkValue], project: Project, report_month: int
) -> tuple[str, str]:
    """The message and hint for a comparator with no figure the paper may use."""
    from kpicli.formatting import format_date

    in_time = [b for b in rows if b.period.end <= report_month]
    if not rows:
        return (
            f"has no benchmark figure for {area}",
            "add the comparator's published figure to benchmarks.csv",
        )
    if not in_time:
        earliest = min(rows, key=lambda b: b.period.end).period
        return (
            f"has no figure for {area} for a period up to {month_label(report_month)}: "
            f"the earliest in benchmarks.csv is for {earliest.label}",
            "check the period column of benchmarks.csv",
        )
    meeting = project.config.meeting_for(month_text(report_month))
    dates = sorted(b.published for b in in_time if b.published is not None)
    if meeting is None or not dates:
        return (
            f"has no benchmark figure for {area}",
            "add the comparator's published figure to benchmarks.csv",
        )
    return (
        f"has no figure for {area} published by the meeting on {format_date(meeting.date)}: every "
        f"{area} figure in benchmarks.csv for a period up to the report's is dated "
        f"{dates[0].isoformat()} or later",
        "give each year the date it was published, or leave 'published' empty for a year "
        "published before the meeting (kpicli import dfe --published dates only the file's "
        "latest year)",
    )


def uncountable_warnings(public: NarratedPublic, project: Project) -> list[Problem]:
    """A percentage or rate given without its counts, which Part 1 therefore withholds."""
    from kpicli.models.policy import WithholdRule

    named = sorted({s.indicator for s in public.view.suppressions if s.name == WithholdRule.NO_COUNTS})
    return [
        Problem(
            *project.definition_source(indicator, "unit"),
            "unit",
            f"'{indicator}' is given without numerator and denominator, so Part 1 withholds it: "
            "its counts cannot be checked for small numbers",
            uncountable_hint(project, indicator),
            Severity.WARNING,
        )
        for indicator in named
    ]


def uncountable_hint(project: Project, indicator: str) -> str:
    """How to let Part 1 show the figures, with the definition's YAML when benchmarks.csv shows
    DfE published the council's own figures (as `kpicli import dfe --authority` writes them)."""
    from kpicli.models.definition import published_elsewhere_yaml

    hint = "add numerator and denominator to the extract, or name where the figures are already published"
    periods = dfe_published_periods(project, indicator)
    snippet = published_elsewhere_yaml(
        project.definition(indicator).disclosure, "Department for Education", periods, flow=True
    )
    if not snippet:
        return f"{hint} (disclosure: published_elsewhere)"
    return f"{hint}: DfE publishes the council's own figures for {listed(periods)}, so put in the definition {snippet}"


def dfe_published_periods(project: Project, indicator: str) -> list[str]:
    """The periods of the council's own figures given without counts that benchmarks.csv has,
    the same, as the council's published figure."""
    from kpicli.models.data import HEADLINE

    own = project.areas.area if project.areas else None
    if own is None:
        return []
    published = {
        (row.period, round(row.value, 6))
        for row in project.data.authorities.get(indicator, ())
        if row.code in (own.code, own.gss_code) or row.name == own.name
    }
    return sorted(
        figure.period.code
        for figure in project.data.observations.get(indicator, ())
        if figure.variant == HEADLINE
        and figure.numerator is None
        and figure.denominator is None
        and (figure.period, round(figure.value, 6)) in published
    )


def split_warnings(
    project: Project,
    public: NarratedPublic,
    exempt: NarratedExempt,
) -> tuple[list[Problem], list[Problem]]:
    """The warnings a public file may carry (made from the public view and the inputs' shape), and
    those not for publication: about exempt indicators, or about a rating, gap or figure that
    Part 1 withholds. "Action being taken is missing" for an indicator whose rating is withheld
    would tell a reader that it is amber or red."""
    exempt_only = [f for f in exempt.view.indicators if f.definition.is_exempt]
    public_warnings = [*project.warnings, *public.warnings]
    public_warnings += stale_warnings(public.view.indicators, project)
    public_warnings += missing_benchmark_warnings(
        public.view.indicators, project, public.view.context.report_month
    )
    public_warnings += uncountable_warnings(public, project)
    published = set(public_warnings)
    private = [w for w in exempt.warnings if w not in published]
    private += stale_warnings(exempt_only, project)
    private += missing_benchmark_warnings(exempt_only, project, exempt.view.context.report_month)
    return sorted(set(public_warnings)), sorted(set(private))


@dataclass(frozen=True, slots=True)
class NarratedPeriod:
    """A period's two views narrated, with every warning a build gives: `validate --period`
    runs exactly this, so its --strict checks what `build --strict` checks."""

    public: NarratedPublic
    exempt: NarratedExempt
    warnings: list[Problem]
    exempt_warnings: list[Problem]


def fail_on_warnings(papers: Iterable[tuple[Iterable[Problem], Iterable[Problem]]]) -> None:
    """--strict: any warning of any paper (its public warnings and those not for publication)
    is an error, and nothing is built."""
    public: set[Problem] = set()
    private: set[Problem] = set()
    for paper_public, paper_private in papers:
        public |= {replace(w, severity=Severity.ERROR) for w in paper_public}
        private |= {replace(w, severity=Severity.ERROR) for w in paper_private}
    if public or private:
        raise WarningsAsErrors(public, private - public)
