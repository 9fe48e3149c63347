"""The at-a-glance page and the action block as a member reads them (golden), built from one
view only: the public page never lists, counts or runs a rating Part 1 withholds."""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path

from conftest import definition, make_project, monthly, with_actions
from kpicli.compute import compute_report
from kpicli.disclose import disclose
from kpicli.load import load_project
from kpicli.models.commentary import NarratedExempt, NarratedPublic
from kpicli.narrate import narrate_exempt, narrate_public
from kpicli.periods import parse_month
from kpicli.render import render_public_html
from tests.golden import check_golden as check_file

GOLDEN = Path(__file__).parent / "golden"
PERIOD = "2019-08"


def narrate(root: Path, period: str = PERIOD) -> tuple[NarratedPublic, NarratedExempt]:
    project = load_project(root)
    public_view, exempt_view = disclose(compute_report(project, parse_month(period)), project)
    officer = project.narrative.get(period, {})
    earlier = project.config.report_before(period)
    previous = project.narrative.get(earlier, {}) if earlier else {}
    folder = f"narrative/{period}"
    return (
        narrate_public(public_view, officer, folder, root, previous),
        narrate_exempt(exempt_view, officer, folder, root, previous),
    )


def as_text(fragment: str) -> str:
    """HTML as lines of text: one per block or cell, for a readable golden diff."""
    fragment = re.sub(r"<(/?)(p|li|tr|h[1-6]|caption|td|th|table)\b[^>]*>", "\n", fragment)
    text = html.unescape(re.sub(r"<[^>]+>", "", fragment))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip()) + "\n"


def check_golden(name: str, text: str) -> None:
    check_file(GOLDEN / f"{name}.txt", text)


def test_the_at_a_glance_page(sample_html: dict[str, str]) -> None:
    html_text = sample_html["public"]
    section = html_text[
        html_text.index('<section class="summary"') : html_text.index('<div class="ratings">')
    ]
    text = as_text(section)
    check_golden("at_a_glance", text)
    assert 3 <= section.count("<li>") - 7 <= 5, "three to five key messages beside the seven contents lines"
    reds = re.findall(r"rag-red", section)
    assert len(reds) == 4, "every red indicator is in one table"
    assert "No action has been recorded" not in html_text


def test_the_action_block_and_last_time_we_said(sample_html: dict[str, str]) -> None:
    html_text = sample_html["public"]
    start = html_text.index('id="indicator-5"')
    article = html_text[start : html_text.index("</article>", start)]
    block = article[article.index('<div class="action">') : article.index('<p class="earlier">')]
    check_golden("action_block", as_text(block))
    assert "Last time we said" in block and "Since then" in block
    assert "CEF19003" in block and "Director of Education" in block and "30 September 2019" in block


def withheld_project(root: Path) -> Path:
    """A red indicator Part 1 shows, and one whose small latest count Part 1 withholds (red in
    Part 2 for the second report running)."""
    return make_project(
        root,
        definitions=[
            definition("missing-episodes", 1, rag={"kind": "thresholds", "green": 10, "red": 20}),
            definition(
                "exclusions", 2, title="Zebra exclusions", rag={"kind": "thresholds", "green": 1, "red": 2}
            ),
        ],
        values=[
            *monthly("missing-episodes", "2019-01", [25, 26, 24, 27, 28, 29, 30, 31]),
            *monthly("exclusions", "2019-01", [3, 3, 3, 3, 3, 3, 4, 4]),
        ],
        narrative={"missing-episodes": with_actions(), "exclusions": with_actions()},
        narrative_periods=("2019-05", "2019-08"),
        papers=[{"reference": "CYP19002", "meeting_date": "2019-07-09", "period": "2019-05", "title": "P"}],
    )


def test_the_public_page_says_nothing_of_a_withheld_rating(tmp_path: Path) -> None:
    public, exempt = narrate(withheld_project(tmp_path))
    assert any("Zebra" in message or "zebra" in message for message in exempt.key_messages)
    assert not any("zebra" in message.lower() for message in public.key_messages)
    html_text = render_public_html(public, tmp_path)
    glance = html_text[html_text.index('<section class="summary"') : html_text.index('<div class="ratings">')]
    assert "Zebra" not in glance and "Missing episodes" in glance
    assert public.commentary["missing-episodes"].last_time is not None
    assert public.commentary["exclusions"].last_time is None, "no 'last time' for a withheld rating"


def test_the_officer_writes_the_key_messages_when_they_choose(tmp_path: Path) -> None:
    root = withheld_project(tmp_path)
    (root / "narrative" / PERIOD / "_key-messages.md").write_text(
        "- Missing episodes are the priority.\n- Two more\n  points follow.\n- And a third.\n",
        encoding="utf-8",
    )
    public, _ = narrate(root)
    assert public.key_messages == (
        "Missing episodes are the priority.",
        "Two more points follow.",
        "And a third.",
    )


def chart_svg(page: str, indicator_id: str) -> str:
    start = page.index(f'id="indicator-{indicator_id}"')
    match = re.search(r'<img class="chart" src="data:image/svg\+xml;base64,([^"]+)"', page[start:])
    assert match is not None
    return base64.b64decode(match.group(1)).decode("utf-8")


def test_part_2_charts_both_sets_of_care_leaver_figures_and_part_1_only_what_it_publishes(
    sample_html: dict[str, str],
) -> None:
    exempt = chart_svg(sample_html["exempt"], "care-leavers-suitable-accommodation")
    public = chart_svg(sample_html["public"], "care-leavers-suitable-accommodation")
    assert "decline support" in exempt and 'stroke-dasharray="6,3"' in exempt
    assert "decline support" not in public and 'stroke-dasharray="6,3"' not in public


def test_no_sparkline_is_drawn_from_fragments_of_a_withheld_series(sample_html: dict[str, str]) -> None:
    page = sample_html["public"]
    row = page[page.index(">Complaints about children") :]
    row = row[: row.index("</tr>")]
    assert "[c]" in row and 'class="spark"' not in row
