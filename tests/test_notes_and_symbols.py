"""Notes beside the figures and the symbols for figures missing for a reason: read from
values.csv, shown as footnotes in both papers, public.csv and summary.json, and published only
when they give nothing away."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from conftest import definition, make_project, write_csv
from kpicli.compute import compute_report
from kpicli.disclose import disclose
from kpicli.load import load_project
from kpicli.narrate import narrate_exempt, narrate_public
from kpicli.paper_checks import stale_warnings
from kpicli.periods import parse_month
from kpicli.render import public_csv, render_exempt_html, render_public_html, summary_json

HEADER = ["indicator", "period", "value", "numerator", "denominator", "variant", "note"]


def noted_project(root: Path) -> Path:
    make_project(
        root,
        definitions=[
            definition("exclusions", 1, frequency="academic_year"),
            definition("complaints", 2, frequency="academic_year"),
            definition("caseload", 3, unit="number", decimals=1, frequency="academic_year"),
        ],
        values=[],
    )
    rows = [
        ["exclusions", "2018-08", 53, "", "", "", ""],
        [
            "exclusions",
            "2019-08",
            "62 [p]",
            "",
            "",
            "",
            "DfE publishes validated 2018/19 figures in July 2020",
        ],
        ["complaints", "2018-08", 12, "", "", "", "Includes 3 withdrawn"],
        ["complaints", "2019-08", 3, "", "", "", "Provisional"],
        ["caseload", "2018-08", 15.2, "", "", "", ""],
        ["caseload", "2019-08", "[c]", "", "", "", ""],
    ]
    write_csv(root / "sample_data" / "values.csv", HEADER, rows)
    return root


def papers(root: Path) -> tuple[str, str, str, str]:
    project = load_project(root)
    report = compute_report(project, parse_month("2019-08"))
    public_view, exempt_view = disclose(report, project)
    public = narrate_public(public_view, {}, "narrative")
    exempt = narrate_exempt(exempt_view, {}, "narrative")
    return (
        render_public_html(public, None),
        public_csv(public),
        summary_json(public, [], []),
        render_exempt_html(exempt, None),
    )


def test_a_note_and_a_provisional_flag_appear_beside_the_figure_everywhere(tmp_path: Path) -> None:
    html, table, summary, exempt = papers(noted_project(tmp_path))
    note = "2018/19 academic year: DfE publishes validated 2018/19 figures in July 2020; Provisional."
    assert note in html and note in exempt
    rows = {row["indicator"]: row for row in csv.DictReader(io.StringIO(table))}
    assert rows["exclusions"]["notes"] == note and rows["exclusions"]["value"] == "62"
    found = {item["id"]: item for item in json.loads(summary)["public_indicators"]}
    assert found["exclusions"]["notes"] == [note]


def test_a_note_that_could_reveal_a_withheld_figure_is_not_published(tmp_path: Path) -> None:
    html, table, summary, exempt = papers(noted_project(tmp_path))
    # The 2018/19 count of 3 is withheld, so its note goes; the 2017/18 note names a small count.
    for public in (html, table, summary):
        assert "Includes 3 withdrawn" not in public and "Provisional." not in public.replace(
            "; Provisional.", ""
        )
    # Part 2 shows every figure, and the notes beside them.
    assert "2017/18 academic year: Includes 3 withdrawn." in exempt
    assert "2018/19 academic year: Provisional." in exempt


def test_every_year_the_source_suppressed_since_our_latest_figure_is_named(tmp_path: Path) -> None:
    """A rating resting on a figure three years old says so: the commentary names the whole run
    of years the source suppressed, not just the last of them."""
    root = noted_project(tmp_path)
    values = root / "sample_data" / "values.csv"
    rows = [row.split(",") for row in values.read_text(encoding="utf-8").splitlines()[1:]]
    rows = [row for row in rows if row[0] != "caseload"] + [
        ["caseload", "2016-08", "15.2", "", "", "", ""],
        ["caseload", "2017-08", "[c]", "", "", "", ""],
        ["caseload", "2018-08", "[c]", "", "", "", ""],
        ["caseload", "2019-08", "[c]", "", "", "", ""],
    ]
    write_csv(values, HEADER, rows)
    html, _, _, _ = papers(root)
    assert "the figures for 2016/17 to 2018/19 were not published ([c]: suppressed at source" in html
    assert "the figure for the 2018/19 academic year was not published" not in html


def test_a_figure_the_source_suppressed_is_said_so_not_called_not_yet_available(tmp_path: Path) -> None:
    root = noted_project(tmp_path)
    html, _, _, _ = papers(root)
    assert "the figure for the 2018/19 academic year was not published ([c]: suppressed at source" in html
    assert "not yet available" not in html
    project = load_project(root)
    report = compute_report(project, parse_month("2019-08"))
    caseload = [f for f in report.indicators if f.definition.id == "caseload"]
    assert not caseload[0].stale and not stale_warnings(caseload, project)
