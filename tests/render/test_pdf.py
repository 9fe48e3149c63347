"""The papers as PDFs, read back: tagged structure, running footer and banner on every page,
identical bytes from identical inputs, and nothing fetched for hostile text."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
import yaml
from pdf_structure import STRUCTURE_CHECKS, TaggedPdf, read_tagged_pdf
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from conftest import CONFIG, definition, make_project, monthly
from kpicli.pipeline import build_papers
from kpicli.render.pdf import confined_fetcher
from kpicli.template_paths import template_folders

BANNER = "NOT FOR PUBLICATION - exempt information under"
OUTPUTS = ("public.pdf", "exempt.pdf", "public.html", "exempt.html")


class RecordingHandler(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        RecordingHandler.requests.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        del args


# Session-scoped, like the builds that use it: a worker that leaves this module for other tests
# and comes back keeps the hostile papers instead of building them twice again.
@pytest.fixture(scope="session")
def trap_server() -> Iterator[str]:
    server = http.server.HTTPServer(("127.0.0.1", 0), RecordingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def hostile_project(root: Path, trap: str) -> Path:
    hostile = f'<img src="{trap}/tag.png"> <b>bold</b> {{{{ 7*7 }}}} file:///etc/passwd'
    action = {"action": f"Act {hostile}", "owner": f"Owner {hostile}", "due": "2020-03-31", "effect": hostile}
    narrative = (
        "---\n"
        + yaml.safe_dump({"actions": [action]})
        + "---\n"
        + f"Context {hostile}\n\n![image]({trap}/markdown.png) [passwords](file:///etc/passwd)\n\n"
        f'<iframe src="{trap}/frame"></iframe>\n\n'
        "## Action being taken\n\nWe act. {% raw %} {{ 7*7 }}\n"
    )
    return make_project(
        root,
        definitions=[
            definition(
                "missing-episodes",
                1,
                title=f"Missing episodes {hostile}",
                rag={"kind": "thresholds", "green": 10, "red": 20},
            ),
            definition(
                "cse-risk",
                2,
                exempt={"paragraph": 2, "reason": "Could identify individual children."},
            ),
        ],
        values=monthly(
            "missing-episodes",
            "2018-01",
            [12, 15, 3, 14, 16, 18, 21, 2, 19, 22, 25, 24, 23, 26, 27, 28, 30, 29, 31, 33],
        )
        + monthly("cse-risk", "2019-01", [7, 8, 9, 7, 6, 8, 9, 7]),
        breakdowns=[
            [
                "missing-episodes",
                "2019-08",
                "age band",
                f"<img src='{trap}/category.png'> {{{{ 7*7 }}}}",
                20,
            ],
            ["missing-episodes", "2019-08", "age band", "Other", 13],
        ],
        narrative={"missing-episodes": narrative},
        # An overdue action: its text and update reach the action log's table.
        actions=[
            {
                "number": "CEF19001/1",
                "raised": "2019-01-22",
                "text": f"Report on {hostile}",
                "owner": "Head of Service",
                "due": "2019-03-19",
                "status": "open",
                "update": f"Update {hostile}",
            }
        ],
        config=CONFIG,
    )


@pytest.fixture(scope="session")
def builds(tmp_path_factory: pytest.TempPathFactory, trap_server: str) -> tuple[Path, Path]:
    """The same hostile project built twice into different folders."""
    root = tmp_path_factory.mktemp("render")
    project = hostile_project(root / "project", trap_server)
    first = build_papers(project, "2019-08", root / "first").folder
    second = build_papers(project, "2019-08", root / "second").folder
    return first, second


def test_two_builds_give_identical_bytes(builds: tuple[Path, Path]) -> None:
    first, second = builds
    for name in OUTPUTS:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_pdf_is_tagged_with_language_title_and_marked_content(builds: tuple[Path, Path]) -> None:
    for name in ("public.pdf", "exempt.pdf"):
        reader = PdfReader(builds[0] / name)
        root = reader.trailer["/Root"]
        assert "/StructTreeRoot" in root
        assert root["/Lang"] == "en-GB"
        assert bool(root["/MarkInfo"]["/Marked"])
        assert reader.metadata is not None and "Part" in str(reader.metadata.title)
        assert reader.metadata.subject
        assert str(reader.metadata["/CreationDate"]).startswith("D:20191112")


def structure_elements(node: object, found: dict[str, list[DictionaryObject]]) -> None:
    """Walk the structure tree, collecting elements by their /S type."""
    resolved = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(resolved, list):
        for child in resolved:
            structure_elements(child, found)
        return
    if not isinstance(resolved, DictionaryObject):
        return
    if "/S" in resolved:
        found.setdefault(str(resolved["/S"]), []).append(resolved)
    if "/K" in resolved:
        structure_elements(resolved["/K"], found)


def test_structure_has_headings_tables_with_header_cells_and_described_figures(
    builds: tuple[Path, Path],
) -> None:
    reader = PdfReader(builds[0] / "public.pdf")
    found: dict[str, list[DictionaryObject]] = {}
    structure_elements(reader.trailer["/Root"]["/StructTreeRoot"], found)
    assert {"/H1", "/H2", "/Table", "/TH", "/TD"} <= set(found)
    figures = found.get("/Figure", [])
    alts = [str(figure.get("/Alt", "")) for figure in figures]
    assert alts and all(alts), "every figure needs alternative text"
    # The chart's finding; the dashboard's sparkline beside the same figures is an artifact.
    assert alts == [
        "Rose from 12 in January 2018 to 33 in August 2019; above the target (10) in August 2019."
        " 2 figures are withheld."
    ]


@pytest.fixture(scope="session")
def hostile_tagged(builds: tuple[Path, Path]) -> list[TaggedPdf]:
    return [read_tagged_pdf(builds[0] / name) for name in ("public.pdf", "exempt.pdf")]


@pytest.mark.parametrize("check", list(STRUCTURE_CHECKS))
def test_hostile_papers_pass_the_pdf_ua_checks(check: str, hostile_tagged: list[TaggedPdf]) -> None:
    for tagged in hostile_tagged:
        problems = STRUCTURE_CHECKS[check](tagged)
        assert not problems, "\n".join(problems[:20])


def outline_titles(items: list[Any]) -> list[str]:
    titles: list[str] = []
    for item in items:
        titles += outline_titles(item) if isinstance(item, list) else [str(item.title)]
    return titles


def test_outline_follows_the_headings(builds: tuple[Path, Path]) -> None:
    titles = outline_titles(PdfReader(builds[0] / "public.pdf").outline)
    assert "performance as at the end of August 2019" in titles[0]
    sections = [title for title in titles if title[:2] in ("1.", "2.", "3.", "4.", "5.")]
    assert sections == sorted(sections) and len(sections) == 5


def test_every_page_carries_the_reference_and_page_count(builds: tuple[Path, Path]) -> None:
    reader = PdfReader(builds[0] / "public.pdf")
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert "Report CYP19004" in text and f"Page {number} of {len(reader.pages)}" in text
        assert "NOT FOR PUBLICATION" not in text


def test_every_exempt_page_says_not_for_publication_with_its_paragraph(
    builds: tuple[Path, Path],
) -> None:
    reader = PdfReader(builds[0] / "exempt.pdf")
    for page in reader.pages:
        text = " ".join(page.extract_text().split())
        assert f"{BANNER} paragraph 2 of Part 1 of Schedule 12A to the Local Government Act 1972" in text


def test_hostile_text_is_shown_as_text_and_nothing_is_fetched(builds: tuple[Path, Path]) -> None:
    html = (builds[0] / "exempt.html").read_text(encoding="utf-8")
    assert (
        '<img src="http' not in html
        and "<img src='http" not in html
        and "<iframe" not in html
        and "<b>bold" not in html
    )
    assert "&lt;img src=" in html and "{{ 7*7 }}" in html
    assert "Update &lt;img src=" in html, "the action log shows the hostile update as text"
    assert "Act &lt;img src=" in html and "Owner &lt;img src=" in html, "and the actions' owners too"
    assert 'href="file:' not in html
    text = " ".join(page.extract_text() for page in PdfReader(builds[0] / "exempt.pdf").pages)
    assert "{{ 7*7 }}" in text and "<b>bold</b>" in text
    assert RecordingHandler.requests == []


def test_fetcher_refuses_the_network_and_files_outside_the_templates(trap_server: str) -> None:
    fetcher = confined_fetcher(template_folders(None))
    for url in (f"{trap_server}/x.png", "file:///etc/passwd", "ftp://example.com/x"):
        with pytest.raises(ValueError, match="only loads its own templates"):
            fetcher.fetch(url)
    inside = (template_folders(None)[0] / "paper.css").as_uri()
    assert fetcher.fetch(inside) is not None
    assert RecordingHandler.requests == []
