"""Classes 2 to 8, each by a crafted project read only through its public outputs.

Most attacks use twins: two projects identical except for a withheld figure, each value one the
policy withholds in the same way. A reader who can tell the twins apart from their public
outputs has learned something about the withheld figure, so every public output must be
byte-identical between them. The others do the reader's arithmetic (differences across papers,
remainders, gaps) on what the papers print.
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path
from typing import Any

from public_reader import PublicPaper, months_between, occurrences, public_papers

from conftest import definition, make_project, monthly

PERIOD = "2019-08"
MONTHLY_MEETINGS = {
    "meetings": [
        {"period": period, "date": f"{period}-28", "reference": f"CYP{period.replace('-', '')}"}
        for period in months_between("2019-01", "2019-12")
    ]
}


def config(**changes: Any) -> dict[str, Any]:
    from conftest import CONFIG

    return {**CONFIG, **MONTHLY_MEETINGS, **changes}


def assert_twins_read_the_same(first: dict[str, PublicPaper], second: dict[str, PublicPaper]) -> None:
    for period in first:
        a, b = first[period], second[period]
        assert a.summary_text == b.summary_text, f"summary.json differs in {period}"
        assert a.csv == b.csv, f"public.csv differs in {period}"
        assert a.text == b.text, f"public.html reads differently in {period}: " + first_difference(
            a.text, b.text
        )
        assert a.html == b.html, f"public.html differs in {period}"


def first_difference(a: str, b: str) -> str:
    at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f"...{a[max(0, at - 80) : at + 80]}... against ...{b[max(0, at - 80) : at + 80]}..."


def twins(tmp_path: Path, build: Any, values: tuple[float, float], periods: list[str]) -> None:
    first, second = (
        public_papers(build(tmp_path / f"twin-{n}", value), periods) for n, value in enumerate(values)
    )
    assert_twins_read_the_same(first, second)


# Class 2: statements about earlier periods


def persistent_red(root: Path, earlier: int) -> Path:
    """Red (above 20) in June, July and August; May's figure is small and withheld, green at 2
    and red at 4 if it were rated: 'red for the third or fourth consecutive report'."""
    return make_project(
        root,
        definitions=[definition("missing", 1, rag={"kind": "thresholds", "green": 2, "red": 3})],
        values=monthly("missing", "2019-01", [30, 31, 32, 33, earlier, 34, 35, 36]),
        config=config(),
    )


def test_reports_in_a_row_rated_red_rest_only_on_published_figures(tmp_path: Path) -> None:
    twins(tmp_path, persistent_red, (2, 4), ["2019-06", PERIOD])


def rating_change(root: Path, earlier: int) -> Path:
    """July is withheld (green at 2, red at 4); August is published and red: 'changed from ...'."""
    return make_project(
        root,
        definitions=[definition("missing", 1, rag={"kind": "thresholds", "green": 2, "red": 3})],
        values=monthly("missing", "2019-01", [30, 1, 32, 2, 33, 34, earlier, 36]),
        config=config(),
    )


def test_rating_changes_and_runs_rest_only_on_published_figures(tmp_path: Path) -> None:
    twins(tmp_path, rating_change, (2, 4), [PERIOD])


# Class 3: formulas with a withheld input


def seasonal(root: Path, january: int) -> Path:
    """Calendar year to date, projected on last year's profile: January 2018's figure is small
    and withheld, so the profile (January's share of 2018) must not be published by division."""
    last_year = [january, 40, 60, 80, 100, 120, 140, 160, 180, 200, 220, 240]
    return make_project(
        root,
        definitions=[
            definition(
                "assessments",
                1,
                cumulative={"year": "calendar_year"},
                projection={"method": "seasonal"},
                polarity="neutral",
            )
        ],
        values=monthly("assessments", "2018-01", [*last_year, 50]),
        config=config(),
    )


def test_a_projection_never_divides_by_a_withheld_figure(tmp_path: Path) -> None:
    twins(tmp_path, seasonal, (3, 4), ["2019-01"])
    paper = public_papers(seasonal(tmp_path / "shown", 3), ["2019-01"])["2019-01"]
    assert "pro rata" in paper.text or "projected" not in paper.text


# Class 4: time


def year_to_date(root: Path) -> Path:
    """April to September: 100, 120, 135, 147 (July), 150 (August), 190."""
    return make_project(
        root,
        definitions=[definition("referrals", 1, cumulative={"year": "financial_year"}, polarity="neutral")],
        values=monthly("referrals", "2019-04", [100, 120, 135, 147, 150, 190]),
        config=config(),
    )


def published_latest(papers: dict[str, PublicPaper], indicator: str) -> dict[str, float]:
    """Each paper's latest figure for the indicator as public.csv gives it, by its period."""
    found = {}
    for paper in papers.values():
        row = paper.rows[indicator]
        if row["value"] not in ("", "[c]"):
            found[row["period"]] = float(row["value"])
    return found


def test_year_to_date_figures_across_consecutive_papers_reveal_no_small_count(tmp_path: Path) -> None:
    root = year_to_date(tmp_path / "p")
    papers = {
        period: public_papers(root, [period])[period] for period in months_between("2019-04", "2019-09")
    }
    published = sorted(published_latest(papers, "referrals").items())
    assert ("2019-07", 147.0) in published, "the reading found July's published figure"
    for (first, a), (second, b) in pairwise(published):
        assert not 0 < b - a < 5, f"{first} and {second} were published as {a:g} and {b:g}"
    # A figure once published is never withheld by a later paper, nor printed differently.
    for period, value in published:
        later = [p for p in papers.values() if p.period >= period]
        assert all(occurrences(p.text, value) or p.rows["referrals"]["period"] != period for p in later)


def test_range_builds_and_single_builds_agree(tmp_path: Path) -> None:
    root = year_to_date(tmp_path / "p")
    months = months_between("2019-04", "2019-09")
    together = public_papers(root, months)
    for period in months:
        alone = public_papers(root, [period])[period]
        assert (alone.html, alone.csv, alone.summary_text) == (
            together[period].html,
            together[period].csv,
            together[period].summary_text,
        )


# Class 5: variants


def care_leavers(root: Path) -> Path:
    percent = {
        "unit": "percent",
        "polarity": "higher_is_better",
        "frequency": "quarter",
        "measure": "snapshot",
    }
    return make_project(
        root,
        definitions=[
            definition(
                "accommodation",
                1,
                **percent,
                rag={"kind": "thresholds", "green": 90, "red": 80},
                headline_label="All care leavers",
                variants=[{"id": "excluding", "label": "Excluding those who decline support"}],
            )
        ],
        values=[
            ["accommodation", "2019-06", None, 112, 149],
            ["accommodation", "2019-06", None, 105, 140, "excluding"],
        ],
        config=config(),
    )


def test_two_published_pairs_never_reveal_the_remainder_of_the_group_between_them(tmp_path: Path) -> None:
    paper = public_papers(care_leavers(tmp_path / "p"), [PERIOD])[PERIOD]
    pairs = {(int(n), int(d)) for n, d in re.findall(r"\((\d+) (?:of|out of) (\d+)\)", paper.text)}
    assert (112, 149) in pairs, "the headline is safe and is published"
    for n1, d1 in pairs:
        for n2, d2 in pairs:
            for gap in (n1 - n2, d1 - d2, (d1 - n1) - (d2 - n2)):
                assert not 0 < gap < 5, f"{n1} of {d1} beside {n2} of {d2}"


# Class 6: percentages and rates without both counts


def lone_counts(root: Path) -> Path:
    percent = {"unit": "percent", "polarity": "higher_is_better", "decimals": 1}
    return make_project(
        root,
        definitions=[
            definition("eet", 1, **percent),
            definition("stability", 2, **percent),
            definition("plans-rate", 3, unit="rate", rate_per=10000, polarity="neutral", decimals=1),
        ],
        # 3 of 7 given as the percentage and its numerator; 97 of 100 as the percentage and
        # its denominator; a rate given alone (times the published population: the count).
        values=[
            ["eet", PERIOD, 42.857, 3],
            ["stability", PERIOD, 97.0, None, 100],
            ["plans-rate", PERIOD, 0.4],
        ],
        config=config(),
    )


def test_no_percentage_or_rate_is_published_on_a_lone_or_missing_count(tmp_path: Path) -> None:
    root = lone_counts(tmp_path / "p")
    paper = public_papers(root, [PERIOD])[PERIOD]
    for indicator in ("eet", "stability", "plans-rate"):
        row = paper.rows[indicator]
        assert (row["value"], row["numerator"]) == ("[c]", "[c]"), row
    assert occurrences(paper.everything, 42.9) == [] and occurrences(paper.everything, 97.0) == []
    warnings = " ".join(paper.summary["warnings"])
    assert "plans-rate" in warnings and "numerator and denominator" in warnings


def test_a_percentage_without_counts_fails_a_strict_build(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kpicli.cli import app

    root = lone_counts(tmp_path / "p")
    result = CliRunner().invoke(
        app, ["build", "--period", PERIOD, "--project", str(root), "--strict", "-o", str(tmp_path / "o")]
    )
    assert result.exit_code == 1 and "numerator and denominator" in result.output


# Class 7: rounding


def rounded(root: Path, latest: int) -> Path:
    """Counts rounded to 5: 21 and 22 both print as 20, either side of the red threshold 21."""
    return make_project(
        root,
        definitions=[
            definition(
                "visits",
                1,
                rag={"kind": "thresholds", "green": 15, "red": 21},
                comparators=["England"],
                disclosure={"round_to": 5},
            ),
        ],
        values=monthly("visits", "2019-01", [31, 29, 27, 24, 26, 22, 28, latest]),
        benchmarks=[["visits", "2019-03", "England", 22.5]],
        config=config(),
    )


def test_with_rounding_everything_published_comes_from_the_rounded_figures(tmp_path: Path) -> None:
    twins(tmp_path, rounded, (21, 22), [PERIOD])


# Class 8: breakdown totals


def looked_after(root: Path) -> Path:
    return make_project(
        root,
        definitions=[definition("looked-after", 1, rag={"kind": "thresholds", "green": 100, "red": 200})],
        values=monthly("looked-after", PERIOD, [352]),
        breakdowns=[
            ["looked-after", PERIOD, "Age band", band, count]
            for band, count in (
                ("Under 1", 14),
                ("1 to 4", 37),
                ("5 to 9", 60),
                ("10 to 15", 138),
                ("16 and 17", 100),
            )
        ],
        config=config(),
    )


def test_a_breakdown_that_falls_short_of_the_headline_protects_the_gap(tmp_path: Path) -> None:
    paper = public_papers(looked_after(tmp_path / "p"), [PERIOD])[PERIOD]
    table = re.search(r"<table class=\"breakdown\">.*?</table>", paper.html, re.S)
    assert table is not None
    cells = re.findall(r"<th scope=\"row\">([^<]+)</th><td class=\"num\">([^<]+)</td>", table.group(0))
    shown = {category: value for category, value in cells}
    assert list(shown)[:2] == ["Under 1", "1 to 4"], "the extract's order, not the alphabet's"
    assert shown["Total"] == "352", "the table adds up to the headline figure"
    numbers = [int(value) for category, value in cells if category != "Total" and value != "[c]"]
    withheld = [category for category, value in cells if value == "[c]"]
    assert withheld, "3 children with no recorded band are a small number"
    assert not 0 < 352 - sum(numbers) < 5
