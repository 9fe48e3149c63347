"""Stage 3, disclose: the policy turns computed facts into a public view and an exempt view.

The public view is built in two steps, so that what it says can rest only on what it shows:
1. the figures: each series' figures are decided in one forward pass (`figures`), and each
   breakdown table is protected (`tables`);
2. everything derived from them (changes, runs, comparisons, the rating, earlier reports'
   ratings, control limits, the projection, reports in a row rated red) is worked out again by
   the compute stage's own functions from the published figures alone, never copied from the
   exact facts. A fact that would rest on a withheld figure is left out, or computed by a method
   whose inputs are all published.

The exempt view keeps everything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from kpicli.compute import derive_facts, report_months
from kpicli.compute.series import movement
from kpicli.disclose.breakdowns import protect_breakdowns
from kpicli.disclose.decisions import Decisions
from kpicli.disclose.notes import protect_notes
from kpicli.disclose.series import SeriesWithholder, protect_series
from kpicli.models.data import Observation, Project
from kpicli.models.facts import (
    BELOW_EXPECTATION,
    Cell,
    Comparison,
    ComputedReport,
    Figure,
    IndicatorFacts,
    Judgement,
    RagResult,
    Rating,
    SeriesFacts,
    Standing,
)
from kpicli.models.policy import WithholdRule, effective_policy
from kpicli.models.views import SEAL, ExemptNotice, ExemptView, PaperContext, PublicView, Suppression

NOT_PUBLISHED = RagResult(Rating.WITHHELD, "not rated in public: the figure is withheld")
HIDDEN_LOCAL = Cell.hidden(WithholdRule.DERIVED.value)


def paper_context(project: Project, report_month: int) -> PaperContext:
    from kpicli.periods import month_text

    config = project.config
    meeting = config.meeting_for(month_text(report_month))
    return PaperContext(
        authority=config.authority,
        committee=config.committee,
        title=config.title,
        department=config.department,
        contact=config.contact,
        report_month=report_month,
        meeting=meeting,
        previous_meeting=config.meeting_before(meeting),
        sections=tuple(config.sections),
        policy=config.disclosure,
        actions=project.actions,
        papers=project.papers,
        areas=project.areas,
    )


@dataclass(frozen=True, slots=True)
class ReportInputs:
    """What every indicator's public facts are derived from, besides its own figures: all of
    it public (benchmarks and every authority's figures, meetings and the register of papers)."""

    project: Project
    report_month: int
    months: list[int]


def published_observations(indicator: str, variant: str, history: Sequence[Figure]) -> list[Observation]:
    """The figures a reader has, as the compute stage reads figures."""
    return [
        Observation(
            indicator,
            figure.period,
            figure.value.value,
            figure.numerator.value,
            figure.denominator.value,
            variant,
        )
        for figure in history
        if figure.value.value is not None
    ]


def withheld_comparison(comparison: Comparison) -> Comparison:
    """The comparator's own (published) figures, with nothing about the withheld local one: made
    afresh from the comparator's fields, so a fact about ours added to comparisons later is not
    carried over."""
    return Comparison(
        area=comparison.area,
        period=comparison.period,
        benchmark=comparison.benchmark,
        local=HIDDEN_LOCAL,
        gap=HIDDEN_LOCAL,
        judgement=Judgement.NOT_JUDGED,
        decimals=comparison.decimals,
        latest_period=comparison.latest_period,
        count=comparison.count,
        of=comparison.of,
    )


def withheld_standing(standing: Standing | None) -> Standing | None:
    """How many authorities had a figure (public), with nothing about where ours ranks."""
    if standing is None:
        return None
    return Standing(
        period=standing.period,
        local=HIDDEN_LOCAL,
        region=standing.region,
        region_rank=HIDDEN_LOCAL,
        region_count=standing.region_count,
        england_rank=HIDDEN_LOCAL,
        england_count=standing.england_count,
        quartile=HIDDEN_LOCAL,
        decimals=standing.decimals,
        added=standing.added,
    )


def public_facts(
    facts: IndicatorFacts, inputs: ReportInputs, context: PaperContext
) -> tuple[IndicatorFacts, list[Suppression]]:
    definition = facts.definition
    policy = effective_policy(context.policy, definition)
    decisions = Decisions(definition.id, policy)
    withholder = SeriesWithholder(definition, policy, decisions)
    originals = [facts.headline, *facts.variants]
    labels = ["figure for", *(variant.label for variant in facts.variants)]
    histories = protect_series(
        withholder, [(s.history, label) for s, label in zip(originals, labels, strict=True)]
    )
    series = [
        original if unchanged(original.history, history) else public_series_of(original, history, facts)
        for original, history in zip(originals, histories, strict=True)
    ]
    headline = series[0]
    public = replace(facts, headline=headline, variants=tuple(series[1:]))
    if not unchanged(facts.headline.history, histories[0]):
        public = rederive(public, histories[0], inputs)
    public = replace(
        public,
        # Part 1 prints a breakdown only in the section of an indicator rated red or amber; one it
        # does not print is left out of the view, so that no count or legend made from the view
        # says that it had a small cell.
        breakdowns=protect_breakdowns(facts, headline, inputs.project, policy, decisions)
        if public.rag.rating in BELOW_EXPECTATION
        else (),
        notes=protect_notes(
            facts.notes,
            [(s.label, s.history) for s in originals],
            histories,
            decisions,
        ),
    )
    record_derived(facts, public, decisions)
    return public, decisions.taken


def unchanged(before: Sequence[Figure], after: Sequence[Figure]) -> bool:
    """protect_series gives a series back as the very object it was given when it shows it as
    it is: then every fact derived from it stands as computed."""
    return after is before


def public_series_of(original: SeriesFacts, history: Sequence[Figure], facts: IndicatorFacts) -> SeriesFacts:
    if not history:
        return original
    latest = history[-1]
    if latest.value.withheld:
        return replace(
            original, latest=latest, history=tuple(history), previous=None, year_ago=None, run=None
        )
    known = published_observations(facts.definition.id, original.variant, history)
    previous, year_ago, run = movement(known, facts.definition)
    return replace(
        original, latest=latest, history=tuple(history), previous=previous, year_ago=year_ago, run=run
    )


def rederive(public: IndicatorFacts, history: Sequence[Figure], inputs: ReportInputs) -> IndicatorFacts:
    """The headline's derived facts from its published figures, by compute's own function."""
    definition = public.definition
    latest = history[-1] if history else None
    if latest is None:
        return public
    if latest.value.withheld:
        return replace(
            public,
            comparisons=tuple(withheld_comparison(c) for c in public.comparisons),
            rag=NOT_PUBLISHED,
            previous_rating=None,
            spc=None,
            projection=None,
            persistence=None,
            comparable=HIDDEN_LOCAL if public.comparable.known else public.comparable,
            standing=withheld_standing(public.standing),
        )
    known = published_observations(definition.id, "", history)
    hidden = sorted(figure.period.end for figure in history if figure.value.withheld)
    derived = derive_facts(definition, inputs.project, known, inputs.report_month, inputs.months, hidden)
    return replace(
        public,
        comparisons=derived.comparisons,
        rag=derived.rag,
        previous_rating=derived.previous_rating,
        spc=derived.spc,
        projection=derived.projection,
        persistence=derived.persistence,
        comparable=derived.comparable,
        standing=derived.standing,
        unpublished=derived.unpublished,
    )


def record_derived(original: IndicatorFacts, public: IndicatorFacts, decisions: Decisions) -> None:
    """Note each derived fact that Part 1 leaves out or states differently from the exact
    figures (a withheld or rounded figure), so `explain` can say so."""
    rounding = decisions.policy.round_to is not None
    cause = WithholdRule.ROUNDING if rounding and not decisions.taken else WithholdRule.DERIVED
    pairs = [(original.headline, public.headline), *zip(original.variants, public.variants, strict=True)]
    for before, after in pairs:
        label = f"{before.label}: " if before.label else ""
        for name, was, now in (
            ("change from the previous figure", before.previous, after.previous),
            ("change from a year earlier", before.year_ago, after.year_ago),
            ("run of consecutive moves", before.run, after.run),
        ):
            if was is not None and was != now:
                decisions.note(f"{label}{name}".strip(), cause)
    facts: tuple[tuple[str, object, object], ...] = (
        ("rating", original.rag, public.rag),
        ("comparisons with other areas", original.comparisons or None, public.comparisons),
        ("previous report's rating", original.previous_rating, public.previous_rating),
        ("control limits (SPC)", original.spc, public.spc),
        ("year-end projection", original.projection, public.projection),
        ("reports in a row rated red", original.persistence, public.persistence),
        ("rank and quartile among other authorities", original.standing, public.standing),
    )
    for name, fact_was, fact_now in facts:
        if fact_was is not None and fact_was != fact_now:
            decisions.note(name, cause)


def exempt_notice(facts: IndicatorFacts) -> ExemptNotice:
    exemption = facts.definition.exempt
    assert exemption is not None
    return ExemptNotice(
        facts.definition.number, facts.definition.title, facts.definition.section, exemption.paragraph
    )


def disclose(report: ComputedReport, project: Project) -> tuple[PublicView, ExemptView]:
    context = paper_context(project, report.report_month)
    # The benchmarks as compute used them, with the neighbours' averages it worked out.
    derived = replace(project, data=replace(project.data, benchmarks=dict(report.benchmarks)))
    inputs = ReportInputs(derived, report.report_month, report_months(derived, report.report_month))
    published: list[IndicatorFacts] = []
    suppressions: list[Suppression] = []
    notices: list[ExemptNotice] = []
    for facts in report.indicators:
        if facts.definition.is_exempt:
            notices.append(exempt_notice(facts))
            suppressions.append(
                Suppression(
                    facts.definition.id,
                    "the whole indicator",
                    f"exempt under paragraph {exempt_notice(facts).paragraph} of Schedule 12A",
                    is_cell=False,
                )
            )
            continue
        public, decisions = public_facts(facts, inputs, context)
        published.append(public)
        suppressions += decisions
    paragraphs = tuple(sorted({notice.paragraph for notice in notices}))
    public_view = PublicView(context, tuple(published), tuple(notices), tuple(suppressions), SEAL)
    exempt_view = ExemptView(context, report.indicators, paragraphs, SEAL)
    return public_view, exempt_view


def has_part_2(view: PublicView) -> bool:
    """Whether Part 2 holds anything Part 1 does not: an exempt indicator, a withheld figure, or
    rounded counts (Part 2 has them exact). Decided from what Part 1 shows, never from whether a
    fact worked out from the exact figures differs, since summary.json says whether there is a
    Part 2 and that would tell a reader that it does."""
    rounded = any(effective_policy(view.context.policy, f.definition).round_to for f in view.indicators)
    return bool(view.exempt_notices) or view.suppressed_cells > 0 or rounded


__all__ = ["disclose", "has_part_2", "paper_context"]
