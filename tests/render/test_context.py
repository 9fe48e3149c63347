"""Presentation values that the templates print as they are."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import REPO_ROOT
from kpicli.compute import compute_report
from kpicli.disclose import disclose
from kpicli.formatting import format_bare
from kpicli.load import load_project
from kpicli.models.commentary import NarratedPublic
from kpicli.models.definition import Unit
from kpicli.models.facts import IndicatorFacts
from kpicli.narrate import narrate_public
from kpicli.periods import parse_month, short_period_label
from kpicli.render.context import paper_context, paragraph_list, summary_sentence


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        ([2], "paragraph 2"),
        ([5, 2, 3], "paragraphs 2, 3 and 5"),
        ([3, 3], "paragraph 3"),
        ([1, 2], "paragraphs 1 and 2"),
        ([], "paragraph 1"),
    ],
)
def test_exempt_paragraphs_are_cited_as_the_act_is(paragraphs: list[int], expected: str) -> None:
    assert paragraph_list(paragraphs) == expected


@pytest.mark.parametrize("red", [0, 1, 4, 12])
def test_the_summary_never_opens_a_sentence_with_a_numeral(red: int) -> None:
    counts = {"red": red, "amber": 1, "green": 3, "not_rated": 2, "withheld": 1}
    counts["total"] = sum(counts.values())
    sentence = summary_sentence(counts, is_public=True)
    assert not sentence[0].isdigit()
    # Each count agrees with its verb; a rating none has is left out.
    reds = f"{red} {'is' if red == 1 else 'are'} rated red, " if red else ""
    assert f"Of the {counts['total']} indicators, {reds}1 is amber and 3 are green" in sentence
    assert "1 cannot be rated in public" in sentence
    assert "withheld" not in summary_sentence(counts, is_public=False)


@pytest.fixture(scope="module")
def sample() -> tuple[NarratedPublic, dict[str, Any]]:
    project = load_project(REPO_ROOT)
    public_view, _ = disclose(compute_report(project, parse_month("2019-08")), project)
    narrated = narrate_public(public_view, {}, "narrative/2019-08")
    return narrated, paper_context(narrated, [])


def rows_and_facts(
    sample: tuple[NarratedPublic, dict[str, Any]],
) -> list[tuple[dict[str, Any], IndicatorFacts]]:
    narrated, context = sample
    facts = {f.definition.number: f for f in narrated.view.indicators}
    return [(row, facts[row["number"]]) for row in context["definitions"]]


def test_dashboard_comparators_given_as_rates_say_so_beside_our_rate(
    sample: tuple[NarratedPublic, dict[str, Any]],
) -> None:
    compared = [(r, f) for r, f in rows_and_facts(sample) if f.definition.benchmark_basis and f.comparisons]
    assert compared, "the sample compares some counts as rates"
    for row, facts in compared:
        label = row["benchmark_label"]
        assert all(
            cell["unit"].startswith(f"{label}, ") for cell in row["comparators"] if cell["value"] != "–"
        )
        latest = facts.headline.latest
        if latest is not None and not latest.value.withheld:
            assert row["comparable_latest"].endswith(f" {label}"), row["number"]
    assert any(r["comparable_latest"] for r, _ in compared)


def test_currency_comparisons_carry_the_pound_sign(sample: tuple[NarratedPublic, dict[str, Any]]) -> None:
    money = [row for row, facts in rows_and_facts(sample) if facts.definition.unit is Unit.CURRENCY]
    figures = [c["value"] for row in money for c in row["comparisons"]]
    figures += [cell["value"] for row in money for cell in row["comparators"] if cell["value"] != "–"]
    assert figures, "the sample compares some spending"
    assert all(figure.lstrip("-").startswith("£") for figure in figures), figures


def test_previous_is_the_period_before_the_latest_and_never_reveals_a_withheld_figure(
    sample: tuple[NarratedPublic, dict[str, Any]],
) -> None:
    symbol = sample[1]["symbol"]
    withheld_before = 0
    for row, facts in rows_and_facts(sample):
        latest = facts.headline.latest
        if latest is None:
            continue
        period = latest.period.previous()
        assert row["previous_period"] == short_period_label(period)
        earlier = {f.period: f.value for f in facts.headline.history}.get(period)
        if earlier is None or earlier.value is None:
            expected = symbol if earlier is not None and earlier.withheld else "–"
            withheld_before += expected == symbol
            # Never blank beside a previous figure: the symbol when it is withheld.
            assert (row["previous"], row["movement"]) == (expected, symbol if expected == symbol else ""), (
                row["number"]
            )
        else:
            assert row["previous"] == format_bare(earlier.value, facts.definition)
    assert withheld_before, "the sample withholds some previous figure, or this proves nothing"
