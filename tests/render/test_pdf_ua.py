"""Both sample papers, for three report periods, through the PDF/UA checker (pdf_structure.py):
every condition a machine can test, on what the pipeline really writes."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from pdf_structure import (
    STRUCTURE_CHECKS,
    TaggedPdf,
    check_furniture_text_is_not_read,
    check_one_element_per_html_element,
    read_tagged_pdf,
)

from conftest import sample_group

pytestmark = pytest.mark.e2e

# A school-year end with the most red indicators, a February with no academic-year figures new
# since the autumn, and a year earlier, when fewer papers exist to link back to.
PERIODS = ("2019-08", "2019-02", "2018-08")
PAPERS = ("public", "exempt")


# Session-scoped: a worker that leaves this module for another group's tests and comes back
# keeps what it read, instead of reading every PDF again.
@pytest.fixture(scope="session")
def tagged(sample_build: Callable[[str], Path]) -> Callable[[str, str], TaggedPdf]:
    @cache
    def read(period: str, paper: str) -> TaggedPdf:
        return read_tagged_pdf(sample_build(period) / f"{paper}.pdf")

    return read


@pytest.mark.parametrize("check", list(STRUCTURE_CHECKS))
@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("period", [pytest.param(p, marks=sample_group(p), id=p) for p in PERIODS])
def test_paper_passes_the_check(
    period: str, paper: str, check: str, tagged: Callable[[str, str], TaggedPdf]
) -> None:
    problems = STRUCTURE_CHECKS[check](tagged(period, paper))
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:20])


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("period", [pytest.param(p, marks=sample_group(p), id=p) for p in PERIODS])
def test_sections_tables_and_lists_are_whole_across_page_breaks(
    period: str, paper: str, tagged: Callable[[str, str], TaggedPdf], sample_build: Callable[[str], Path]
) -> None:
    html = (sample_build(period) / f"{paper}.html").read_text(encoding="utf-8")
    problems = check_one_element_per_html_element(tagged(period, paper), html)
    assert not problems, "\n".join(problems)


@sample_group("2019-08")
@pytest.mark.parametrize("paper", PAPERS)
def test_footer_page_number_and_banner_are_drawn_but_not_read(
    paper: str, sample_build: Callable[[str], Path]
) -> None:
    folder = sample_build("2019-08")
    phrases = ["Page {page} of {pages}", "Report CEF19004"]
    if paper == "exempt":
        phrases.append("NOT FOR PUBLICATION - exempt information under paragraphs")
    problems = check_furniture_text_is_not_read(folder / f"{paper}.pdf", phrases, pages=[1, -1])
    assert not problems, "\n".join(problems)
