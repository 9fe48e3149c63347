"""Build the repository's sample papers project once, read both PDFs back, and check what a
committee member and a disclosure reviewer would check."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import REPO_ROOT, sample_group
from kpicli.compute import compute_report
from kpicli.disclose import disclose
from kpicli.load import load_project
from kpicli.narrate import narrate_exempt
from kpicli.periods import parse_month

PERIOD = "2019-08"


def pdf_text(pages: list[str]) -> str:
    return re.sub(r"\s+", " ", "\n".join(pages))


pytestmark = [pytest.mark.e2e, sample_group(PERIOD)]


@pytest.fixture(scope="module")
def built(sample_build: Callable[[str], Path]) -> Path:
    return sample_build(PERIOD)


@pytest.fixture(scope="module")
def public_text(sample_pdf_pages: Callable[[str, str], list[str]]) -> str:
    return pdf_text(sample_pdf_pages(PERIOD, "public"))


@pytest.fixture(scope="module")
def exempt_text(sample_pdf_pages: Callable[[str, str], list[str]]) -> str:
    return pdf_text(sample_pdf_pages(PERIOD, "exempt"))


def test_build_writes_every_output(built: Path) -> None:
    names = sorted(path.name for path in built.iterdir())
    assert names == sorted(
        [
            "public.pdf",
            "exempt.pdf",
            "public.html",
            "exempt.html",
            "summary.json",
            "public.csv",
        ]
    )
    summary = json.loads((built / "summary.json").read_text(encoding="utf-8"))
    assert summary["period"] == PERIOD
    assert summary["indicators_public"] >= 30


@pytest.mark.parametrize(
    "phrase",
    [
        "62",  # secondary permanent exclusions in 2018/19
        "2018/19 academic year",
        "54%",  # placement stability, and EHCPs within 20 weeks
        "75%",  # care leavers in suitable accommodation as at June 2019
        "50 of 93",  # the headline: 54% (50 of 93)
        "484",  # projected EHC needs assessments for 2019
        "36%",
    ],
)
def test_seed_figures_are_in_both_papers(phrase: str, public_text: str, exempt_text: str) -> None:
    assert phrase in public_text
    assert phrase in exempt_text


def test_exempt_indicators_only_in_the_exempt_paper(public_text: str, exempt_text: str) -> None:
    project = load_project(REPO_ROOT)
    exempt = [d for d in project.definitions if d.is_exempt]
    assert len(exempt) >= 3
    report = compute_report(project, parse_month(PERIOD))
    for facts in report.indicators:
        if not facts.definition.is_exempt or facts.headline.latest is None:
            continue
        assert facts.definition.title in exempt_text
        # The public paper names the item in its Part 2 list, but never its commentary.
        assert f"{facts.definition.title} was" not in public_text
        assert "reported in Part 2" in public_text
    assert "NOT FOR PUBLICATION" in exempt_text
    assert "NOT FOR PUBLICATION" not in public_text


def withheld_latest_figures() -> list[tuple[str, float, str]]:
    """(indicator id, withheld value, the exempt paper's sentence stating it) for every latest
    figure the public view withholds."""
    project = load_project(REPO_ROOT)
    report = compute_report(project, parse_month(PERIOD))
    public, exempt = disclose(report, project)
    exempt_commentary = narrate_exempt(exempt, {}, "narrative").commentary
    full = {f.definition.id: f for f in exempt.indicators}
    found = []
    for facts in public.indicators:
        latest = facts.headline.latest
        if latest is not None and latest.value.withheld:
            original = full[facts.definition.id].headline.latest
            assert original is not None and original.value.value is not None
            found.append(
                (
                    facts.definition.id,
                    original.value.value,
                    exempt_commentary[facts.definition.id].sentences[0],
                )
            )
    return found


def test_the_sample_has_small_counts_to_protect() -> None:
    assert len(withheld_latest_figures()) >= 2


def test_small_counts_never_reach_public_outputs(built: Path, public_text: str, exempt_text: str) -> None:
    html = re.sub(r"\s+", " ", (built / "public.html").read_text(encoding="utf-8"))
    csv_text = (built / "public.csv").read_text(encoding="utf-8")
    for indicator, value, sentence in withheld_latest_figures():
        assert f"{value:g}" in sentence
        assert sentence in exempt_text
        for text in (public_text, html, csv_text):
            assert sentence not in text
        row = next(line for line in csv_text.splitlines() if f",{indicator}," in line)
        assert "[c]" in row
        assert f",{value:g}," not in row
    assert "[c]" in public_text
