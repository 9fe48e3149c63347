"""The HTML page a council publishes: a viewport, landmarks, a skip link, a contents list that
leads somewhere, and every table captioned, scoped and in its own labelled scrolling region.
(tests/render/test_browser.py checks the same page in a real browser with axe-core.)"""

from __future__ import annotations

from collections import Counter
from xml.etree.ElementTree import Element

import pytest
import tinyhtml5

NS = "{http://www.w3.org/1999/xhtml}"
PAPERS = ("public", "exempt")


def parse(html: str) -> Element:
    return tinyhtml5.parse(html)  # type: ignore[no-any-return]


def text(element: Element) -> str:
    return " ".join("".join(element.itertext()).split())


def find_all(root: Element, tag: str) -> list[Element]:
    return list(root.iter(NS + tag))


@pytest.fixture(scope="module", params=PAPERS)
def page(request: pytest.FixtureRequest, sample_html: dict[str, str]) -> Element:
    return parse(sample_html[request.param])


def test_the_page_scales_to_the_device(page: Element) -> None:
    viewports = [m for m in find_all(page, "meta") if m.get("name") == "viewport"]
    assert [m.get("content") for m in viewports] == ["width=device-width, initial-scale=1"]


def test_header_contents_main_and_footer_are_landmarks_of_the_body(page: Element) -> None:
    body = page.find(NS + "body")
    assert body is not None
    top = [child.tag.removeprefix(NS) for child in body]
    assert top == ["a", "header", "main", "footer"]
    (nav,) = find_all(page, "nav")
    assert nav.get("aria-labelledby") == "contents-heading"


def test_the_skip_link_comes_first_and_leads_to_main(page: Element) -> None:
    body = page.find(NS + "body")
    assert body is not None
    skip = body[0]
    assert text(skip) == "Skip to main content" and skip.get("href") == "#main"
    assert find_all(page, "main")[0].get("id") == "main"


def test_the_contents_lead_to_the_sections_they_name(page: Element) -> None:
    ids = {e.get("id"): e for e in page.iter() if e.get("id")}
    links = find_all(find_all(page, "nav")[0], "a")
    assert len(links) >= 6
    for link in links:
        target = ids[(link.get("href") or "").removeprefix("#")]
        assert target.tag == NS + "section"
        heading = target.find(NS + "h2")
        assert heading is not None and text(heading) == text(link)


def test_ids_are_unique(page: Element) -> None:
    counts = Counter(e.get("id") for e in page.iter() if e.get("id"))
    assert [name for name, count in counts.items() if count > 1] == []


def test_every_table_is_captioned_scoped_and_scrolls_in_its_own_labelled_region(page: Element) -> None:
    ids = {e.get("id") for e in page.iter() if e.get("id")}
    parents = {child: parent for parent in page.iter() for child in parent}
    tables = find_all(page, "table")
    assert len(tables) > 20
    for table in tables:
        caption = table.find(NS + "caption")
        assert caption is not None and text(caption), "every table has a caption"
        assert "visually-hidden" not in (caption.get("class") or ""), "captions are read and seen"
        region = parents[table]
        assert region.get("class") == "table-region" and region.get("role") == "region"
        assert region.get("tabindex") == "0", "a scrolling region must take keyboard focus"
        labels = (region.get("aria-labelledby") or "").split()
        assert caption.get("id") in labels and set(labels) <= ids
        for header in find_all(table, "th"):
            assert header.get("scope") in ("col", "row"), text(header)


def test_charts_state_their_finding_and_sparklines_are_decoration(page: Element) -> None:
    charts = [i for i in find_all(page, "img") if i.get("class") == "chart"]
    sparklines = [i for i in find_all(page, "img") if i.get("class") == "spark"]
    assert charts and sparklines
    assert all(
        (i.get("alt") or "")[:4] in ("Rose", "Fell") or " the same as " in (i.get("alt") or "")
        for i in charts
    )
    assert all(i.get("alt") == "" for i in sparklines)


def test_links_say_where_they_go(page: Element) -> None:
    for link in find_all(page, "a"):
        words = text(link)
        assert len(words.split()) >= 2 or words[:1].isdigit(), words
