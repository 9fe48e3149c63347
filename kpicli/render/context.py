"""The page a paper's templates show, formatted in Python: templates only loop and place. The
indicator rows come from kpicli.render.indicator_row; the names and their types are
kpicli.render.contract's (docs/templates.md is the reference for councils' own templates).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from kpicli.formatting import format_date, join_words, ratings_counted
from kpicli.models.commentary import Narrated, NarratedPublic
from kpicli.models.config import ActionPoint
from kpicli.models.facts import BELOW_EXPECTATION, IndicatorFacts, Rating
from kpicli.models.views import ExemptNotice, PaperContext, PublicView
from kpicli.periods import month_label, month_text, parse_month
from kpicli.render.action_log import classify_actions
from kpicli.render.comparators import MAIN_COMPARATORS
from kpicli.render.contract import (
    ActionLogTables,
    ActionPointRow,
    Appendices,
    AtAGlance,
    CoverPage,
    DashboardsIntro,
    GlanceRow,
    IndicatorRow,
    Indicators,
    Page,
    Part2Item,
    RatingChange,
    RatingCounts,
)
from kpicli.render.indicator_row import (
    CONTROL_WORDS,
    NOT_COMPARED,
    RATING_WORDS,
    indicator_row,
)

# Each section's title and its indicators' rows, for the sections that have any.
Sections = list[tuple[str, list[IndicatorRow]]]

RATING_ORDER = (Rating.RED, Rating.AMBER, Rating.GREEN, Rating.NOT_RATED, Rating.WITHHELD)


def main_comparators(context: PaperContext) -> tuple[str, ...]:
    """The dashboard's comparator columns: the council's region (London unless kpicli.yaml
    names another), England and its statistical neighbours."""
    region = context.areas.region if context.areas is not None and context.areas.region else "London"
    return (region, *MAIN_COMPARATORS[1:])


def only_rating(counts: RatingCounts, is_public: bool) -> str:
    """What the paper's only indicator is: 'is rated green', 'cannot be rated in public ...'."""
    if is_public and counts["withheld"]:
        return "cannot be rated in public because the figure is withheld"
    if counts["not_rated"]:
        return "is reported for information without a rating"
    rated = [(counts["red"], "red"), (counts["amber"], "amber"), (counts["green"], "green")]
    return next((f"is rated {name}" for count, name in rated if count), "is not rated")


def summary_sentence(counts: RatingCounts, is_public: bool) -> str:
    """The opening count, written so that no sentence starts with a numeral (GOV.UK style)."""

    def verb(count: int) -> str:
        return "is" if count == 1 else "are"

    if counts["total"] == 1:
        return f"The one indicator {only_rating(counts, is_public)}."
    rated = ratings_counted(
        [(counts["red"], "rated red"), (counts["amber"], "amber"), (counts["green"], "green")]
    )
    text = f"Of the {counts['total']} indicators, {rated}"
    if counts["not_rated"]:
        text += (
            f"; {counts['not_rated']} {verb(counts['not_rated'])} reported for information without a rating"
        )
    if is_public and counts["withheld"]:
        text += f", and {counts['withheld']} cannot be rated in public because the figure is withheld"
    return text + "."


def glance_row(row: IndicatorRow) -> GlanceRow:
    """One red or amber indicator on the at-a-glance page: what, how much, which way, how long
    red, the main action and who owns it, and where it is covered."""
    main = row["actions"][0] if row["actions"] else None
    return {
        "number": row["number"],
        "title": row["title"],
        "anchor": row["anchor"],
        "rating": row["rating"],
        "rating_word": row["rating_word"],
        "latest": row["latest_value"],
        "period": row["period_short"],
        "movement": row["movement"],
        "red_reports": str(row["red_reports"]) if row["red_reports"] else "–",
        "action": main["action"] if main else row["no_action_reason"],
        "actions_written_for": row["actions_written_for"],
        "owner": main["owner"] if main else "",
        "due": main["due"] if main else "",
        "overdue": main["overdue"] if main else "",
    }


def rating_counts(rows: Sequence[IndicatorRow]) -> RatingCounts:
    counts = Counter(row["rating"] for row in rows)
    return RatingCounts(
        red=counts[Rating.RED],
        amber=counts[Rating.AMBER],
        green=counts[Rating.GREEN],
        not_rated=counts[Rating.NOT_RATED],
        withheld=counts[Rating.WITHHELD],
        total=len(rows),
    )


def rating_change(facts: IndicatorFacts, previous: Rating) -> RatingChange:
    """An indicator whose rating is not what it was at the last report."""
    return {
        "number": facts.definition.number,
        "title": facts.definition.title,
        "from": RATING_WORDS[previous],
        "to": RATING_WORDS[facts.rag.rating],
    }


def action_row(action: ActionPoint) -> ActionPointRow:
    return {
        "number": action.number,
        "raised": format_date(action.raised),
        "text": action.text,
        "owner": action.owner,
        "due": format_date(action.due),
        "status": action.status.value.capitalize(),
        "update": action.update or "",
        "completed": format_date(action.completed) if action.completed else "",
    }


def action_log(narrated: Narrated) -> ActionLogTables:
    context = narrated.view.context
    meeting = context.meeting.date if context.meeting else None
    log = classify_actions(context.actions, meeting, last_report_date(context), day_after_period(context))
    return {
        "due": [action_row(a) for a in log.due],
        "overdue": [action_row(a) for a in log.overdue],
        "open": [action_row(a) for a in log.open],
        "completed": [action_row(a) for a in log.completed],
    }


def paragraph_list(paragraphs: Sequence[int]) -> str:
    """'paragraph 2' or 'paragraphs 2, 3 and 5', as the Act is cited. With none named, the paper
    is exempt for its small numbers: information relating to an individual, paragraph 1."""
    numbers = [str(p) for p in sorted(set(paragraphs))] or ["1"]
    if len(numbers) == 1:
        return f"paragraph {numbers[0]}"
    return f"paragraphs {', '.join(numbers[:-1])} and {numbers[-1]}"


def benchmarking_notes(context: PaperContext, uses_ranks: bool) -> list[str]:
    """The appendix's account of the statistical neighbours and of ranks and quartiles."""
    areas = context.areas
    if areas is None:
        return []
    notes = []
    if areas.neighbours:
        names = join_words([area.name for area in areas.neighbours])
        source = f" ({areas.neighbours_source})" if areas.neighbours_source else ""
        notes.append(
            f"Statistical neighbours are the authorities most like {context.authority}{source}: {names}. "
            "Their average is the mean of the figures of those that have one for the period, as DfE "
            "works out its own; the comparison tables say how many had one."
        )
    if uses_ranks:
        notes.append(
            "Ranks and quartiles follow DfE's convention in its Local Authority Interactive Tool: rank "
            "1st is the best figure (the lowest where lower is better), authorities with the same "
            "figure share the better rank, and quartile band A is the best quarter of English "
            "authorities (cut at the 25th, 50th and 75th percentiles of all their figures). "
            "Indicators where neither higher nor lower is better are not ranked."
        )
        if areas.area is None:
            notes.append(
                f"{context.authority} is not in DfE's published data, so its figure is ranked as one "
                f"more authority among the others: among the {areas.region} authorities with a figure "
                "and among all English authorities with a figure."
            )
        else:
            notes.append(
                f"{context.authority} is ranked on its own figure in this paper, in place of the "
                f"figure DfE published for {areas.area.name}."
            )
    return notes


def paper_context(narrated: Narrated, part2_paragraphs: Sequence[int]) -> Page:
    """The page the templates show: the cover, the summary at a glance, the indicators below
    expectation and the dashboards, the action log, the Part 2 items and the appendices."""
    view = narrated.view
    context = view.context
    is_public = isinstance(narrated, NarratedPublic)
    comparators = main_comparators(context)
    rows = [
        indicator_row(
            f,
            narrated.commentary[f.definition.id],
            context.policy.symbol,
            comparators,
            context.meeting.date if context.meeting else None,
        )
        for f in view.indicators
    ]
    sections = by_section(rows, view.indicators, context)
    notices = view.exempt_notices if isinstance(view, PublicView) else ()
    return {
        **cover(context, is_public, part2_paragraphs),
        **at_a_glance(narrated, rows, sections, is_public),
        **indicator_sections(rows, sections, comparators),
        "actions": action_log(narrated),
        "part2_items": [part2_item(notice, context) for notice in notices],
        "exempt_items": [
            {
                "number": f.definition.number,
                "title": f.definition.title,
                "paragraph": f.definition.exempt.paragraph,
            }
            for f in view.indicators
            if f.definition.exempt is not None
        ],
        **appendices(narrated, rows),
        **dashboards_intro(view.indicators, rows, comparators[0]),
        "uses_not_compared": any(r["movement"] == NOT_COMPARED for r in rows),
        # The symbol's legend only in a paper that shows the symbol somewhere (any row's cell,
        # sentence or chart, or a key message): a reader looks for what a legend explains.
        "uses_symbol": any(context.policy.symbol in str(r) for r in rows)
        or context.policy.symbol in " ".join(narrated.key_messages),
    }


def by_section(
    rows: list[IndicatorRow], indicators: Sequence[IndicatorFacts], context: PaperContext
) -> Sections:
    """Each section's title and its indicators' rows, in the sections' order, leaving out
    sections with no indicator."""
    sections = []
    for section in context.sections:
        section_rows = [
            r for r, f in zip(rows, indicators, strict=True) if f.definition.section == section.id
        ]
        if section_rows:
            sections.append((section.title, section_rows))
    return sections


def cover(context: PaperContext, is_public: bool, part2_paragraphs: Sequence[int]) -> CoverPage:
    """Who the paper is from and for, which part it is, and the names every page uses."""
    meeting = context.meeting
    return {
        "is_public": is_public,
        "part": "Part 1" if is_public else "Part 2",
        "lang": "en-GB",
        "authority": context.authority,
        "committee": context.committee,
        "title": context.title,
        "department": context.department or "",
        "contact": context.contact,
        "meeting_date": format_date(meeting.date) if meeting else "To be confirmed",
        "reference": meeting.reference
        if meeting
        else f"KPI-{month_label(context.report_month).replace(' ', '-')}",
        "period_label": f"as at the end of {month_label(context.report_month)}",
        "created": (meeting.date.isoformat() if meeting else f"{month_text(context.report_month)}-01")
        + "T00:00:00Z",
        "exempt_banner": (
            "NOT FOR PUBLICATION - exempt information under "
            + paragraph_list(part2_paragraphs)
            + " of Part 1 of Schedule 12A to the Local Government Act 1972"
        )
        if not is_public
        else "",
        "symbol": context.policy.symbol,
        "footnote": context.policy.footnote,
    }


def day_after_period(context: PaperContext) -> dt.date:
    """A paper between meetings stands at the end of its report period: what happened after
    (an action raised at a later meeting) is not in it, however late it is built."""
    end = month_text(context.report_month + 1)
    return dt.date.fromisoformat(f"{end}-01")


def last_report_date(context: PaperContext) -> dt.date | None:
    """The meeting the last report went to: the previous meeting in kpicli.yaml, else the latest
    earlier paper in papers.yaml; None for the committee's first paper."""
    if context.previous_meeting is not None:
        return context.previous_meeting.date
    earlier = [p.meeting_date for p in context.papers.papers if parse_month(p.period) < context.report_month]
    return max(earlier, default=None)


def is_first_report(context: PaperContext) -> bool:
    """No earlier meeting and no earlier paper on record: the committee's first paper (the
    report months compute rates 'the last report' against, compute.report_months)."""
    return last_report_date(context) is None


def at_a_glance(
    narrated: Narrated, rows: list[IndicatorRow], sections: Sections, is_public: bool
) -> AtAGlance:
    """Section 1: the key messages, every red and amber indicator, the ratings counted by
    section and by control, and the ratings changed since the last report."""
    # Reds first, the longest-running first: what members most want to scrutinise.
    glance = sorted(
        below_expectation(rows), key=lambda r: (r["rating"] is not Rating.RED, -r["red_reports"], r["number"])
    )
    total = rating_counts(rows)
    return {
        "key_messages": list(narrated.key_messages),
        "glance": [glance_row(row) for row in glance],
        "summary_sections": [
            {"title": title, "counts": rating_counts(section_rows)} for title, section_rows in sections
        ],
        "summary_control": [
            {"title": words, "counts": rating_counts([r for r in rows if r["control"] == words])}
            for words in CONTROL_WORDS.values()
        ],
        "summary_total": total,
        "summary_sentence": summary_sentence(total, is_public),
        "rating_columns": [
            (r.value, RATING_WORDS[r]) for r in RATING_ORDER if is_public or r is not Rating.WITHHELD
        ],
        "changes": [
            rating_change(f, f.previous_rating)
            for f in narrated.view.indicators
            if f.previous_rating is not None
            and f.previous_rating is not f.rag.rating
            and f.rag.rating is not Rating.WITHHELD
        ],
        "first_report": is_first_report(narrated.view.context),
    }


def below_expectation(rows: list[IndicatorRow]) -> list[IndicatorRow]:
    """The red and amber indicators, red first, in number order."""
    below = [r for r in rows if r["rating"] in BELOW_EXPECTATION]
    return sorted(below, key=lambda r: (r["rating"] is not Rating.RED, r["number"]))


def indicator_sections(
    rows: list[IndicatorRow], sections: Sections, comparators: Sequence[str]
) -> Indicators:
    """Sections 2 and 3: the indicators below expectation in full, and the dashboards, by
    section and, within each, those in the council's control first."""
    return {
        "below": below_expectation(rows),
        "sections": [
            {
                "title": title,
                "groups": [
                    {"title": words, "rows": [r for r in section_rows if r["control"] == words]}
                    for words in CONTROL_WORDS.values()
                    if any(r["control"] == words for r in section_rows)
                ],
            }
            for title, section_rows in sections
        ],
        "region": comparators[0],
        "comparator_headings": [
            "Stat. neighbours" if name == "Statistical neighbours" else name for name in comparators
        ],
    }


def dashboards_intro(
    indicators: Sequence[IndicatorFacts], rows: list[IndicatorRow], region: str
) -> DashboardsIntro:
    """What the dashboards' introduction explains, so that it speaks only of what their cells
    show: comparators' figures, and ranks among the region's authorities, all England's, or
    (when cells show both, as `rank_cell` words them) each."""
    shown = [f.standing for f, r in zip(indicators, rows, strict=True) if r["rank"]["value"] != "–"]
    in_region = any(standing is not None and standing.region_count for standing in shown)
    ranks = [standing.ranked for standing in shown if standing is not None]
    in_england = any(ranked is not None and ranked.region is None for ranked in ranks)
    return {
        "shows_comparators": any(cell["value"] != "–" for r in rows for cell in r["comparators"]),
        "ranked_among": (region if in_region else "England") if shown else "",
        "also_ranked_in_england": in_region and in_england,
    }


def part2_item(notice: ExemptNotice, context: PaperContext) -> Part2Item:
    """An exempt indicator's one line in Part 1's section 5."""
    titles = {s.id: s.title for s in context.sections}
    return {
        "number": notice.number,
        "title": notice.title,
        "section": titles.get(notice.section, notice.section),
        "paragraph": notice.paragraph,
    }


def appendices(narrated: Narrated, rows: list[IndicatorRow]) -> Appendices:
    """Appendix A, the indicators' definitions and how they are benchmarked, and appendix B,
    the earlier reports to the committee."""
    context = narrated.view.context
    uses_ranks = any(f.standing is not None for f in narrated.view.indicators)
    return {
        "definitions": sorted(rows, key=lambda r: r["number"]),
        "benchmarking": benchmarking_notes(context, uses_ranks),
        "papers": [
            {
                "reference": p.reference,
                "date": format_date(p.meeting_date),
                "title": p.title,
                "url": p.url or "",
                "period": month_label(parse_month(p.period)),
            }
            for p in sorted(context.papers.papers, key=lambda p: p.meeting_date)
        ],
    }
