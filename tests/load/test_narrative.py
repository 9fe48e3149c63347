"""Officer narrative front matter is checked in load: every problem with its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build_small_project
from kpicli.errors import InputError
from kpicli.load import load_project
from kpicli.load.narrative import read_front_matter

SHOWN = "narrative/2019-08/stability.md"


def test_front_matter_gives_actions_with_owner_due_date_and_effect() -> None:
    text = (
        "---\nactions:\n  - action: Recruit carers.\n    owner: Head of Fostering\n"
        "    due: 2020-03-31\n    effect: More local placements.\n---\n## Context\n\nWords.\n"
    )
    front, body, problems = read_front_matter(text, SHOWN)
    assert problems == []
    (action,) = front.actions
    assert (action.owner, action.due.isoformat(), action.effect) == (
        "Head of Fostering",
        "2020-03-31",
        "More local placements.",
    )
    assert body == "## Context\n\nWords.\n"


@pytest.mark.parametrize(
    ("front", "line", "field", "message"),
    [
        (
            "actions:\n  - action: Recruit carers.\n    owner: Head\n    due: soon\n    effect: More.\n",
            5,
            "actions[0].due",
            "date",
        ),
        (
            "actions:\n  - action: Recruit carers.\n    due: 2020-03-31\n    effect: More.\n",
            3,
            "actions[0].owner",
            "required",
        ),
        ("action:\n  - action: Recruit carers.\n", 2, "action", "unknown key"),
        (
            "no_action_reason: Seasonal, corrects itself.\nactions:\n  - action: A thing.\n    owner: Head\n    due: 2020-01-01\n    effect: More.\n",
            2,
            "",
            "not both",
        ),
        ("actions: [unclosed\n", 3, "", "YAML syntax"),
    ],
)
def test_each_problem_names_the_file_line_and_field(front: str, line: int, field: str, message: str) -> None:
    _, _, problems = read_front_matter(f"---\n{front}---\nContext.\n", SHOWN)
    assert problems, front
    problem = problems[0]
    assert (problem.file, problem.line) == (SHOWN, line), problem
    assert field in problem.field and message in str(problem), problem


def test_an_unclosed_front_matter_is_reported() -> None:
    _, _, problems = read_front_matter("---\nactions: []\nContext.\n", SHOWN)
    assert [(p.line, p.message) for p in problems] == [(1, "front matter is not closed")]


def test_a_project_with_a_bad_front_matter_does_not_load(tmp_path: Path) -> None:
    root = build_small_project(tmp_path / "project")
    path = root / "narrative" / "2019-08" / "missing-episodes.md"
    path.write_text(path.read_text(encoding="utf-8").replace("2020-03-31", "31/03/2020"), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_project(root)
    (problem,) = [p for p in raised.value.problems if p.file.startswith("narrative/2019-08")]
    assert str(problem).startswith("narrative/2019-08/missing-episodes.md:5: actions[0].due:")
