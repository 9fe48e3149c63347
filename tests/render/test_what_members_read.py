"""What a councillor reads in the sample's papers, cell by cell and sentence by sentence: each
symbol means what its legend says, and no cell or sentence claims what the figures beside it
do not show."""

from __future__ import annotations

import base64
import re
import shutil
from pathlib import Path
from xml.etree.ElementTree import Element

import pytest

from conftest import CONFIG, REPO_ROOT, definition, make_project, monthly, with_actions
from kpicli.commands.scaffold import create_blank_project
from kpicli.render import render_public_html
from tests.render.test_glance import chart_svg, narrate
from tests.render.test_page import find_all, parse, text

SYMBOL = "[c]"


@pytest.fixture(scope="module")
def papers(sample_html: dict[str, str]) -> dict[str, Element]:
    return {name: parse(html) for name, html in sample_html.items()}


def dashboard_rows(page: Element) -> dict[str, dict[str, str]]:
    """Each dashboard row's cells by column heading, keyed by indicator number."""
    rows: dict[str, dict[str, str]] = {}
    for table in find_all(page, "table"):
        if "dashboard" not in (table.get("class") or ""):
            continue
        headings = [text(th) for th in find_all(find_all(table, "thead")[0], "th")]
        for tr in find_all(find_all(table, "tbody")[0], "tr"):
            cells = [text(cell) for cell in tr if cell.tag.endswith(("td", "th"))]
            rows[cells[0]] = dict(zip(headings, cells, strict=True))
    return rows


@pytest.mark.parametrize("paper", ["public", "exempt"])
def test_the_change_column_shows_the_symbol_only_beside_a_withheld_figure(
    papers: dict[str, Element], paper: str
) -> None:
    rows = dashboard_rows(papers[paper])
    assert len(rows) > 30
    for number, row in rows.items():
        if SYMBOL in row["Change"]:
            assert SYMBOL in row["Latest"] + row["Previous period"], (paper, number, row)
    # Indicator 35 counts the year to date: both figures are printed and nothing is withheld.
    ehc = rows["35"]
    assert SYMBOL not in ehc["Latest"] + ehc["Previous period"]
    assert ehc["Change"] == "Not compared: year to date"
    (dashboards,) = [s for s in find_all(papers[paper], "section") if s.get("id") == "dashboards"]
    intro = text(find_all(dashboards, "p")[0])
    assert "“Not compared: year to date” marks a total for the year so far" in intro


def test_a_paper_with_nothing_withheld_prints_no_legend_for_the_symbol(tmp_path: Path) -> None:
    root = make_project(
        tmp_path,
        [definition("contacts", 1, rag={"kind": "thresholds", "green": 900, "red": 1200})],
        monthly("contacts", "2018-01", [800 + 5 * month for month in range(20)]),
    )
    public, _ = narrate(root)
    html = render_public_html(public, root)
    assert SYMBOL not in html
    assert "are withheld" in html, "the cover still says small figures would be withheld"


def dashboards_intro(page: Element) -> str:
    (dashboards,) = [s for s in find_all(page, "section") if s.get("id") == "dashboards"]
    return text(find_all(dashboards, "p")[0])


def test_the_dashboards_introduction_explains_only_what_the_dashboards_show(
    tmp_path: Path, papers: dict[str, Element]
) -> None:
    """The sample's explains its comparators and its ranks among London's authorities; a blank
    project's (kpicli init --blank: no comparator, no rank) mentions neither; a project compared
    with England alone explains comparators and says nothing of ranks or of London."""
    for paper in papers.values():
        intro = dashboards_intro(paper)
        assert "Comparators' figures are published later than ours" in intro
        assert "Rank is our place among the London authorities" in intro
    blank = tmp_path / "blank"
    create_blank_project(blank)
    public, _ = narrate(blank, "2025-03")
    intro = dashboards_intro(parse(render_public_html(public, blank)))
    assert intro.startswith("Every indicator as at the end of March 2025")
    for word in ("omparator", "Rank", "London", "quartile"):
        assert word not in intro, (word, intro)
    england = make_project(
        tmp_path / "england",
        [
            definition(
                "contacts", 1, rag={"kind": "thresholds", "green": 900, "red": 1200}, comparators=["England"]
            )
        ],
        monthly("contacts", "2018-01", [800 + 5 * month for month in range(20)]),
        benchmarks=[["contacts", "2019-03", "England", 850]],
    )
    public, _ = narrate(england)
    intro = dashboards_intro(parse(render_public_html(public, england)))
    assert "Comparators' figures are published later than ours" in intro
    assert "Rank" not in intro and "London" not in intro, intro


def test_each_note_is_printed_once_and_a_missing_comparator_only_beside_a_comparison(
    papers: dict[str, Element],
) -> None:
    for paper, page in papers.items():
        lists = [[text(li) for li in ul] for ul in find_all(page, "ul") if ul.get("class") == "footnotes"]
        assert lists, paper
        for notes in lists:
            # A note said of several periods is one line naming them all.
            said = [note.rsplit(": ", 1)[-1] for note in notes if not note.startswith("[")]
            assert len(said) == len(set(said)), (paper, notes)
    public = papers["public"]
    note_blocks = [div for div in find_all(public, "div") if div.get("class") == "note"]
    (ehc,) = [text(div) for div in note_blocks if text(div).startswith("35.")]
    assert ehc.count("Calendar year to date") == 1, ehc
    (exclusions,) = [text(div) for div in note_blocks if text(div).startswith("4.")]
    assert "London" not in exclusions, "no comparison is made, so no comparator's figure is missing"


def test_an_action_due_before_the_meeting_is_called_overdue_in_words(papers: dict[str, Element]) -> None:
    """The meeting is on 12 November 2019: an action due on 30 September 2019 with no update is
    overdue, one due on 31 March 2020 is current."""
    for paper, page in papers.items():
        glance = [text(tr) for tr in find_all(page, "tr") if tr.get("class") == "glance-action"]
        overdue = [row for row in glance if "overdue: no update given" in row]
        assert any("by 30 September 2019; overdue" in row for row in overdue), (paper, glance)
        assert not any("by 31 March 2020" in row for row in overdue), paper
        actions = [t for t in find_all(page, "table") if t.get("class") == "actions-table"]
        due_cells = [text(td) for t in actions for td in find_all(t, "td") if td.get("class") == "due"]
        assert "30 September 2019 (overdue: no update given)" in due_cells, (paper, due_cells)
        assert "31 March 2020" in due_cells and "31 July 2020" in due_cells


def test_after_a_shift_the_commentary_never_reassures_from_limits_that_predate_it(tmp_path: Path) -> None:
    """Twenty steady months around the 65% target, then ten months all at 54-58%."""
    steady = [63.0, 67.0] * 10
    shifted = [56.0, 54.0, 58.0, 55.0, 57.0, 54.0, 56.0, 58.0, 55.0, 54.0]
    root = make_project(
        tmp_path,
        [
            definition(
                "placement-stability",
                1,
                unit="percent",
                polarity="higher_is_better",
                measure="snapshot",
                rag={"kind": "tolerance", "target": 65, "tolerance": 5},
            )
        ],
        # With counts, so that Part 1 publishes the percentages.
        [
            [row[0], row[1], None, int(row[2]) * 2, 200]
            for row in monthly("placement-stability", "2017-03", [*steady, *shifted])
        ],
        narrative={"placement-stability": with_actions()},
    )
    public, _ = narrate(root)
    said = " ".join(public.commentary["placement-stability"].sentences)
    assert "sometimes meet the target" not in said
    assert (
        "its usual range was worked out before the change, and from November 2018 it has missed "
        "the target of 65% in each of the 10 months" in said
    ), said


def test_sentences_read_as_english_on_a_small_project(tmp_path: Path) -> None:
    """Counts agree with their verbs and leave out a rating none has; a title that names its
    measure is not prefixed 'the percentage of'; a lower-is-better count is 'above' its
    target; a figure unchanged since the last report is said to be so; frequency is an adverb."""
    root = make_project(
        tmp_path,
        [
            definition("re-referrals", 1, rag={"kind": "tolerance", "target": 20, "tolerance": 5}),
            definition(
                "permanent-exclusion-rate",
                2,
                title="Permanent exclusion rate",
                unit="percent",
                frequency="academic_year",
                decimals=2,
                rag={"kind": "thresholds", "green": 1, "red": 2},
            ),
            definition(
                "ehcp-timeliness",
                3,
                unit="percent",
                polarity="higher_is_better",
                frequency="calendar_year",
                rag={"kind": "tolerance", "target": 60, "tolerance": 5},
            ),
        ],
        monthly("re-referrals", "2018-11", [*[10, 12] * 4, 30, 40])
        + [
            ["permanent-exclusion-rate", f"{year}-08", None, 10 * (year - 2017), 10000]
            for year in (2018, 2019)
        ]
        + [["ehcp-timeliness", f"{year}-12", None, 90 + year - 2016, 1000] for year in (2016, 2017, 2018)],
        narrative={"re-referrals": with_actions(), "ehcp-timeliness": with_actions()},
        narrative_periods=("2019-05", "2019-08"),
    )
    public, _ = narrate(root)
    page = text(parse(render_public_html(public, root)))
    assert "Of the 3 indicators rated, 2 are red and 1 is green." in page
    assert "Of the 3 indicators, 2 are rated red and 1 is green." in page
    assert "The permanent exclusion rate was 0.20%" in page and "percentage of permanent" not in page
    assert "to 40, above the target of 20" in page and "short of" not in page
    assert "The figure is still 9% in 2018: no newer figure has come since the last report." in page
    assert "Frequency: monthly." in page and "Frequency: yearly (academic year)." in page


def test_a_chart_title_names_areas_mid_sentence_in_lower_case_and_the_period(
    papers: dict[str, Element],
) -> None:
    page = text(papers["public"])
    assert "better than London and England, worse than statistical neighbours for 2017/18" in page
    assert "Statistical neighbours for" not in page


def test_one_precision_per_figure_in_chart_table_and_sentence(
    papers: dict[str, Element], sample_html: dict[str, str]
) -> None:
    """Indicator 7 is 11.0% in the table, so 11.0% at the end of its line; indicator 38's
    limits read as the commentary gives them, and its change is the difference of the two
    figures printed beside it."""
    absence = chart_svg(sample_html["public"], "persistent-absence")
    assert "This council 11.0%" in absence and "11%<" not in absence
    outturn = chart_svg(sample_html["public"], "forecast-outturn-variance")
    assert "Upper limit £608,000" in outturn and "Lower limit £83,800" in outturn
    page = text(papers["public"])
    assert "(£83,800 to £608,000, worked out from" in page
    assert "was £1.24 million as at the end of August 2019, up £130,000 (12%) from £1.11 million" in page


def test_our_figure_compared_with_a_longer_period_names_its_own(papers: dict[str, Element]) -> None:
    """Indicator 41's figure is the snapshot at the end of January to March 2019, compared with
    London's 2018/19 financial year figure: never labelled as the financial year's."""
    tables = [t for t in find_all(papers["exempt"], "table") if t.get("class") == "comparisons"]
    rows = [[text(cell) for cell in tr] for t in tables for tr in find_all(t, "tr")]
    (london,) = [r for r in rows if "£4,120" in " ".join(r)]
    assert "£4,258 (Jan to Mar 2019)" in london, london


def test_no_end_label_reaches_down_to_the_period_labels(sample_html: dict[str, str]) -> None:
    """A line's name at its right-hand end stays above the period labels under the axis: the
    last period's label, centred on the last point, reaches under the end labels."""
    checked = 0
    for html in sample_html.values():
        for encoded in re.findall(r'<img class="chart" src="data:image/svg\+xml;base64,([^"]+)"', html):
            svg = base64.b64decode(encoded).decode("utf-8")
            ticks = [float(y) for y in re.findall(r'<text x="[^"]+" y="([^"]+)" text-anchor="middle"', svg)]
            ends = [float(y) for y in re.findall(r'<text x="[^"]+" y="([^"]+)" fill=', svg)]
            if ticks and ends:
                # A baseline 13 units (11-unit type and its descenders) above the ticks' baseline.
                assert max(ends) <= max(ticks) - 13, (max(ends), max(ticks))
                checked += 1
    assert checked > 20


def test_in_line_means_prints_the_same_in_the_title_the_table_and_the_commentary(tmp_path: Path) -> None:
    """Ours 57.9% and London 58.3% both print 58%: exactly lower, but "in line" by kpicli's one
    rule (compute.judgement.judge_printed), so the chart title must not call it better (or
    worse) while the table says "In line"."""
    root = make_project(
        tmp_path,
        [
            definition(
                "ehcp",
                1,
                unit="percent",
                polarity="higher_is_better",
                frequency="quarter",
                comparators=["London", "England"],
                rag={"kind": "benchmark"},
            )
        ],
        [["ehcp", "2019-03", None, 500, 1000], ["ehcp", "2019-06", None, 579, 1000]],
        benchmarks=[["ehcp", "2019-06", "London", 58.3], ["ehcp", "2019-06", "England", 65]],
        narrative={"ehcp": with_actions()},
    )
    public, _ = narrate(root)
    said = " ".join(re.sub(r"<[^>]+>", " ", render_public_html(public, root)).split())
    assert "London April to June 2019 58% 58% In line" in said
    assert "in line with London (58%) but below England (65%)" in said
    # The title names the figure it rose from, as the chart's alternative text names its first.
    assert (
        "Up to 58% in April to June 2019 from 50% in January to March 2019, in line with London, "
        "worse than England" in said
    )
    assert "better than London" not in said and "worse than London" not in said


def test_the_first_paper_claims_no_change_since_a_report_there_never_was(tmp_path: Path) -> None:
    config = {**CONFIG, "meetings": [{"period": "2019-08", "date": "2019-11-12", "reference": "CYP19004"}]}
    values = monthly("contacts", "2018-01", [800 + 5 * month for month in range(20)])
    contacts = definition("contacts", 1, rag={"kind": "thresholds", "green": 900, "red": 1200})
    first = make_project(tmp_path / "first", [contacts], values, config=config)
    public, _ = narrate(first)
    html = render_public_html(public, first)
    assert "since the last report" not in html
    assert "This is the first report to the committee" in html
    second = make_project(tmp_path / "second", [contacts], values)  # CONFIG: a meeting in 2019-05
    public, _ = narrate(second)
    html = render_public_html(public, second)
    assert "No indicator changed rating since the last report." in html
    assert "This is the first report" not in html


def test_the_first_papers_action_log_lists_completed_actions_without_a_last_report(tmp_path: Path) -> None:
    """Actions raised before the committee's first paper: those completed are 'Completed before
    this report', since there is no last report for them to be completed since."""
    actions = [
        {
            "number": "CYP19001/1",
            "raised": "2019-03-19",
            "text": "That the audit of placements be circulated to Members.",
            "owner": "Head of Service",
            "due": "2019-07-09",
            "status": "completed",
            "completed": "2019-09-01",
            "update": "Circulated on 1 September 2019.",
        }
    ]
    first_meeting = {
        **CONFIG,
        "meetings": [{"period": "2019-08", "date": "2019-11-12", "reference": "CYP19004"}],
    }
    values = monthly("contacts", "2018-01", [800 + 5 * month for month in range(20)])
    contacts = definition("contacts", 1, rag={"kind": "thresholds", "green": 900, "red": 1200})
    captions = {}
    for name, config in (("first", first_meeting), ("second", CONFIG)):
        root = make_project(tmp_path / name, [contacts], values, config=config, actions=actions)
        public, _ = narrate(root)
        (log,) = [
            s
            for s in find_all(parse(render_public_html(public, root)), "section")
            if s.get("id") == "action-log"
        ]
        captions[name] = [text(caption) for caption in find_all(log, "caption")]
        assert "Circulated on 1 September 2019." in text(log)
    assert captions == {
        "first": ["Completed before this report"],
        "second": ["Completed since the last report"],
    }


def test_completed_since_the_last_report_counts_from_an_earlier_paper_kpicli_yaml_does_not_list(
    tmp_path: Path,
) -> None:
    """papers.yaml records a paper to the meeting of 9 July 2019 that kpicli.yaml's meetings do
    not: 'Completed since the last report' lists the action completed after it, not the one
    completed in March, which that paper reported."""
    actions = [
        {
            "number": number,
            "raised": "2019-01-22",
            "text": f"That officers report on {number}.",
            "owner": "Head of Service",
            "due": "2019-07-09",
            "status": "completed",
            "completed": completed,
        }
        for number, completed in (("CYP19001/1", "2019-03-30"), ("CYP19001/2", "2019-09-01"))
    ]
    earlier = {
        "reference": "CYP19002",
        "meeting_date": "2019-07-09",
        "period": "2019-05",
        "title": "May 2019",
    }
    config = {**CONFIG, "meetings": [{"period": "2019-08", "date": "2019-11-12", "reference": "CYP19004"}]}
    contacts = definition("contacts", 1, rag={"kind": "thresholds", "green": 900, "red": 1200})
    values = monthly("contacts", "2018-01", [800 + 5 * month for month in range(20)])
    root = make_project(tmp_path, [contacts], values, config=config, actions=actions, papers=[earlier])
    public, _ = narrate(root)
    (log,) = [
        s for s in find_all(parse(render_public_html(public, root)), "section") if s.get("id") == "action-log"
    ]
    assert [text(caption) for caption in find_all(log, "caption")] == ["Completed since the last report"]
    assert "CYP19001/2" in text(log) and "CYP19001/1" not in text(log)


def test_an_annual_snapshot_is_at_its_date_and_an_annual_count_is_in_the_year_to_it(tmp_path: Path) -> None:
    """'Up to 18 at 31 March 2019' (never 'in 31 March 2019') for a position on a date, and
    'in the year to 31 March 2019' (never 'at 31 March 2019') for a year's count; one red
    indicator is 'This indicator is', not 'These 1 indicators are'."""
    annual = {"frequency": "annual", "year_end": 3, "unit": "count"}
    root = make_project(
        tmp_path,
        [
            definition(
                "caseload",
                1,
                measure="snapshot",
                rag={"kind": "thresholds", "green": 10, "red": 15},
                **annual,
            ),
            definition("referrals", 2, measure="flow", comparators=["England"], **annual),
        ],
        [
            ["caseload", "2018-03", 17],
            ["caseload", "2019-03", 18],
            ["referrals", "2018-03", 300],
            ["referrals", "2019-03", 280],
        ],
        benchmarks=[["referrals", "2019-03", "England", 250]],
        narrative={"caseload": with_actions()},
    )
    public, _ = narrate(root)
    html = render_public_html(public, root)
    said = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "Up to 18 at 31 March 2019 from 17 at 31 March 2018" in said
    assert "from 17 a year earlier, at 31 March 2018" in said
    assert (
        "280 in the year to 31 March 2019, down 20 (7%) from 300 a year earlier, in the year to 31 March 2018"
        in said
    )
    assert "above the England average (250) for the year to 31 March 2019" in said
    assert "in 31 March" not in said and "280 at 31 March" not in said and "(250) at 31 March" not in said
    assert "This indicator is rated red or amber" in said and "These 1 " not in said


def test_the_appendix_says_once_that_changes_come_from_the_printed_figures(
    sample_html: dict[str, str],
) -> None:
    note = (
        "Changes are worked out from the figures as printed, so they agree with the figures shown; DfE "
        "works changes out from unrounded figures, so they may differ by one in the last place shown."
    )
    for paper, html in sample_html.items():
        said = " ".join(re.sub(r"<[^>]+>", " ", html).split())
        assert said.count(note) == 1, paper


SAMPLE_FILES = ("kpicli.yaml", "indicator_defs", "sample_data", "narrative", "papers.yaml", "actions.yaml")


def test_the_introduction_explains_ranks_in_the_region_and_in_england_when_both_are_shown(
    tmp_path: Path,
) -> None:
    """The sample with no London borough's figure for one indicator: its rank is among all
    England's authorities ('England, band B'), the others' among London's; the introduction
    says both."""
    root = tmp_path / "project"
    root.mkdir()
    for name in SAMPLE_FILES:
        source = REPO_ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    benchmarks = root / "sample_data" / "benchmarks.csv"
    lines = benchmarks.read_text(encoding="utf-8").splitlines(keepends=True)
    # DfE's old LA numbers 201 to 213 are inner London, 301 to 320 outer London.
    london = {str(code) for code in (*range(201, 214), *range(301, 321))}
    kept = [
        line
        for line in lines
        if not (
            line.startswith("placement-stability-short-term,") and line.rstrip().rsplit(",", 1)[-1] in london
        )
    ]
    assert len(kept) < len(lines)
    benchmarks.write_text("".join(kept), encoding="utf-8")
    public, _ = narrate(root, "2019-08")
    page = parse(render_public_html(public, root))
    ranks = [row["Rank"] for row in dashboard_rows(page).values() if row.get("Rank", "–") != "–"]
    assert any("England, band" in rank for rank in ranks) and any("England" not in rank for rank in ranks)
    intro = dashboards_intro(page)
    assert "Rank is our place among the London authorities" in intro
    assert "A rank marked England is our place among all English authorities" in intro
