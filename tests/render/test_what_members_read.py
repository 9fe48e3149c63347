"""What a councillor reads in the sample's papers, cell by cell and sentence by sentence: each
symbol means what its legend says, and no cell or sentence claims what the figures beside it
do not show."""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

import pytest

from conftest import definition, make_project, monthly
from kpicli.render import render_public_html
from tests.render.test_glance import narrate
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
