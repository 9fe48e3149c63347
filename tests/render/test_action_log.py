"""The action log: which actions a paper reports as due, overdue, open or completed."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from conftest import REPO_ROOT, definition, make_project, monthly, with_actions
from kpicli.errors import InputError
from kpicli.load import load_project
from kpicli.models.config import ActionLog, ActionPoint
from kpicli.pipeline import run_stages
from kpicli.render.action_log import classify_actions

MEETING = dt.date(2019, 11, 12)
LAST_MEETING = dt.date(2019, 7, 9)


def action(
    number: str, raised: str, due: str, status: str = "open", completed: str | None = None
) -> ActionPoint:
    return ActionPoint.model_validate(
        {
            "number": number,
            "raised": raised,
            "text": "Report back.",
            "owner": "Director",
            "due": due,
            "status": status,
            "completed": completed,
        }
    )


def numbers(actions: tuple[ActionPoint, ...]) -> list[str]:
    return [a.number for a in actions]


def test_open_actions_are_due_overdue_or_later_by_their_due_meeting() -> None:
    log = ActionLog(
        actions=[
            action("1", "2019-03-19", "2019-07-09"),
            action("2", "2019-07-09", "2019-11-12"),
            action("3", "2019-07-09", "2020-01-21"),
        ]
    )
    view = classify_actions(log, MEETING, LAST_MEETING)
    assert (numbers(view.overdue), numbers(view.due), numbers(view.open)) == (["1"], ["2"], ["3"])
    assert view.completed == ()


def test_completed_actions_are_reported_once_in_the_first_paper_after_completion() -> None:
    log = ActionLog(
        actions=[
            action("old", "2019-01-22", "2019-03-19", "completed", "2019-03-19"),
            action("new", "2019-03-19", "2019-09-30", "completed", "2019-09-01"),
            action("future", "2019-07-09", "2020-01-21", "completed", "2019-12-01"),
        ]
    )
    view = classify_actions(log, MEETING, LAST_MEETING)
    assert numbers(view.completed) == ["new"]


def test_actions_raised_at_this_meeting_are_not_in_its_paper() -> None:
    log = ActionLog(actions=[action("raised-here", "2019-11-12", "2020-01-21")])
    assert classify_actions(log, MEETING, LAST_MEETING).is_empty


def test_actions_due_at_this_meeting_are_reported_whatever_their_status() -> None:
    log = ActionLog(actions=[action("done", "2019-07-09", "2019-11-12", "completed", "2019-10-01")])
    view = classify_actions(log, MEETING, LAST_MEETING)
    assert (numbers(view.due), view.completed) == (["done"], ())


def test_dropped_actions_are_reported_with_the_completed_ones() -> None:
    log = ActionLog(actions=[action("gone", "2019-07-09", "2019-09-30", "dropped")])
    assert numbers(classify_actions(log, MEETING, LAST_MEETING).completed) == ["gone"]


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"due": "2019-01-01"}, "is before the meeting that raised it"),
        ({"status": "completed"}, "needs the date it was completed"),
        ({"completed": "2019-12-01"}, "has a completed date but its status is open"),
        ({"status": "finished"}, "Input should be"),
    ],
)
def test_invalid_actions_are_rejected_with_a_reason(fields: dict[str, str], words: str) -> None:
    data = {
        "number": "1",
        "raised": "2019-07-09",
        "text": "t",
        "owner": "o",
        "due": "2019-11-12",
        "status": "open",
    } | fields
    with pytest.raises(ValidationError, match=words):
        ActionPoint.model_validate(data)


def test_repeated_action_numbers_are_rejected() -> None:
    with pytest.raises(ValidationError, match="repeated: 7"):
        ActionLog(
            actions=[
                action("7", "2019-07-09", "2019-11-12"),
                action("7", "2019-07-09", "2019-11-12"),
            ]
        )


def test_a_bad_action_log_names_the_file_and_line(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(
        REPO_ROOT,
        project,
        ignore=shutil.ignore_patterns(".git", ".venv", "out", "tests", "kpicli", "__pycache__"),
    )
    log = yaml.safe_load((project / "actions.yaml").read_text(encoding="utf-8"))
    log["actions"][1]["due"] = "2018-01-01"
    (project / "actions.yaml").write_text(yaml.safe_dump(log, sort_keys=False), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_project(project)
    problem = caught.value.problems[0]
    assert problem.file == "actions.yaml" and problem.line is not None
    assert "before the meeting that raised it" in problem.message


def test_next_cycle_moves_actions_from_due_to_completed() -> None:
    """The sample's action log for November 2019, then the updated log for January 2020."""
    now = load_project(REPO_ROOT).actions
    this_cycle = classify_actions(now, MEETING, LAST_MEETING)
    later = ActionLog.model_validate(
        yaml.safe_load((REPO_ROOT / "examples/next-cycle/actions.yaml").read_text(encoding="utf-8"))
    )
    next_cycle = classify_actions(later, dt.date(2020, 1, 21), MEETING)
    assert "CEF19003/1" in numbers(this_cycle.due)
    assert "CEF19001/2" in numbers(this_cycle.overdue)
    assert "CEF19004/2" not in numbers(this_cycle.open)  # raised at the November meeting itself
    assert "CEF19004/2" in numbers(next_cycle.due)
    assert next_cycle.due[0].status.value == "completed"
    assert "CEF19003/1" in numbers(next_cycle.completed)  # completed at the November meeting
    assert "CEF19001/2" in numbers(next_cycle.completed)
    assert not set(numbers(next_cycle.due)) & set(numbers(this_cycle.due))


def test_a_paper_between_meetings_stands_at_the_end_of_its_period() -> None:
    """The sample's log as the March 2019 paper (no meeting; the last went to 19 March) saw it."""
    log = load_project(REPO_ROOT).actions
    view = classify_actions(log, None, dt.date(2019, 3, 19), dt.date(2019, 4, 1))
    # Raised in July and November 2019: not yet known. Completed in July: open in March.
    assert numbers(view.overdue) == ["CEF19001/2"]  # due 19 March, still open
    assert numbers(view.open) == ["CEF19002/1"]
    assert view.open[0].status.value == "open" and view.open[0].update is None
    assert not view.due and not view.completed


def test_a_paper_built_between_meetings_lists_no_later_action(tmp_path: Path) -> None:
    project = make_project(
        tmp_path / "project",
        definitions=[definition("missing-episodes", 1, rag={"kind": "thresholds", "green": 10, "red": 20})],
        values=monthly("missing-episodes", "2018-09", [25, 27, 26, 28, 30, 29, 31, 30, 32, 33]),
        narrative={"missing-episodes": with_actions()},
        narrative_periods=("2019-06",),
        actions=[
            {**raw, "text": "Report back.", "owner": "Director"}
            for raw in (
                {"number": "A/1", "raised": "2019-03-19", "due": "2019-05-01", "status": "open"},
                {"number": "A/2", "raised": "2019-07-09", "due": "2019-11-12", "status": "open"},
                {
                    "number": "A/3",
                    "raised": "2019-03-19",
                    "due": "2019-07-09",
                    "status": "completed",
                    "completed": "2019-07-09",
                    "update": "Circulated in July.",
                },
            )
        ],
    )
    pages = run_stages(load_project(project), "2019-06").pages  # no meeting considers June 2019
    assert pages is not None
    for page in pages.html.values():
        log = page[page.index('id="action-log"') :]
        assert "A/1" in log.split("Open, due at a later meeting")[0]  # overdue at the end of June
        assert "A/2" not in log and "Circulated in July" not in log and "A/3" in log
