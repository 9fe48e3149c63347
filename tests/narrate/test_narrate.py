"""The narrate stage: one view in, commentary out; amber and red indicators need an action with
an owner, a due date and the effect expected, or a reason there is none."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import with_actions
from kpicli.compute import compute_report
from kpicli.disclose import disclose
from kpicli.errors import InputError, Severity
from kpicli.load import load_project
from kpicli.load.narrative import read_period_narrative
from kpicli.narrate import missing_actions, narrate_exempt, narrate_public
from kpicli.periods import parse_month
from kpicli.pipeline import build_papers


def narrated(root: Path) -> tuple[object, object]:
    project = load_project(root)
    public_view, exempt_view = disclose(compute_report(project, parse_month("2019-08")), project)
    officer = read_period_narrative(root, "2019-08")
    return (
        narrate_public(public_view, officer, "narrative/2019-08", root),
        narrate_exempt(exempt_view, officer, "narrative/2019-08", root),
    )


def test_an_amber_or_red_indicator_without_an_action_refuses_the_public_build(
    small_project: Path, tmp_path: Path
) -> None:
    # This period's file has no actions, and there are none earlier to carry forward.
    for period in ("2019-06", "2019-07"):
        (small_project / "narrative" / period / "placement-stability.md").unlink()
    (small_project / "narrative" / "2019-08" / "placement-stability.md").write_text("Context.\n")
    public, exempt = narrated(small_project)
    refused = missing_actions(public, "narrative/2019-08")  # type: ignore[arg-type]
    assert [p.file for p in refused] == ["narrative/2019-08/placement-stability.md"]
    assert all(p.severity is Severity.ERROR and p.field == "actions" for p in refused)
    assert refused[0].message == "is missing for an amber or red indicator"
    # Rated only in Part 2 (exempt): a warning, never printed in either paper.
    warned = [p.file for p in exempt.warnings]  # type: ignore[attr-defined]
    assert "narrative/2019-08/cse-risk.md" in warned
    with pytest.raises(InputError) as raised:
        build_papers(small_project, "2019-08", tmp_path / "out")
    assert "narrative/2019-08/placement-stability.md" in str(raised.value.problems[0])
    assert not (tmp_path / "out" / "2019-08").exists()


def test_a_reason_instead_of_actions_is_printed_in_their_place(small_project: Path) -> None:
    reason = "---\nno_action_reason: A seasonal rise that corrects itself each autumn.\n---\nContext.\n"
    (small_project / "narrative" / "2019-08" / "placement-stability.md").write_text(reason, encoding="utf-8")
    public, _ = narrated(small_project)
    item = public.commentary["placement-stability"]  # type: ignore[attr-defined]
    assert item.no_action_reason.startswith("A seasonal rise") and not item.missing_action
    assert not missing_actions(public, "narrative/2019-08")  # type: ignore[arg-type]


def test_actions_without_owner_or_due_date_are_not_enough(small_project: Path) -> None:
    markdown = "Context.\n\n## Action being taken\n\n- Recruiting carers.\n"
    (small_project / "narrative" / "2019-08" / "placement-stability.md").write_text(
        markdown, encoding="utf-8"
    )
    public, _ = narrated(small_project)
    (problem,) = missing_actions(public, "narrative/2019-08")  # type: ignore[arg-type]
    assert problem.message == "has actions without an owner, a due date and the effect expected"


def test_strict_build_stops_on_a_missing_action_rated_in_part_2(small_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(InputError) as raised:
        build_papers(small_project, "2019-08", out, strict=True)
    missing = [p for p in raised.value.problems if p.file == "narrative/2019-08/cse-risk.md"]
    assert missing and all(p.severity is Severity.ERROR for p in missing)
    assert not (out / "2019-08").exists()


def test_project_sentences_file_changes_the_commentary(small_project: Path) -> None:
    (small_project / "templates").mkdir()
    override = 'sentences:\n  latest: "{subject} stood at {value} {when}."\n'
    (small_project / "templates" / "sentences.yaml").write_text(override, encoding="utf-8")
    public, _ = narrated(small_project)
    sentences = public.commentary["missing-episodes"].sentences  # type: ignore[attr-defined]
    assert sentences[0].startswith("The number of missing episodes stood at 33 in August 2019, up 2")


def test_with_actions_gives_a_complete_action(small_project: Path) -> None:
    public, _ = narrated(small_project)
    (action,) = public.commentary["missing-episodes"].actions  # type: ignore[attr-defined]
    assert (action.owner, action.due.isoformat(), action.effect) == (
        "Head of Service",
        "2020-03-31",
        "Back to green.",
    )
    assert with_actions().startswith("---\nactions:")
