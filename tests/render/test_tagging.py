"""Finishing WeasyPrint's structure tree: one small document with everything WeasyPrint gets
wrong (a table and a list across page breaks, page numbers in the margin, a decorative image,
links), rendered once and read back with the PDF/UA checker."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from pdf_structure import STRUCTURE_CHECKS, TaggedPdf, check_one_element_per_html_element, read_tagged_pdf

from kpicli.render.pdf import write_pdf
from kpicli.render.tagging import link_description
from kpicli.template_paths import template_folders

DOT = "data:image/svg+xml;base64," + base64.b64encode(
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle cx="5" cy="5" r="4"/></svg>'
).decode("ascii")
ROWS = "".join(f'<tr><th scope="row">Row {n}</th><td>{n}</td><td>{n * 2}</td></tr>' for n in range(60))
ITEMS = "".join(f"<li>Item {n} of a long list</li>" for n in range(40))
BODY = f"""
<section><h1>A document</h1>
<p>Earlier: <a href="https://example.org/a.pdf">the report of 9 July 2019</a> and <a href="https://example.org/b.pdf">here</a>.</p>
<p><img src="{DOT}" alt=""> <img src="{DOT}" alt="Rose from 1 in 2018 to 2 in 2019."></p>
<table><caption>Sixty rows</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Value</th><th scope="col">Double</th></tr></thead>
<tbody>{ROWS}</tbody></table>
<ul>{ITEMS}</ul>
</section>
"""
HTML = f"""<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Test paper</title>
<style>@page {{ size: A6; margin: 15mm 10mm;
  @bottom-right {{ content: "Page " counter(page) " of " counter(pages); }} }}</style>
</head><body>{BODY}</body></html>"""


@pytest.fixture(scope="module")
def paper(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, TaggedPdf]:
    path = tmp_path_factory.mktemp("tagging") / "paper.pdf"
    write_pdf(HTML, template_folders(None), path)
    return path, read_tagged_pdf(path)


def test_the_document_crosses_several_pages(paper: tuple[Path, TaggedPdf]) -> None:
    assert paper[1].page_count >= 4


@pytest.mark.parametrize("check", list(STRUCTURE_CHECKS))
def test_every_check_passes(check: str, paper: tuple[Path, TaggedPdf]) -> None:
    problems = STRUCTURE_CHECKS[check](paper[1])
    assert not problems, "\n".join(problems[:20])


def test_a_table_across_pages_is_one_table_whose_header_row_is_read_once(
    paper: tuple[Path, TaggedPdf],
) -> None:
    pdf = paper[1]
    assert not check_one_element_per_html_element(pdf, HTML)
    (table,) = pdf.of_kind("/Table")
    assert [pdf.elements[c].kind for c in pdf.elements[table].children] == ["/Caption", "/THead", "/TBody"]
    assert len(pdf.of_kind("/TR")) == 61
    scopes = [pdf.elements[i].attributes["/Scope"] for i in pdf.of_kind("/TH")]
    assert scopes.count("/Column") == 3 and scopes.count("/Row") == 60
    # Data cells on later pages name the first page's column headers, found in the ID tree.
    last_cell = pdf.of_kind("/TD")[-1]
    assert len(pdf.elements[last_cell].attributes["/Headers"]) == 2


def test_the_page_numbers_and_the_decorative_image_are_artifacts(paper: tuple[Path, TaggedPdf]) -> None:
    pdf = paper[1]
    pagination = [m for m in pdf.marked if m.artifact_type == "/Pagination" and m.shows_text]
    assert {m.page for m in pagination} == set(range(pdf.page_count))
    assert [m.tag for m in pdf.marked if m.artifact_type == "/Layout"] == ["/Artifact"]
    assert [pdf.elements[i].alt for i in pdf.of_kind("/Figure")] == ["Rose from 1 in 2018 to 2 in 2019."]


def test_links_are_described_by_their_words_and_where_few_by_their_address(
    paper: tuple[Path, TaggedPdf],
) -> None:
    contents = [a["contents"] for a in paper[1].annotations]
    assert contents == ["the report of 9 July 2019", "here (link to example.org/b.pdf)"]


def test_an_aria_label_describes_a_link() -> None:
    from xml.etree.ElementTree import fromstring

    assert (
        link_description(fromstring('<a href="#x" aria-label="Go to section 3">3</a>')) == "Go to section 3"
    )


def test_the_same_html_gives_the_same_bytes(paper: tuple[Path, TaggedPdf], tmp_path: Path) -> None:
    write_pdf(HTML, template_folders(None), tmp_path / "again.pdf")
    assert (tmp_path / "again.pdf").read_bytes() == paper[0].read_bytes()
