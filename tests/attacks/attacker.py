"""A determined reader holding every public paper of a project, doing the arithmetic.

The figures are taken as the papers print them (the publication record's rows are made from
the same public view the pages are rendered from; the class tests read the pages themselves).
Each attack returns what it recovered: an empty list means nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from kpicli.compute import compute_report
from kpicli.disclose import disclose
from kpicli.models.data import Project
from kpicli.models.definition import Unit
from kpicli.models.policy import effective_policy
from kpicli.models.views import PublicView
from kpicli.periods import Frequency, parse_month, year_start_month
from kpicli.publication import RecordRow, published_rows

SYMBOL = "[c]"
Key = tuple[str, str, str, str]


@dataclass(frozen=True)
class Holding:
    """Everything the reader has: each paper's printed figures, and what the project says of
    its indicators (definitions are public: the appendix prints them)."""

    papers: dict[str, list[RecordRow]]
    project: Project

    def threshold(self, indicator: str) -> int:
        definition = self.project.definition(indicator)
        return effective_policy(self.project.config.disclosure, definition).suppress_below


def public_view(project: Project, period: str) -> PublicView:
    return disclose(compute_report(project, parse_month(period)), project)[0]


def hold(project: Project, periods: Iterable[str]) -> Holding:
    return Holding({period: published_rows(public_view(project, period)) for period in periods}, project)


def number(text: str) -> float | None:
    return None if text in ("", SYMBOL) else float(text)


def changed_once_published(holding: Holding) -> list[str]:
    """A figure once printed must be printed the same in every later paper that shows it."""
    first: dict[Key, tuple[str, RecordRow]] = {}
    found = []
    for period in sorted(holding.papers):
        for row in holding.papers[period]:
            earlier = first.get(row.key)
            if earlier is None:
                if row.value != SYMBOL:
                    first[row.key] = (period, row)
                continue
            if (earlier[1].value, earlier[1].numerator, earlier[1].denominator) != (
                row.value,
                row.numerator,
                row.denominator,
            ):
                found.append(f"{row.describe()}: {earlier[1].value} in {earlier[0]}, {row.value} in {period}")
    return found


def published_series(holding: Holding) -> dict[tuple[str, str], dict[str, RecordRow]]:
    """Every printed figure of each series (indicator, variant), by period, from all papers."""
    series: dict[tuple[str, str], dict[str, RecordRow]] = defaultdict(dict)
    for rows in holding.papers.values():
        for row in rows:
            if not row.category and row.value != SYMBOL:
                series[(row.indicator, row.series)][row.period] = row
    return series


def counts(row: RecordRow, unit: Unit) -> list[float | None]:
    numerator, denominator = number(row.numerator), number(row.denominator)
    remainder = None if numerator is None or denominator is None else denominator - numerator
    if unit is Unit.COUNT:
        return [number(row.value)]
    return [numerator, denominator, remainder]


def small(difference: float | None, threshold: int) -> bool:
    return difference is not None and 0 < abs(difference) < threshold


def year_to_date_differences(holding: Holding) -> list[str]:
    """Two printed year-to-date figures of one year, in any papers: their difference is a count."""
    found = []
    for (indicator, variant), figures in published_series(holding).items():
        definition = holding.project.definition(indicator)
        if definition.cumulative is None:
            continue
        year = Frequency(definition.cumulative.year)
        threshold = holding.threshold(indicator)
        for a, b in combinations(sorted(figures), 2):
            if year_start_month(parse_month(a), year) != year_start_month(parse_month(b), year):
                continue
            for x, y in zip(
                counts(figures[a], definition.unit), counts(figures[b], definition.unit), strict=True
            ):
                if x is not None and y is not None and small(y - x, threshold):
                    found.append(f"{indicator} {variant or 'headline'}: {a} and {b} differ by {abs(y - x):g}")
    return found


def variant_differences(holding: Holding) -> list[str]:
    """Two series printed for one period: their difference (numerators, denominators,
    remainders) is a group's count; year to date, so is the change in that difference."""
    found = []
    series = published_series(holding)
    by_indicator: dict[str, list[tuple[str, dict[str, RecordRow]]]] = defaultdict(list)
    for (indicator, variant), figures in series.items():
        by_indicator[indicator].append((variant, figures))
    for indicator, all_series in by_indicator.items():
        definition = holding.project.definition(indicator)
        threshold = holding.threshold(indicator)
        for (name_a, a), (name_b, b) in combinations(all_series, 2):
            gaps: dict[str, list[float | None]] = {}
            for period in sorted(set(a) & set(b)):
                gap = [
                    None if x is None or y is None else x - y
                    for x, y in zip(
                        counts(a[period], definition.unit), counts(b[period], definition.unit), strict=True
                    )
                ]
                gaps[period] = gap
                if any(small(g, threshold) for g in gap):
                    found.append(f"{indicator} {name_a} and {name_b} in {period}: {gap}")
            if definition.cumulative is not None:
                year = Frequency(definition.cumulative.year)
                for p, q in combinations(sorted(gaps), 2):
                    if year_start_month(parse_month(p), year) != year_start_month(parse_month(q), year):
                        continue
                    moved = [
                        None if x is None or y is None else y - x
                        for x, y in zip(gaps[p], gaps[q], strict=True)
                    ]
                    if any(small(m, threshold) for m in moved):
                        found.append(
                            f"{indicator} {name_a} and {name_b}: their gap moved by {moved} from {p} to {q}"
                        )
    return found


def tables(holding: Holding) -> dict[tuple[str, str, str], list[RecordRow]]:
    found: dict[tuple[str, str, str], list[RecordRow]] = {}
    for rows in holding.papers.values():
        by_table: dict[tuple[str, str, str], list[RecordRow]] = defaultdict(list)
        for row in rows:
            if row.category:
                by_table[(row.indicator, row.series, row.period)].append(row)
        found.update(by_table)
    return found


def narrowed_table_cells(holding: Holding) -> list[str]:
    """A table's withheld cells add up to its total less the printed cells. Each withheld cell
    could hold any of the values the withheld cells hold (see tests/attacks/test_attack_tables.py
    for a reader who replays the rule): with the total printed, a cell is narrowed down when its
    sum is known and the cells are too few or too alike. The reader knows a withheld cell is at
    least 1 (zeros are printed), so a sum under the threshold plus the number of cells, or a
    single withheld cell, pins them."""
    found = []
    for (indicator, dimension, period), rows in tables(holding).items():
        threshold = holding.threshold(indicator)
        cells = [row for row in rows if row.category != "Total"]
        [total] = [number(row.value) for row in rows if row.category == "Total"] or [None]
        withheld = [row for row in cells if row.value == SYMBOL]
        if total is None or not withheld:
            continue
        rest = total - sum(number(row.value) or 0 for row in cells if row.value != SYMBOL)
        if len(withheld) == 1 or rest - len(withheld) < threshold:
            found.append(
                f"{indicator} by {dimension} in {period}: {len(withheld)} withheld cells add up to {rest:g}"
            )
    return found


def every_attack(holding: Holding) -> list[str]:
    return [
        *changed_once_published(holding),
        *year_to_date_differences(holding),
        *variant_differences(holding),
        *narrowed_table_cells(holding),
    ]
