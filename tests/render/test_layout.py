"""The printed papers read back with pdfplumber, as a member holds them: legible sizes, and
page breaks that keep things together, for both papers in three report periods.

Sizes: body text 11 to 12 pt, table text at least 9.5 pt, nothing (chart text, a table cell's
second line, the page furniture) below 8.5 pt. Breaks: no heading, caption or table header
left at the foot of a page; no table split after its first row or before its last; no Total
row alone; no action box split or starting a page without its commentary; no landscape page
holding a few lines.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from conftest import sample_group

pytestmark = pytest.mark.e2e

PERIODS = ("2019-08", "2019-02", "2018-08")
PAPERS = ("public", "exempt")
MM = 72 / 25.4
TOTALS = ("Total", "All indicators")
# pdfplumber reads 9.5 pt back as 9.4995.
EPSILON = 0.01


@dataclass(frozen=True)
class Line:
    text: str
    top: float
    bottom: float
    bold: bool
    sizes: tuple[float, ...]


@dataclass(frozen=True)
class Page:
    number: int
    landscape: bool
    lines: tuple[Line, ...]  # the body's lines, page furniture left out
    rules: tuple[tuple[float, float], ...]  # horizontal rules in the body: (top, line width)
    boxes: tuple[float, ...]  # tops of action boxes (their thick left border)
    body_top: float
    sizes: Counter[float]
    overflow: float  # how far text runs past the right margin, in points
    run_together: tuple[str, ...]  # where one cell's text touches the next one's


# Letters, figures and the signs that start or end a figure: two of these from different boxes
# (WeasyPrint marks each box's text as its own marked content) closer than a thin space have run
# together ('£77,282£60,199', 'LondonEngland', 'CEF19003/1That'); a word space is about 3 pt.
GLUED = 1.5


def joins(left: dict[str, Any], right: dict[str, Any]) -> bool:
    return (
        left.get("mcid") != right.get("mcid")
        and right["x0"] - left["x1"] < GLUED
        and all(c["text"].isalnum() or c["text"] in "£%" for c in (left, right))
    )


def run_together(line: list[dict[str, Any]]) -> list[str]:
    text = "".join(c["text"] for c in line)
    return [
        f"{text[max(0, i - 12) : i + 1]}|{text[i + 1 : i + 13]}"
        for i, (left, right) in enumerate(itertools.pairwise(line))
        if joins(left, right)
    ]


def body_bounds(page: Any) -> tuple[float, float]:
    """The body between the margins (paper.css @page): the running header and footer lie
    outside it."""
    if page.width > page.height:
        return 18 * MM, page.height - 18 * MM
    return 22 * MM, page.height - 20 * MM


def action_box_tops(page: Any) -> list[float]:
    """An action box's left border is drawn as two filled rectangles of the same height, one
    2 to 3 points to the right of the other."""
    rects = [r for r in page.rects if r.get("fill") and r["height"] > 15 and r["width"] > 300]
    return sorted(
        {
            round(a["top"], 1)
            for a in rects
            for b in rects
            if a is not b and abs(a["top"] - b["top"]) < 0.5 and 1.5 < b["x0"] - a["x0"] < 3.5
        }
    )


def text_lines(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Characters grouped into lines by their top, left to right: pdfplumber's own line
    finding does layout analysis this test does not need, at several times the cost."""
    lines: list[list[dict[str, Any]]] = []
    for char in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])):
        if lines and abs(lines[-1][0]["top"] - char["top"]) < 2:
            lines[-1].append(char)
        else:
            lines.append([char])
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


def words_of(chars: list[dict[str, Any]]) -> list[str]:
    """A line's words: a gap wider than a third of the type size between two characters is a
    space (the PDF has no space characters)."""
    words: list[str] = []
    previous = None
    for char in chars:
        if previous is None or char["x0"] - previous["x1"] > char["size"] / 3:
            words.append(char["text"])
        else:
            words[-1] += char["text"]
        previous = char
    return words


def read_page(page: Any) -> Page:
    top, bottom = body_bounds(page)
    lines = []
    glued: list[str] = []
    for chars in text_lines([c for c in page.chars if c["text"].strip()]):
        glued += run_together(chars)
        first, bottom_of = chars[0]["top"], max(c["bottom"] for c in chars)
        if first < top - 1 or bottom_of > bottom + 1:
            continue
        text = " ".join(word for word in words_of(chars))
        bold = all("Bold" in c["fontname"] for c in chars)
        lines.append(Line(text, first, bottom_of, bold, tuple(c["size"] for c in chars)))
    rules = sorted(
        {
            (round(rule["top"], 1), round(rule.get("linewidth", 0), 2))
            for rule in page.lines
            if abs(rule["bottom"] - rule["top"]) < 0.1
            and top <= rule["top"] <= bottom
            # CSS borders of 1 and 2 px; a chart's grid and lines are drawn thinner or thicker.
            and any(abs(rule.get("linewidth", 0) - width) < 0.05 for width in (0.75, 1.5))
        }
    )
    sizes = Counter(round(c["size"], 2) for c in page.chars if c["text"].strip())
    right = max((c["x1"] for c in page.chars if c["text"].strip()), default=0)
    return Page(
        page.page_number,
        page.width > page.height,
        tuple(lines),
        tuple(rules),
        tuple(action_box_tops(page)),
        top,
        sizes,
        right - (page.width - 16 * MM),
        tuple(glued),
    )


# Session-scoped: a worker that leaves this module for another group's tests and comes back
# keeps what it read, instead of reading every PDF again.
@pytest.fixture(scope="session")
def papers(sample_build: Callable[[str], Path]) -> Callable[[str, str], list[Page]]:
    @cache
    def read(period: str, paper: str) -> list[Page]:
        with pdfplumber.open(sample_build(period) / f"{paper}.pdf") as pdf:
            return [read_page(page) for page in pdf.pages]

    return read


CASES = [
    pytest.param(period, paper, marks=sample_group(period), id=f"{period}-{paper}")
    for period in PERIODS
    for paper in PAPERS
]


def row_rules(page: Page, top: float) -> list[float]:
    """The thin rules under the table rows below `top`, down to the next thick rule (a header,
    or a Total row's top border, which starts something else)."""
    found = []
    for rule_top, width in page.rules:
        if rule_top <= top + 0.5:
            continue
        if width > 1:
            break
        found.append(rule_top)
    return found


def rows_after(page: Page, top: float) -> int:
    return len(row_rules(page, top))


def ends_the_page(page: Page, top: float) -> bool:
    """Whether the table whose header rule is at `top` runs to the foot of the page (nothing is
    written below its last row)."""
    rules = row_rules(page, top)
    last = rules[-1] if rules else top
    return not any(line.top > last + 2 for line in page.lines)


def header_rule(page: Page, line: Line) -> float | None:
    """The thick rule under a table header line, if `line` is one."""
    return next((t for t, w in page.rules if w > 1 and line.bottom - 1 < t < line.bottom + 12), None)


@pytest.mark.parametrize(("period", "paper"), CASES)
def test_text_is_legible_when_printed(period: str, paper: str, papers: Any) -> None:
    pages = papers(period, paper)
    sizes: Counter[float] = Counter()
    for page in pages:
        sizes += page.sizes
    assert min(sizes) >= 8.5 - EPSILON, f"text at {min(sizes)} pt"
    body = sizes.most_common(1)[0][0]
    assert 11 - EPSILON <= body <= 12 + EPSILON, f"the body is {body} pt"
    wide = [page.number for page in pages if page.overflow > 1]
    assert not wide, f"text runs past the right margin on pages {wide}"


@pytest.mark.parametrize(("period", "paper"), CASES)
def test_every_cell_is_separate_from_the_next(period: str, paper: str, papers: Any) -> None:
    """No table cell's text touches its neighbour's: a column too narrow for its longest figure
    or word lets it spill into the next ('£77,282£60,199£61,5248th of 34')."""
    glued = {page.number: page.run_together for page in papers(period, paper) if page.run_together}
    assert not glued, glued


@pytest.mark.parametrize(("period", "paper"), CASES)
def test_tables_are_at_least_9_5_points(period: str, paper: str, papers: Any) -> None:
    """Each table row's first line (under a rule, where its first cell is read) is at least
    9.5 pt; only a cell's second line (the period a figure is for) may be smaller."""
    checked = 0
    for page in papers(period, paper):
        tops = [top for top, _ in page.rules]
        for upper, lower in itertools.pairwise(tops):
            if lower - upper > 80:
                continue
            row = next((line for line in page.lines if upper < line.top < lower), None)
            if row is not None and row.sizes:
                assert row.sizes[0] >= 9.5 - EPSILON, (page.number, row.text)
                checked += 1
    assert checked > 100


@pytest.mark.parametrize(("period", "paper"), CASES)
def test_no_heading_caption_or_table_header_is_left_at_the_foot_of_a_page(
    period: str, paper: str, papers: Any
) -> None:
    for page in papers(period, paper)[:-1]:
        if not page.lines:
            continue
        last = page.lines[-1]
        assert not (last.bold and not last.text.startswith(TOTALS)), (page.number, last.text)


@pytest.mark.parametrize(("period", "paper"), CASES)
def test_no_table_splits_after_one_row_and_no_row_is_left_alone(period: str, paper: str, papers: Any) -> None:
    for page, following in itertools.pairwise(papers(period, paper)):
        if not following.lines or not following.lines[0].bold:
            continue
        top = header_rule(following, following.lines[0])
        if top is None:
            continue
        # The next page opens with a repeated header: the table was split between the pages.
        header = following.lines[0].text
        repeats = [line for line in page.lines if line.text == header]
        if repeats:
            before = header_rule(page, repeats[-1])
            if before is not None and ends_the_page(page, before):
                assert rows_after(page, before) != 1, f"one row before page {following.number}"
        carried = [line for line in following.lines if line.top > top]
        assert not (carried and carried[0].text.startswith(TOTALS)), (
            f"a Total alone on page {following.number}"
        )
        assert rows_after(following, top) != 1 or len(carried) > 3, (
            f"one row carried to page {following.number}"
        )


@pytest.mark.parametrize(("period", "paper"), CASES)
def test_no_action_box_is_split_or_starts_a_page_alone(period: str, paper: str, papers: Any) -> None:
    boxes = 0
    for page in papers(period, paper):
        for top in page.boxes:
            boxes += 1
            inside = [line for line in page.lines if top - 1 <= line.top < top + 40]
            assert inside and inside[0].text.startswith("Action being taken"), (
                f"a split box on page {page.number}"
            )
            above = [line for line in page.lines if line.bottom < top]
            assert above, f"an action box starts page {page.number} without its commentary"
    assert boxes or paper == "exempt" or period != "2019-08"


@pytest.mark.parametrize(("period", "paper"), CASES)
def test_no_landscape_page_holds_a_few_lines(period: str, paper: str, papers: Any) -> None:
    for page in papers(period, paper):
        if page.landscape:
            assert len(page.lines) >= 6, f"page {page.number} holds {len(page.lines)} lines"
