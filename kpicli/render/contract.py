"""The names a paper's templates are given, and their types: the contract a council's own
templates (in the project's templates/ folder) are written against.

Every value is already formatted for reading ("54%", "3 May 2019", "5th of 34"): templates only
loop and place. `Page` is the whole paper; each indicator is an `IndicatorRow`. docs/templates.md
describes each name, and a test keeps it and these types the same.
"""

from __future__ import annotations

from typing import TypedDict

from markupsafe import Markup

from kpicli.models.config import Contact
from kpicli.models.facts import Rating


class Chart(TypedDict):
    src: str
    alt: str


class SpcIcon(TypedDict):
    src: str
    words: str
    short: str


class ComparatorCell(TypedDict):
    value: str
    unit: str


class RankCell(TypedDict):
    value: str
    detail: str


class ComparisonRow(TypedDict):
    area: str
    note: str
    period: str
    value: str
    local: str
    judgement: str


class VariantRow(TypedDict):
    label: str
    value: str
    period: str


class BreakdownTable(TypedDict):
    dimension: str
    dimension_in_sentence: str
    dimension_heading: str
    period: str
    rows: list[tuple[str, str]]
    total: str


class EarlierPaper(TypedDict):
    reference: str
    date: str
    url: str
    link_text: str


class OfficerActionRow(TypedDict):
    action: str
    owner: str
    due: str
    overdue: str
    effect: str


class LastTimeBlock(TypedDict):
    reference: str
    date: str
    actions: list[OfficerActionRow]
    actions_written_for: str
    since_then: str
    figure_then: str
    figure_now: str


class IndicatorRow(TypedDict):
    id: str
    number: int
    title: str
    definition: str
    unit: str
    polarity: str
    frequency: str
    owner: str
    source: str
    control: str
    rating: Rating
    rating_word: str
    latest: str
    latest_value: str
    period: str
    period_short: str
    previous: str
    previous_period: str
    movement: str
    comparators: list[ComparatorCell]
    comparable_latest: str
    comparisons: list[ComparisonRow]
    footnotes: list[str]
    standing: str
    rank: RankCell
    benchmark_label: str
    sentences: list[str]
    officer_first: bool
    context_html: Markup
    action_html: Markup
    anchor: str
    actions: list[OfficerActionRow]
    no_action_reason: str
    actions_written_for: str
    last_time: LastTimeBlock | None
    red_reports: int
    chart_title: str
    spc_icons: list[SpcIcon]
    chart: Chart | None
    sparkline: str
    variants: list[VariantRow]
    headline_label: str
    breakdowns: list[BreakdownTable]
    earlier_papers: list[EarlierPaper]


class GlanceRow(TypedDict):
    number: int
    title: str
    anchor: str
    rating: Rating
    rating_word: str
    latest: str
    period: str
    movement: str
    red_reports: str
    action: str
    actions_written_for: str
    owner: str
    due: str
    overdue: str


class RatingCounts(TypedDict):
    red: int
    amber: int
    green: int
    not_rated: int
    withheld: int
    total: int


class CountsRow(TypedDict):
    title: str
    counts: RatingCounts


# "from" is a Python keyword, so this one is spelt the long way.
RatingChange = TypedDict("RatingChange", {"number": int, "title": str, "from": str, "to": str})


class DashboardGroup(TypedDict):
    title: str
    rows: list[IndicatorRow]


class DashboardSection(TypedDict):
    title: str
    groups: list[DashboardGroup]


class ActionPointRow(TypedDict):
    number: str
    raised: str
    text: str
    owner: str
    due: str
    status: str
    update: str
    completed: str


class ActionLogTables(TypedDict):
    due: list[ActionPointRow]
    overdue: list[ActionPointRow]
    open: list[ActionPointRow]
    completed: list[ActionPointRow]


class Part2Item(TypedDict):
    number: int
    title: str
    section: str
    paragraph: int


class ExemptItem(TypedDict):
    number: int
    title: str
    paragraph: int


class CommitteePaper(TypedDict):
    reference: str
    date: str
    title: str
    url: str
    period: str


class CoverPage(TypedDict):
    is_public: bool
    part: str
    lang: str
    authority: str
    committee: str
    title: str
    department: str
    contact: Contact
    meeting_date: str
    reference: str
    period_label: str
    created: str
    exempt_banner: str
    symbol: str
    footnote: str


class AtAGlance(TypedDict):
    key_messages: list[str]
    glance: list[GlanceRow]
    summary_sections: list[CountsRow]
    summary_control: list[CountsRow]
    summary_total: RatingCounts
    summary_sentence: str
    rating_columns: list[tuple[str, str]]
    changes: list[RatingChange]
    # No earlier report to this committee: nothing can have "changed since the last report".
    first_report: bool


class Indicators(TypedDict):
    below: list[IndicatorRow]
    sections: list[DashboardSection]
    region: str
    comparator_headings: list[str]


class Appendices(TypedDict):
    definitions: list[IndicatorRow]
    benchmarking: list[str]
    papers: list[CommitteePaper]


class DashboardsIntro(TypedDict):
    # Whether any dashboard cell shows a comparator's figure.
    shows_comparators: bool
    # Where the ranks shown are among: the region, "England", or "" when no rank is shown.
    ranked_among: str
    # Some ranks are among the region's authorities and others, marked "England", among all
    # England's: the introduction then explains both.
    also_ranked_in_england: bool


class Page(CoverPage, AtAGlance, Indicators, DashboardsIntro, Appendices):
    actions: ActionLogTables
    part2_items: list[Part2Item]
    exempt_items: list[ExemptItem]
    uses_not_compared: bool
    uses_symbol: bool


# Every type a template meets, by the name docs/templates.md gives it.
TEMPLATE_TYPES: tuple[type, ...] = (
    Page,
    IndicatorRow,
    Chart,
    SpcIcon,
    ComparatorCell,
    RankCell,
    ComparisonRow,
    VariantRow,
    BreakdownTable,
    EarlierPaper,
    OfficerActionRow,
    LastTimeBlock,
    GlanceRow,
    RatingCounts,
    CountsRow,
    RatingChange,
    DashboardGroup,
    DashboardSection,
    ActionPointRow,
    ActionLogTables,
    Part2Item,
    ExemptItem,
    CommitteePaper,
)
