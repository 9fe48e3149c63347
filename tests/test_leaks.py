"""End to end: build one synthetic project full of distinctive small numbers and read the
public PDF, HTML and CSV back. None of what the policy withholds may appear in them; the
exempt paper must carry all of it, with its banner on every page."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import definition, make_project, monthly, with_actions
from kpicli.pipeline import build_papers

PERIOD = "2019-08"
EXEMPT_TITLE = "Children subject to the zebra protocol"
EXEMPT_COMMENTARY = "Quartermaster review of the zebra protocol continues"
BANNER = "NOT FOR PUBLICATION - exempt information under paragraph 2 of Part 1 of Schedule 12A to the Local Government Act 1972"

# Each withheld figure is a number found nowhere else in the project, so a match means a leak.
SMALL_LATEST, EARLIER = 3, 61  # latest month withheld; "down 58 from 61" would give it away
COMPLEMENT = (1193, 1195)  # 99.8%: the 2 who did not would be revealed
HEADLINE, VARIANT = (412, 520), (410, 517)  # the variant differs by 2 and 3 decliners
YTD_MONTHLY = [611, 2, 702, 650, 640]  # April's 611 and May's 613 would reveal May's 2
AGES = {
    "Under 1": 3,
    "1 to 4": 317,
    "5 to 9": 658,
    "10 to 15": 1490,
}  # 317 is the secondary cell; shown because red
EXEMPT_VALUES = [7777, 7781, 7793]
PUBLISHED = 5123  # a safe figure, so the reading itself is shown to work


def build_project(root: Path) -> Path:
    percent = {"unit": "percent", "polarity": "higher_is_better", "decimals": 1, "measure": "snapshot"}
    ytd_values = [sum(YTD_MONTHLY[: i + 1]) for i in range(len(YTD_MONTHLY))]
    return make_project(
        root,
        definitions=[
            definition("missing-episodes", 1),
            definition("care-leavers-eet", 2, **percent),
            definition(
                "care-leavers-accommodation",
                3,
                **percent,
                headline_label="Including those who decline support",
                variants=[{"id": "excluding-decliners", "label": "Excluding those who decline support"}],
            ),
            definition("referrals-ytd", 4, cumulative={"year": "financial_year"}),
            definition(
                "children-looked-after",
                5,
                measure="snapshot",
                rag={"kind": "thresholds", "green": 100, "red": 200},
            ),
            definition(
                "zebra-protocol",
                6,
                title=EXEMPT_TITLE,
                exempt={"paragraph": 2, "reason": "Could identify children."},
            ),
            definition("contacts", 7),
        ],
        values=[
            *monthly("missing-episodes", "2019-07", [EARLIER, SMALL_LATEST]),
            ["care-leavers-eet", PERIOD, None, *COMPLEMENT],
            ["care-leavers-accommodation", PERIOD, None, *HEADLINE],
            ["care-leavers-accommodation", PERIOD, None, *VARIANT, "excluding-decliners"],
            *monthly("referrals-ytd", "2019-04", ytd_values),
            *monthly("children-looked-after", "2019-08", [sum(AGES.values())]),
            *monthly("zebra-protocol", "2019-06", EXEMPT_VALUES),
            *monthly("contacts", "2019-08", [PUBLISHED]),
        ],
        breakdowns=[["children-looked-after", PERIOD, "Age", age, count] for age, count in AGES.items()],
        narrative={
            "zebra-protocol": f"{EXEMPT_COMMENTARY}.\n",
            "children-looked-after": with_actions("Placements are reviewed weekly."),
        },
    )


def pdf_pages(path: Path) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(path).pages]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("leaks")
    result = build_papers(build_project(root / "project"), PERIOD, root / "out")
    return result.folder


@pytest.fixture(scope="module")
def public_texts(built: Path) -> dict[str, str]:
    return {
        "public.pdf": " ".join(pdf_pages(built / "public.pdf")),
        "public.html": (built / "public.html").read_text(encoding="utf-8"),
        "public.csv": (built / "public.csv").read_text(encoding="utf-8"),
        # summary.json's indicator part is public (CI scripts publish it), so it is read too.
        "summary.json": (built / "summary.json").read_text(encoding="utf-8"),
    }


def spellings(number: float) -> list[str]:
    """The ways a paper could print a number: 1193, 1,193, 99.8."""
    if number == int(number):
        return sorted({str(int(number)), f"{int(number):,}"})
    return [f"{number:.1f}"]


def occurrences(text: str, number: float) -> list[str]:
    found = []
    for spelling in spellings(number):
        pattern = rf"(?<![\d.,]){re.escape(spelling)}(?![\d]|[.,]\d)"
        found += [text[max(0, m.start() - 40) : m.end() + 40] for m in re.finditer(pattern, text)]
    return found


WITHHELD = {
    "complement numerator": COMPLEMENT[0],
    "complement denominator": COMPLEMENT[1],
    "complement percentage": 100 * COMPLEMENT[0] / COMPLEMENT[1],
    "variant numerator": VARIANT[0],
    "variant denominator": VARIANT[1],
    "variant percentage": 100 * VARIANT[0] / VARIANT[1],
    "earlier year-to-date count": YTD_MONTHLY[0],
    "secondary breakdown cell": AGES["1 to 4"],
    "change to a withheld count": EARLIER - SMALL_LATEST,
    **{f"exempt figure {value}": value for value in EXEMPT_VALUES},
}


@pytest.mark.parametrize("name", sorted(WITHHELD))
@pytest.mark.parametrize("output", ["public.pdf", "public.html", "public.csv", "summary.json"])
def test_withheld_figures_appear_nowhere_in_the_public_outputs(
    public_texts: dict[str, str], output: str, name: str
) -> None:
    assert occurrences(public_texts[output], WITHHELD[name]) == []


@pytest.mark.parametrize("output", ["public.pdf", "public.html", "public.csv"])
def test_safe_figures_and_exempt_notices_are_published(public_texts: dict[str, str], output: str) -> None:
    text = public_texts[output]
    assert occurrences(text, PUBLISHED), "the reading found no published figure, so it proves nothing"
    assert occurrences(text, HEADLINE[0]), "the headline series is safe and should be published"
    assert EXEMPT_TITLE in text
    assert EXEMPT_COMMENTARY not in text


def public_rows(built: Path) -> dict[str, dict[str, str]]:
    rows = csv.DictReader(io.StringIO((built / "public.csv").read_text(encoding="utf-8")))
    return {row["indicator"] or row["title"]: row for row in rows}


def test_no_sentence_states_a_change_to_a_withheld_figure(built: Path) -> None:
    row = public_rows(built)["missing-episodes"]
    assert row["value"] == "[c]"
    assert occurrences(row["commentary"], EARLIER) == []
    assert occurrences(row["commentary"], SMALL_LATEST) == []


def test_the_small_breakdown_cell_is_shown_as_the_symbol(public_texts: dict[str, str]) -> None:
    row = re.search(r"Under 1.{0,200}?</tr>", public_texts["public.html"], re.S)
    assert row is not None and "[c]" in row.group(0) and occurrences(row.group(0), AGES["Under 1"]) == []


def test_the_exempt_paper_carries_everything_it_withholds_from_part_1(built: Path) -> None:
    text = " ".join(pdf_pages(built / "exempt.pdf"))
    for number in [
        *EXEMPT_VALUES[-1:],
        COMPLEMENT[0],
        WITHHELD["variant percentage"],
        AGES["Under 1"],
        AGES["1 to 4"],
        EARLIER - SMALL_LATEST,
    ]:
        assert occurrences(text, number), f"{number} is missing from the exempt paper"
    assert EXEMPT_COMMENTARY in text
    assert BANNER in text


def test_the_exempt_banner_is_on_every_page(built: Path) -> None:
    pages = pdf_pages(built / "exempt.pdf")
    assert [number for number, page in enumerate(pages, 1) if BANNER not in page] == []
