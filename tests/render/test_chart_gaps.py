"""A trend chart breaks its line at a period with no figure, withheld or never given, as the
sparkline does: the points either side are drawn, never joined, and the words say which period
has no figure. Read from the charts the build puts in both papers."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import yaml

from conftest import definition, make_project, monthly, with_actions
from kpicli.load import load_project
from kpicli.pipeline import run_stages

SERIES_LINE = re.compile(r'<polyline points="([^"]+)" fill="none" stroke="#1d4f91" stroke-width="2.4"')
SERIES_POINT = re.compile(r'<circle cx="([\d.]+)" cy="[\d.]+" r="2.8" fill="#1d4f91"')


def gappy_project(root: Path) -> Path:
    """A red monthly count from September 2018: no row for April 2019, and June 2019's 3 is small."""
    counts = [25, 27, 26, 28, 30, 29, 31, None, 32, 3, 33, 34]
    return make_project(
        root,
        definitions=[definition("missing-episodes", 1, rag={"kind": "thresholds", "green": 10, "red": 20})],
        values=monthly("missing-episodes", "2018-09", counts),
        narrative={"missing-episodes": with_actions()},
    )


def chart(page: str) -> tuple[str, str]:
    """The chart's SVG and its alternative text."""
    match = re.search(r'<img class="chart" src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]*)"', page)
    assert match is not None
    return base64.b64decode(match.group(1)).decode("utf-8"), match.group(2)


def test_a_trend_chart_breaks_its_line_at_a_missing_or_withheld_month(tmp_path: Path) -> None:
    pages = run_stages(load_project(gappy_project(tmp_path / "project")), "2019-08").pages
    assert pages is not None
    public, public_alt = chart(pages.html["public"])
    exempt, exempt_alt = chart(pages.html["exempt"])
    # Part 1: September to March, May alone, July and August; Part 2 has June's figure.
    assert [len(line.split()) for line in SERIES_LINE.findall(public)] == [7, 1, 2]
    assert [len(line.split()) for line in SERIES_LINE.findall(exempt)] == [7, 4]
    # April (and in Part 1 June) keeps its place on the axis: the months are evenly spaced.
    for svg, months in (
        (public, [0, 1, 2, 3, 4, 5, 6, 8, 10, 11]),
        (exempt, [0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11]),
    ):
        xs = [float(x) for x in SERIES_POINT.findall(svg)]
        assert [round((x - xs[0]) / (xs[1] - xs[0])) for x in xs] == months
        assert "Apr 2019" in svg and "No figure for Apr 2019" in svg
        assert "There is no figure for April 2019." in re.sub(r"<[^>]+>", " ", svg)
    assert "[c]" in public and "[c]" not in exempt
    for alt in (public_alt, exempt_alt):
        assert "no figure for April 2019" in alt


def described_values(svg: str) -> str:
    match = re.search(r"Values: ([^.]*)\.", svg)
    assert match is not None
    return match.group(1)


def test_the_chart_description_keeps_each_value_in_its_month(tmp_path: Path) -> None:
    # Twelve months, twelve entries: a screen-reader user counts along to match value and month.
    pages = run_stages(load_project(gappy_project(tmp_path / "project")), "2019-08").pages
    assert pages is not None
    public, exempt = chart(pages.html["public"])[0], chart(pages.html["exempt"])[0]
    assert described_values(public) == "25, 27, 26, 28, 30, 29, 31, no figure, 32, [c], 33, 34"
    assert described_values(exempt) == "25, 27, 26, 28, 30, 29, 31, no figure, 32, 3, 33, 34"


def test_the_chart_marks_a_withheld_month_with_the_projects_own_symbol(tmp_path: Path) -> None:
    project = gappy_project(tmp_path / "project")
    config = yaml.safe_load((project / "kpicli.yaml").read_text(encoding="utf-8"))
    config["disclosure"] = {"symbol": "[s]"}
    (project / "kpicli.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    pages = run_stages(load_project(project), "2019-08").pages
    assert pages is not None
    svg = chart(pages.html["public"])[0]
    # The mark over June's gap, the note under the chart and the description all use it.
    assert ">[s]</text>" in svg and "[s] figure withheld: a gap in the line" in svg
    assert described_values(svg) == "25, 27, 26, 28, 30, 29, 31, no figure, 32, [s], 33, 34"
    assert "[c]" not in svg
