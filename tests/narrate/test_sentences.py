"""Golden commentary: every sentence kind, both polarities, every frequency, suppression.

Regenerate with `pytest --update-golden` and review the diff as you would an officer's draft.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kpicli.compute import compute_report
from kpicli.disclose import disclose
from kpicli.load import load_project
from kpicli.models.config import EarlierPaper
from kpicli.models.facts import Cell, Comparison, Judgement, Persistence
from kpicli.narrate import narrate_exempt, narrate_public
from kpicli.narrate.comparisons import relation_word
from kpicli.narrate.rating_words import describe_rag
from kpicli.narrate.wording import load_wording
from kpicli.periods import Frequency, Period, parse_month
from tests.conftest import definition, make_project, monthly
from tests.golden import check_golden as check_file

GOLDEN = Path(__file__).parent / "golden"
REPORT = "2019-08"
WORSE = Judgement.WORSE
RATE_BASIS = {"unit": "rate", "rate_per": 100, "decimals": 2, "label": "per 100 pupils"}


def narrate_both(root: Path) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    project = load_project(root)
    public_view, exempt_view = disclose(compute_report(project, parse_month(REPORT)), project)
    public = narrate_public(public_view, {}, "narrative", root)
    exempt = narrate_exempt(exempt_view, {}, "narrative", root)
    return (
        {key: item.sentences for key, item in public.commentary.items()},
        {key: item.sentences for key, item in exempt.commentary.items()},
    )


def as_text(root: Path) -> str:
    public, exempt = narrate_both(root)
    lines = []
    for indicator in sorted(exempt):
        for label, sentences in (("public", public.get(indicator)), ("exempt", exempt[indicator])):
            if sentences is not None:
                lines += [f"## {indicator} ({label})", *sentences, ""]
    return "\n".join(lines)


def check_golden(name: str, text: str) -> None:
    check_file(GOLDEN / f"{name}.txt", text)


def seed_project(root: Path) -> Path:
    """The two paragraphs of the CEF19004 minutes, as data."""
    return make_project(
        root,
        definitions=[
            definition(
                "secondary-permanent-exclusions",
                5,
                title="Number of secondary permanent exclusions",
                section="education",
                frequency="academic_year",
                comparators=["London", "England"],
                rag={"kind": "benchmark"},
                benchmark_basis=RATE_BASIS,
            ),
            definition(
                "ehcp-within-20-weeks",
                34,
                title="Education, health and care plans issued within 20 weeks",
                section="education",
                unit="percent",
                polarity="higher_is_better",
                frequency="quarter",
                comparators=["London", "England"],
                benchmark_frequency="calendar_year",
                rag={"kind": "benchmark"},
            ),
        ],
        values=[
            ["secondary-permanent-exclusions", "2017-08", 41, None, 30100],
            ["secondary-permanent-exclusions", "2018-08", 53, None, 30600],
            ["secondary-permanent-exclusions", "2019-08", 62, None, 31000],
            ["ehcp-within-20-weeks", "2019-03", None, 40, 85],
            ["ehcp-within-20-weeks", "2019-06", None, 50, 93],
        ],
        benchmarks=[
            ["secondary-permanent-exclusions", "2018-08", "London", 0.19],
            ["secondary-permanent-exclusions", "2018-08", "England", 0.17],
            ["ehcp-within-20-weeks", "2018-12", "London", 60],
            ["ehcp-within-20-weeks", "2018-12", "England", 58],
        ],
    )


def test_seed_paragraphs_carry_the_minutes_facts(tmp_path: Path) -> None:
    public, _ = narrate_both(seed_project(tmp_path))
    exclusions = " ".join(public["secondary-permanent-exclusions"])
    assert "62" in exclusions and "has risen in each of the last two years" in exclusions
    # Like for like: our 2017/18 rate (53 of 30,600) against the 2017/18 averages, never our
    # 2018/19 rate against them.
    assert (
        "For 2017/18, the latest period published for comparison, the rate per 100 pupils was 0.17, "
        "below London (0.19) but in line with England (0.17)." in exclusions
    )
    assert "0.20" not in exclusions
    ehcp = " ".join(public["ehcp-within-20-weeks"])
    assert (
        "54% in April to June 2019 (50 out of 93)" in ehcp
        and "an improvement" in ehcp
        and "previous quarter" in ehcp
    )
    # No figure of ours for calendar 2018 (only two quarters of 2019): the sentence says so.
    assert (
        "There is no local figure for 2018 to compare like with like; the latest, 54% for April to "
        "June 2019, was below both the London (60%) and England (58%) averages for 2018." in ehcp
    )
    check_golden("seed", as_text(tmp_path))


FREQUENCY_SERIES: dict[str, list[list[Any]]] = {
    "month": monthly("f-month", "2018-06", [30, 31, 29, 35, 33, 34, 36, 32, 31, 30, 33, 35, 36, 38, 40]),
    "quarter": [
        ["f-quarter", p, v] for p, v in [("2018-06", 20), ("2018-12", 24), ("2019-03", 23), ("2019-06", 27)]
    ],
    "academic_year": [
        ["f-academic-year", p, v] for p, v in [("2017-08", 60), ("2018-08", 55), ("2019-08", 50)]
    ],
    "financial_year": [["f-financial-year", p, v] for p, v in [("2018-03", 300), ("2019-03", 300)]],
    "calendar_year": [["f-calendar-year", p, v] for p, v in [("2017-12", 213), ("2018-12", 276)]],
    "rolling_12_months": monthly(
        "f-rolling-12-months",
        "2018-07",
        [100, 104, 98, 97, 99, 101, 103, 100, 99, 98, 97, 96, 95, 94],
    ),
}


def frequency_project(root: Path, polarity: str, measure: str) -> Path:
    rag = (
        {"kind": "thresholds", "green": 30, "red": 50}
        if polarity == "lower_is_better"
        else {"kind": "thresholds", "green": 50, "red": 30}
    )
    return make_project(
        root,
        definitions=[
            definition(
                f"f-{freq}".replace("_", "-"),
                n,
                frequency=freq,
                polarity=polarity,
                measure=measure,
                rag=rag,
            )
            for n, freq in enumerate(FREQUENCY_SERIES, start=1)
        ],
        values=[row for rows in FREQUENCY_SERIES.values() for row in rows],
    )


@pytest.mark.parametrize(
    ("polarity", "measure"), [("lower_is_better", "flow"), ("higher_is_better", "snapshot")]
)
def test_every_frequency_and_both_polarities(tmp_path: Path, polarity: str, measure: str) -> None:
    check_golden(f"frequencies_{polarity}_{measure}", as_text(frequency_project(tmp_path, polarity, measure)))


def comparator_project(root: Path) -> Path:
    percent = {
        "unit": "percent",
        "polarity": "higher_is_better",
        "frequency": "quarter",
        "decimals": 1,
        # Given without counts, which Part 1 shows only when they are published elsewhere.
        "disclosure": {"published_elsewhere": {"source": "DfE, a national statistics release"}},
    }
    return make_project(
        root,
        definitions=[
            definition(
                "c-mixed",
                1,
                comparators=["London", "England", "Statistical neighbours"],
                rag={"kind": "benchmark"},
                **percent,
            ),
            definition(
                "c-missing",
                2,
                rag={"kind": "benchmark", "comparators": ["London", "England"]},
                **percent,
            ),
            definition("c-older-years", 3, comparators=["London", "England"], **percent),
            definition("c-none", 4, rag={"kind": "tolerance", "target": 70, "tolerance": 5}, **percent),
            definition(
                "c-currency",
                5,
                unit="currency",
                frequency="financial_year",
                comparators=["London"],
                rag={
                    "kind": "tolerance",
                    "target": 4200,
                    "tolerance": 5,
                    "tolerance_unit": "percent_of_target",
                },
            ),
            definition(
                "c-three-above",
                6,
                comparators=["London", "England", "Statistical neighbours"],
                **percent,
            ),
            definition(
                "c-unit-cost",
                7,
                unit="currency",
                frequency="financial_year",
                comparators=["London", "England"],
            ),
            definition(
                "c-legal-costs",
                8,
                title="External legal costs of care proceedings",
                unit="currency",
                frequency="quarter",
            ),
        ],
        values=[
            *[
                [f"c-{k}", p, v]
                for k in ("mixed", "missing", "older-years", "none", "three-above")
                for p, v in (("2019-03", 70.0), ("2019-06", 72.44))
            ],
            ["c-currency", "2018-03", 4100.5],
            ["c-currency", "2019-03", 4380],
            ["c-unit-cost", "2018-03", 612.0],
            ["c-unit-cost", "2019-03", 698.0],
            ["c-legal-costs", "2019-03", 2_081_000],
            ["c-legal-costs", "2019-06", 2_131_100],
        ],
        benchmarks=[
            ["c-mixed", "2019-03", "London", 75.0],
            ["c-mixed", "2019-03", "England", 70.0],
            ["c-mixed", "2019-03", "Statistical neighbours", 72.4],
            ["c-missing", "2019-03", "London", 71.0],
            ["c-older-years", "2017-03", "London", 65.0],
            ["c-older-years", "2018-03", "England", 80.0],
            ["c-currency", "2018-03", "London", 4120.49],
            *[
                ["c-three-above", "2019-03", area, value]
                for area, value in (("London", 70.1), ("England", 68.0), ("Statistical neighbours", 71.2))
            ],
            ["c-unit-cost", "2018-03", "London", 904.4],
            ["c-unit-cost", "2018-03", "England", 804.0],
        ],
    )


def test_comparators_mixed_missing_and_from_older_years(tmp_path: Path) -> None:
    public, _ = narrate_both(comparator_project(tmp_path))
    assert any("no England figure has been published" in s for s in public["c-missing"])
    older = " ".join(public["c-older-years"])
    assert "There is no local figure for January to March 2017 or January to March 2018" in older
    assert "London (65.0% for January to March 2017)" in older
    # Our own figure for January to March 2019 (70.0%) is the one compared, not April to June's.
    assert any(
        "For January to March 2019, the latest period published for comparison, it was 70.0%, "
        "below London (70.1%) and statistical neighbours (71.2%) but above England (68.0%)." in s
        for s in public["c-three-above"]
    )
    assert any("below London (75.0%) and statistical neighbours (72.4%)" in s for s in public["c-mixed"])
    unit_cost = " ".join(public["c-unit-cost"])
    assert "£698 in" in unit_cost and "up £86 (14%) from £612" in unit_cost
    assert "it was £612, below both the London (£904) and England (£804) averages" in unit_cost
    legal = " ".join(public["c-legal-costs"])
    # Three significant figures, and a change a reader can check against them.
    assert "proceedings were £2.13 million" in legal and "up £50,000 (2%) from £2.08 million" in legal
    check_golden("comparators", as_text(tmp_path))


def suppression_project(root: Path) -> Path:
    return make_project(
        root,
        definitions=[
            definition("s-small-count", 1, rag={"kind": "thresholds", "green": 2, "red": 4}),
            definition(
                "s-small-numerator",
                2,
                unit="percent",
                polarity="higher_is_better",
                frequency="quarter",
            ),
            definition("s-previous-small", 3),
            definition(
                "s-variant",
                4,
                unit="percent",
                polarity="higher_is_better",
                frequency="quarter",
                variants=[{"id": "engaged", "label": "Excluding care leavers who decline support"}],
            ),
        ],
        values=[
            *monthly("s-small-count", "2019-05", [6, 7, 3, 2]),
            ["s-small-numerator", "2019-03", None, 40, 60],
            ["s-small-numerator", "2019-06", None, 3, 60],
            *monthly("s-previous-small", "2019-06", [20, 3, 25]),
            ["s-variant", "2019-06", None, 112, 149],
            ["s-variant", "2019-06", None, 110, 145, "engaged"],
        ],
    )


def test_suppressed_values_reveal_nothing(tmp_path: Path) -> None:
    public, exempt = narrate_both(suppression_project(tmp_path))
    small = " ".join(public["s-small-count"])
    assert "fewer than 5" in small and not re.search(r"\b[0-4]\b", small.replace("fewer than 5", ""))
    numerator = " ".join(public["s-small-numerator"])
    assert "fewer than" not in numerator and "not published" in numerator and "%" not in numerator
    previous = " ".join(public["s-previous-small"])
    assert "25" in previous and "from 3" not in previous and "up 22" not in previous
    assert any("from 3" in s for s in exempt["s-previous-small"])
    variant = " ".join(public["s-variant"])
    assert "110" not in variant and "76%" not in variant and "could identify children" in variant
    check_golden("suppressed", as_text(tmp_path))


def pattern_project(root: Path) -> Path:
    papers = [
        {
            "reference": "CYP19001",
            "meeting_date": "2019-03-19",
            "period": "2019-02",
            "title": "Performance",
        },
        {
            "reference": "CYP19002",
            "meeting_date": "2019-07-09",
            "period": "2019-05",
            "title": "Performance",
        },
    ]
    return make_project(
        root,
        definitions=[
            definition(
                "p-assessments",
                1,
                cumulative={"year": "calendar_year"},
                projection={"method": "seasonal", "profile_years": 2},
                polarity="neutral",
            ),
            definition("p-persistent-red", 2, rag={"kind": "thresholds", "green": 10, "red": 20}),
            definition("p-first-red", 3, rag={"kind": "thresholds", "green": 10, "red": 20}),
            definition("p-signal", 4, polarity="higher_is_better", unit="days", decimals=1),
            definition(
                "p-fallback",
                5,
                cumulative={"year": "calendar_year"},
                projection={"method": "seasonal", "profile_years": 2},
                polarity="neutral",
            ),
        ],
        values=[
            *monthly("p-assessments", "2017-01", [20, 45, 70, 95, 120, 140, 160, 175, 200, 225, 255, 281]),
            *monthly(
                "p-assessments",
                "2018-01",
                [25, 55, 85, 115, 150, 180, 210, 252, 280, 310, 335, 356],
            ),
            *monthly("p-assessments", "2019-01", [30, 70, 110, 150, 200, 250, 300, 343]),
            *monthly("p-fallback", "2018-01", [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]),
            *monthly("p-fallback", "2019-01", [12, 24, 36, 48, 60, 72, 84, 96]),
            *monthly("p-persistent-red", "2019-01", [25, 26, 24, 27, 28, 29, 30, 31]),
            *monthly("p-first-red", "2019-01", [8, 9, 8, 9, 12, 15, 18, 22]),
            *monthly(
                "p-signal",
                "2018-01",
                [
                    10.0,
                    10.4,
                    9.8,
                    10.1,
                    9.9,
                    10.2,
                    10.0,
                    9.7,
                    10.3,
                    11.0,
                    11.2,
                    11.1,
                    11.4,
                    11.3,
                    11.2,
                    11.5,
                    11.3,
                    11.2,
                    11.4,
                    11.3,
                ],
            ),
        ],
        papers=papers,
    )


def test_projection_persistence_and_variation(tmp_path: Path) -> None:
    public, _ = narrate_both(pattern_project(tmp_path))
    assert any("96% of the 2018 total of 356" in s for s in public["p-assessments"])
    persistent = " ".join(public["p-persistent-red"])
    assert "red for the third report" in persistent or "red for the third consecutive" in persistent
    assert "CYP19002" not in persistent, "the earlier papers are listed once, under the indicator"
    assert any("(it was amber in the last report)" in s for s in public["p-first-red"])
    # Two profile years were asked for but only one exists: compute fell back to pro rata,
    # and the sentence must say so rather than claim a seasonal pattern.
    fallback = " ".join(public["p-fallback"])
    assert "at the same rate for the rest of the year" in fallback and "pattern" not in fallback
    check_golden("patterns", as_text(tmp_path))


@pytest.mark.parametrize("builder", [seed_project, comparator_project, suppression_project, pattern_project])
def test_sentences_are_in_house_style(tmp_path: Path, builder: Callable[[Path], Path]) -> None:
    public, exempt = narrate_both(builder(tmp_path))
    for sentence in [s for group in (public, exempt) for sentences in group.values() for s in sentences]:
        assert sentence[:1].isupper() or sentence[:1].isdigit(), sentence
        assert (
            ") (" not in sentence
            and " %" not in sentence
            and "data is" not in sentence
            and "data are" not in sentence
        )
        assert not re.search(r"\d\.\d{3,}", sentence), sentence


def test_figures_that_print_the_same_are_in_line_not_above(tmp_path: Path) -> None:
    project = load_project(seed_project(tmp_path))
    exclusions = next(d for d in project.definitions if d.id == "secondary-permanent-exclusions")
    period = Period(parse_month("2018-08"), Frequency.ACADEMIC_YEAR)

    def against(benchmark: float) -> str:
        gap = 0.20 - benchmark
        comparison = Comparison("England", period, benchmark, Cell.of(0.20), Cell.of(gap), WORSE)
        return relation_word(comparison, exclusions)

    assert against(0.196) == "in line with"
    assert against(0.19) == "above"


def test_a_long_red_run_counts_its_reports_in_the_rating_sentence(tmp_path: Path) -> None:
    project = load_project(pattern_project(tmp_path))
    public_view, _ = disclose(compute_report(project, parse_month(REPORT)), project)
    facts = next(f for f in public_view.indicators if f.definition.id == "p-persistent-red")
    papers = tuple(
        EarlierPaper(reference=f"CYP1900{n}", meeting_date=dt.date(2019, n, 1), period="2019-01", title="P")
        for n in (5, 4, 3, 2)
    )
    longer = dataclasses.replace(facts, persistence=Persistence(5, papers))
    sentence = describe_rag(longer, load_wording(None), pick=0)
    assert "fifth" in sentence and "CYP" not in sentence, sentence


@pytest.mark.parametrize(
    ("earlier", "later", "decimals", "words"),
    [
        (61.5, 54.4, 0, "down 8 percentage points from 62%"),  # 7.1 exactly, 8 as printed
        (93.94, 92.86, 1, "down 1.0 percentage points from 93.9%"),
        (9.14, 11.94, 1, "up 2.8 percentage points from 9.1%"),
    ],
)
def test_a_change_is_the_difference_between_the_figures_as_printed(
    tmp_path: Path, earlier: float, later: float, decimals: int, words: str
) -> None:
    root = make_project(
        tmp_path,
        definitions=[definition("stability", 1, unit="percent", decimals=decimals)],
        values=monthly("stability", "2019-07", [earlier, later]),
    )
    _, exempt = narrate_both(root)
    assert any(words in sentence for sentence in exempt["stability"]), exempt["stability"]


def test_figures_that_print_the_same_are_the_same(tmp_path: Path) -> None:
    root = make_project(
        tmp_path,
        definitions=[definition("stability", 1, unit="percent", decimals=0)],
        values=monthly("stability", "2019-07", [54.2, 53.9]),
    )
    _, exempt = narrate_both(root)
    text = " ".join(exempt["stability"])
    assert "percentage point" not in text and "the same" in text, text


def benchmarking_project(root: Path) -> Path:
    """Ranks among every authority, the neighbours' average, a comparator DfE did not publish,
    and an annual snapshot at 30 September."""
    from conftest import CONFIG, write_csv

    neighbours = ["Trafford", "Sutton", "Kent"]
    make_project(
        root,
        definitions=[
            definition(
                "b-exclusions",
                1,
                title="Secondary permanent exclusions",
                frequency="academic_year",
                comparators=["London", "Outer London", "England", "Statistical neighbours"],
                rag={"kind": "benchmark", "comparators": ["Outer London", "England"]},
                benchmark_basis=RATE_BASIS,
            ),
            definition(
                "b-caseload",
                2,
                title="Average social worker caseload",
                unit="number",
                decimals=1,
                frequency="annual",
                year_end=9,
                measure="snapshot",
                comparators=["England", "Statistical neighbours"],
                rag={"kind": "tolerance", "target": 16, "tolerance": 1},
            ),
        ],
        values=[
            ["b-exclusions", "2018-08", 53, None, 23500],
            ["b-exclusions", "2019-08", 62, None, 23870],
            ["b-caseload", "2017-09", 15.8],
            ["b-caseload", "2018-09", 16.4],
        ],
        config={**CONFIG, "benchmarking": {"region": "London", "statistical_neighbours": neighbours}},
    )
    rows: list[list[object]] = [
        ["b-exclusions", "2018-08", "London", "[x]"],
        ["b-exclusions", "2018-08", "Outer London", 0.18],
        ["b-exclusions", "2018-08", "England", 0.20],
        ["b-caseload", "2018-09", "England", 17.4],
    ]
    for index, name in enumerate(["Bromley", "Sutton", "Croydon", "Merton", "Trafford", "Kent", "Leeds"]):
        rows.append(["b-exclusions", "2018-08", name, round(0.12 + 0.03 * index, 2)])
        rows.append(["b-caseload", "2018-09", name, 15.0 + 0.5 * index])
    write_csv(root / "sample_data" / "benchmarks.csv", ["indicator", "period", "area", "value"], rows)
    return root


def test_ranks_neighbours_and_a_comparator_not_published(tmp_path: Path) -> None:
    public, _ = narrate_both(benchmarking_project(tmp_path))
    exclusions = " ".join(public["b-exclusions"])
    assert "it ranked" in exclusions and "of five London authorities" in exclusions
    # London's missing figure is said once, as a footnote to the comparison table, not a warning.
    project = load_project(tmp_path)
    public_view, _ = disclose(compute_report(project, parse_month(REPORT)), project)
    notes = narrate_public(public_view, {}, "narrative", tmp_path).commentary["b-exclusions"].footnotes
    assert notes == ("[x] London, 2017/18: not available.",)
    caseload = " ".join(public["b-caseload"])
    assert "was 16.4 as at 30 September 2018" in caseload
    assert "a year earlier, at 30 September 2017" in caseload
    check_golden("benchmarking", as_text(tmp_path))
