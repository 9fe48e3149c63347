"""Actions carried forward: an amber or red indicator with no narrative of its own for a period
shows the actions of its most recent earlier narrative, labelled with the period they were
written for, so a build for a month between meetings (nightly, or a range) works."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import REPO_ROOT, with_actions
from kpicli.errors import InputError, Severity, WarningsAsErrors
from kpicli.load import load_project
from kpicli.models.data import Project
from kpicli.models.narrative import FrontMatter, OfficerAction, OfficerNarrative
from kpicli.narrate.carried import with_carried_actions
from kpicli.paper_checks import NarratedPeriod
from kpicli.periods import month_text, parse_month
from kpicli.pipeline import build_papers, run_stages
from kpicli.render import render_exempt_html, render_public_html

STABILITY = "placement-stability"


def narrative_file(root: Path, period: str, name: str, text: str) -> None:
    folder = root / "narrative" / period
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.md").write_text(text, encoding="utf-8")


def remove_narrative(root: Path, period: str, name: str) -> None:
    (root / "narrative" / period / f"{name}.md").unlink()


def narrate_period(project: Project, period: str) -> NarratedPeriod:
    narrated = run_stages(project, period, until="narrate").narrated
    assert narrated is not None
    return narrated


def papers(root: Path, period: str) -> tuple[str, str]:
    narrated = narrate_period(load_project(root), period)
    return (
        html.unescape(render_public_html(narrated.public, root)),
        html.unescape(render_exempt_html(narrated.exempt, root)),
    )


def test_a_month_without_narrative_shows_the_last_actions_labelled_in_both_papers(
    small_project: Path,
) -> None:
    remove_narrative(small_project, "2019-08", STABILITY)
    narrative_file(
        small_project, "2019-07", STABILITY, with_actions(action="Review every placement monthly.")
    )
    public, exempt = papers(small_project, "2019-08")
    for paper in (public, exempt):
        assert "Review every placement monthly." in paper
        assert "Action being taken: carried forward from the July 2019 report, not updated since" in paper
        assert "Main action (carried forward from the July 2019 report):" in paper
    (warning,) = [
        w for w in narrate_period(load_project(small_project), "2019-08").warnings if STABILITY in w.file
    ]
    assert warning.file == "narrative/2019-08/placement-stability.md"  # the file to write
    assert warning.severity is Severity.WARNING
    assert "no narrative for this amber or red indicator" in warning.message
    assert (
        "carried forward from the July 2019 report (narrative/2019-07/placement-stability.md)"
        in warning.message
    )


def test_the_most_recent_earlier_actions_are_carried_and_a_strict_check_refuses_them(
    small_project: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    remove_narrative(small_project, "2019-08", STABILITY)
    narrative_file(small_project, "2019-06", STABILITY, with_actions(action="The June action."))
    narrative_file(small_project, "2019-07", STABILITY, with_actions(action="The July action."))
    public, _ = papers(small_project, "2019-08")
    assert "The July action." in public and "The June action." not in public
    assert "carried forward from the July 2019 report" in public
    with pytest.raises(WarningsAsErrors) as raised:
        build_papers(small_project, "2019-08", out, strict=True)
    assert any(p.file == "narrative/2019-08/placement-stability.md" for p in raised.value.problems)
    assert not (out / "2019-08").exists()


def test_own_narrative_without_actions_keeps_its_context_and_carries_the_earlier_actions(
    small_project: Path,
) -> None:
    narrative_file(
        small_project, "2019-08", STABILITY, "## Context\n\nCarers were recruited over the summer.\n"
    )
    public, _ = papers(small_project, "2019-08")
    assert "Carers were recruited over the summer." in public
    assert "Recruit foster carers." in public and "carried forward from the July 2019 report" in public
    (warning,) = [
        w for w in narrate_period(load_project(small_project), "2019-08").warnings if STABILITY in w.file
    ]
    assert warning.field == "actions" and warning.message.startswith("none for this amber or red indicator")


def test_nothing_to_carry_refuses_with_a_message_about_the_missing_file(small_project: Path) -> None:
    for period in ("2019-06", "2019-07", "2019-08"):
        remove_narrative(small_project, period, STABILITY)
    with pytest.raises(InputError) as raised:
        narrate_period(load_project(small_project), "2019-08")
    (problem,) = raised.value.problems
    assert str(problem) == (
        "narrative/2019-08/placement-stability.md: no narrative for this amber or red indicator, nor an "
        "earlier one to carry forward (write narrative/2019-08/placement-stability.md with actions: "
        "(action, owner, due, effect) or no_action_reason: (see README))"
    )
    assert "is missing" not in str(problem)


def test_a_later_narrative_is_never_carried_back(small_project: Path) -> None:
    for period in ("2019-06", "2019-07", "2019-08"):
        remove_narrative(small_project, period, STABILITY)
    narrative_file(small_project, "2019-09", STABILITY, with_actions())
    with pytest.raises(InputError):
        narrate_period(load_project(small_project), "2019-08")


def test_carried_public_text_is_part_1_text_and_its_small_numbers_are_checked(small_project: Path) -> None:
    """Only the front matter is carried; Part 1 never prints the earlier narrative's Part 2
    section or comments, and a small number in a carried action, beside figures Part 1
    withholds, is a warning naming the earlier file."""
    remove_narrative(small_project, "2019-08", "missing-episodes")
    earlier = with_actions(
        context="## Context\n\nEarlier context.\n<!-- a note to self -->\n\n## Part 2 only\n\nThe child at risk.\n",
        action="Two children are seen weekly by the exploitation panel.",
    )
    narrative_file(small_project, "2019-07", "missing-episodes", earlier)
    public, exempt = papers(small_project, "2019-08")
    assert "Two children are seen weekly" in public and "carried forward from the July 2019 report" in public
    for text in ("Earlier context", "a note to self", "The child at risk"):
        assert text not in public and text not in exempt
    warnings = narrate_period(load_project(small_project), "2019-08").warnings
    small = [w for w in warnings if w.field == "narrative"]
    assert [(w.file, w.message) for w in small] == [
        (
            "narrative/2019-07/missing-episodes.md",
            "'Two' is a number below 5 in Part 1, beside figures it withholds",
        )
    ]


def test_last_time_quotes_the_actions_as_they_stood_at_the_last_report(small_project: Path) -> None:
    """The last report (May 2019) had no narrative of its own: it showed April's actions, so
    'Last time we said' quotes them, labelled."""
    narrative_file(small_project, "2019-04", STABILITY, with_actions(action="The April action."))
    public, exempt = papers(small_project, "2019-08")
    for paper in (public, exempt):
        block = re.search(r'<table class="last-time">.*?</table>', paper, re.DOTALL)
        assert block is not None
        assert "Actions carried forward from the April 2019 report" in block.group(0)
        assert "The April action." in block.group(0)


def test_every_month_of_the_sample_builds_from_its_first_month_with_figures_to_its_last() -> None:
    """Every paper of a range over the sample's months, the first publication record's month
    (February 2018) to November 2019 included, has an action for each amber or red indicator."""
    project = load_project(REPO_ROOT)
    first_record = min(path.stem for path in (REPO_ROOT / "publication_record").glob("*.csv"))
    months = [month_text(m) for m in range(parse_month("2016-01"), parse_month("2019-11") + 1)]
    assert first_record in months
    for period in months:
        narrated = narrate_period(project, period)  # raises InputError if any action is missing
        assert not [w for w in narrated.exempt_warnings if "nor an earlier one" in w.message], period


@pytest.mark.e2e
def test_the_public_pdf_never_shows_an_earlier_narratives_part_2_text(
    small_project: Path, tmp_path: Path
) -> None:
    """Read back from the PDFs: the carried action is in both papers, the earlier narrative's
    Part 2 section and comments in neither (only its front matter is carried)."""
    remove_narrative(small_project, "2019-08", STABILITY)
    earlier = with_actions(
        context="## Context\n\nEarlier context.\n<!-- Note to self: the Smith family -->\n\n"
        "## Part 2 only\n\nThe Smith children moved twice.\n",
        action="Stability meetings for every child at risk of a move.",
    )
    narrative_file(small_project, "2019-07", STABILITY, earlier)
    folder = build_papers(small_project, "2019-08", tmp_path / "out").folder
    for paper in ("public", "exempt"):
        text = " ".join(
            " ".join(page.extract_text().split()) for page in PdfReader(folder / f"{paper}.pdf").pages
        )
        assert "Stability meetings for every child at risk of a move." in text, paper
        assert "carried forward from the July 2019 report" in text, paper
        for secret in ("Smith", "Earlier context"):
            assert secret not in text, (paper, secret)


def test_earlier_actions_fill_only_a_narrative_without_any_and_only_where_needed() -> None:
    """One merge serves 'Last time we said' (every indicator) and a paper (only those it rates
    amber or red): a narrative with actions or a reason for none keeps its own."""
    action = OfficerAction(
        action="Audit the plans", owner="Head of service", due="2019-09-30", effect="Fewer moves"
    )
    earlier = {
        name: OfficerNarrative(
            file=f"narrative/2019-05/{name}.md", front=FrontMatter(actions=[action]), actions_from="2019-05"
        )
        for name in ("a", "b", "c")
    }
    own = {
        "a": OfficerNarrative(file="narrative/2019-08/a.md", context="Context of August."),
        "b": OfficerNarrative(
            file="narrative/2019-08/b.md", front=FrontMatter(no_action_reason="Within target.")
        ),
    }
    merged = with_carried_actions(own, earlier)
    assert merged["a"].context == "Context of August." and merged["a"].front.actions == [action]
    assert merged["a"].actions_from == "2019-05"
    assert merged["b"] == own["b"]
    assert merged["c"].front.actions == [action] and merged["c"].file == ""
    needed = with_carried_actions(own, earlier, needing={"c"})
    assert needed["a"] == own["a"] and needed["c"].actions_from == "2019-05"
