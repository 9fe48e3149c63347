"""The sample project, every month of its data: the papers a reader could hold if one were
published every month, attacked together; and one real public.pdf read back."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from attacker import Holding, every_attack, hold
from public_reader import html_text

from conftest import REPO_ROOT, sample_group
from kpicli.load import load_project
from kpicli.periods import month_text


@pytest.fixture(scope="module")
def sample_papers() -> Holding:
    project = load_project(REPO_ROOT)
    ends = [o.period.end for rows in project.data.observations.values() for o in rows]
    return hold(project, [month_text(month) for month in range(min(ends), max(ends) + 1)])


def test_the_sample_has_withheld_figures_to_attack(sample_papers: Holding) -> None:
    assert len(sample_papers.papers) >= 47
    withheld = sum(row.value == "[c]" for rows in sample_papers.papers.values() for row in rows)
    assert withheld > 100


def test_no_attack_recovers_anything_from_every_month_of_the_sample(sample_papers: Holding) -> None:
    assert every_attack(sample_papers) == []


def numbers(text: str) -> set[str]:
    return set(re.findall(r"\d[\d,]*(?:\.\d+)?", text))


@pytest.mark.e2e
@sample_group("2019-08")
def test_the_public_pdf_says_no_more_than_the_public_html(
    sample_build: Callable[[str], Path], sample_pdf_pages: Callable[[str, str], list[str]]
) -> None:
    folder = sample_build("2019-08")
    pdf = " ".join(sample_pdf_pages("2019-08", "public"))
    html = html_text((folder / "public.html").read_text(encoding="utf-8"))
    # Page numbers and the like aside, every number the PDF prints is in the HTML too.
    extra = {n for n in numbers(pdf) - numbers(html) if not re.fullmatch(r"\d{1,2}", n)}
    assert extra == set()
    assert "NOT FOR PUBLICATION" not in pdf
