"""The narrate stage: one view in, commentary out; amber and red indicators need an action."""

from __future__ import annotations

from pathlib import Path

import pytest

from kpicli.compute import compute_report
from kpicli.disclose import disclose
from kpicli.errors import InputError, Severity
from kpicli.load import load_project
from kpicli.narrate import narrate_exempt, narrate_public
from kpicli.periods import parse_month
from kpicli.pipeline import build_papers


def test_red_indicator_without_action_text_is_a_warning(small_project: Path) -> None:
    project = load_project(small_project)
    public_view, exempt_view = disclose(compute_report(project, parse_month("2019-08")), project)
    officer = {"placement-stability": "Context.\n\n## Action being taken\n\nRecruiting carers."}
    public = narrate_public(public_view, officer, "narrative/2019-08", small_project)
    warned = {problem.file for problem in public.warnings}
    assert "narrative/2019-08/missing-episodes.md" in warned
    assert "narrative/2019-08/placement-stability.md" not in warned
    assert "cse-risk" not in public.commentary
    assert "cse-risk" in narrate_exempt(exempt_view, officer, "narrative/2019-08", small_project).commentary


def test_project_sentences_file_changes_the_commentary(small_project: Path) -> None:
    (small_project / "templates").mkdir()
    override = 'sentences:\n  latest: "{subject} stood at {value} {when}."\n'
    (small_project / "templates" / "sentences.yaml").write_text(override, encoding="utf-8")
    project = load_project(small_project)
    public_view, _ = disclose(compute_report(project, parse_month("2019-08")), project)
    sentences = (
        narrate_public(public_view, {}, "narrative", small_project).commentary["missing-episodes"].sentences
    )
    assert sentences[0].startswith("The number of missing episodes stood at 33 in August 2019, up 2")


def test_strict_build_stops_on_a_missing_action(small_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(InputError) as raised:
        build_papers(small_project, "2019-08", out, strict=True)
    missing = [p for p in raised.value.problems if p.field == "Action being taken"]
    assert missing and all(p.severity is Severity.ERROR for p in missing)
    assert not (out / "2019-08").exists()
