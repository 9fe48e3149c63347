"""What members asked for in the minutes, as the sample paper shows it: the action log moving
from one committee cycle to the next, and indicators grouped by how far the council controls
them. These tests render HTML only; PDF rendering is covered by the end-to-end tests."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO_ROOT
from kpicli.compute import compute_report
from kpicli.disclose import disclose
from kpicli.load import load_project
from kpicli.models.commentary import NarratedPublic
from kpicli.narrate import narrate_public
from kpicli.periods import parse_month
from kpicli.render import render_public_html
from kpicli.render.context import paper_context
from kpicli.render.indicator_row import CONTROL_WORDS

PROJECT_FILES = ("kpicli.yaml", "indicator_defs", "sample_data", "narrative", "papers.yaml", "actions.yaml")


def narrated_public(project_dir: Path, period: str) -> NarratedPublic:
    project = load_project(project_dir)
    public_view, _ = disclose(compute_report(project, parse_month(period)), project)
    return narrate_public(public_view, {}, f"narrative/{period}")


def action_tables(html: str) -> dict[str, list[str]]:
    """Action numbers under each caption of the action log."""
    tables: dict[str, list[str]] = {}
    for table in re.findall(r'<table class="action-log">(.*?)</table>', html, flags=re.S):
        caption = re.search(r"<caption[^>]*>(.*?)</caption>", table, flags=re.S)
        assert caption is not None
        tables[caption.group(1).strip()] = re.findall(r'<th scope="row">([^<]+)</th>', table)
    return tables


def table_with(tables: dict[str, list[str]], number: str) -> str:
    found = [caption for caption, numbers in tables.items() if number in numbers]
    assert len(found) == 1, f"{number} is in {found}"
    return found[0]


@pytest.fixture(scope="module")
def next_cycle_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project as it stands for the January 2020 meeting: the updated action log."""
    root = tmp_path_factory.mktemp("next-cycle")
    for name in PROJECT_FILES:
        source = REPO_ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    shutil.copy(REPO_ROOT / "examples/next-cycle/actions.yaml", root / "actions.yaml")
    return root


@pytest.fixture(scope="module")
def this_cycle_tables() -> dict[str, list[str]]:
    return action_tables(render_public_html(narrated_public(REPO_ROOT, "2019-08"), REPO_ROOT))


@pytest.fixture(scope="module")
def next_cycle_tables(next_cycle_project: Path) -> dict[str, list[str]]:
    return action_tables(
        render_public_html(narrated_public(next_cycle_project, "2019-11"), next_cycle_project)
    )


def test_the_november_paper_reports_actions_due_overdue_and_open(
    this_cycle_tables: dict[str, list[str]],
) -> None:
    assert table_with(this_cycle_tables, "CEF19003/1").startswith("Due at this meeting")
    assert table_with(this_cycle_tables, "CEF19001/2").startswith("Overdue")
    assert not any("CEF19004/1" in numbers for numbers in this_cycle_tables.values()), (
        "raised at the meeting itself"
    )


def test_the_next_cycle_moves_actions_from_due_to_completed(
    this_cycle_tables: dict[str, list[str]], next_cycle_tables: dict[str, list[str]]
) -> None:
    assert table_with(next_cycle_tables, "CEF19003/1").startswith("Completed since the last report")
    assert table_with(next_cycle_tables, "CEF19001/2").startswith("Completed since the last report")
    assert table_with(next_cycle_tables, "CEF19004/1").startswith("Due at this meeting")
    reported_in_both = set(this_cycle_tables.get("Completed since the last report", [])) & set(
        next_cycle_tables.get("Completed since the last report", [])
    )
    assert not reported_in_both, "a completed action is reported once"


@pytest.fixture(scope="module")
def sample_context() -> dict[str, Any]:
    narrated = narrated_public(REPO_ROOT, "2019-08")
    return paper_context(narrated, [])


def test_the_summary_counts_every_published_indicator_once_by_control(sample_context: dict[str, Any]) -> None:
    groups = sample_context["summary_control"]
    assert [g["title"] for g in groups] == list(CONTROL_WORDS.values())
    assert all(g["counts"]["total"] > 0 for g in groups), "the sample has indicators of both kinds"
    assert sum(g["counts"]["total"] for g in groups) == len(sample_context["definitions"])


def test_dashboards_put_each_indicator_under_its_own_control(sample_context: dict[str, Any]) -> None:
    placed = 0
    for section in sample_context["sections"]:
        titles = [group["title"] for group in section["groups"]]
        assert titles == sorted(titles, key=list(CONTROL_WORDS.values()).index), (
            "in the council's control first"
        )
        for group in section["groups"]:
            assert {row["control"] for row in group["rows"]} == {group["title"]}
            placed += len(group["rows"])
    assert placed == len(sample_context["definitions"])
