"""Whatever bytes the officer's files hold, loading ends in a Project or an InputError."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpicli.errors import InputError
from kpicli.load import load_project
from tests.load.project import build_base_project

FUZZ = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
TRICKY = [
    ",",
    '"',
    "\n",
    "\r",
    ";",
    "-",
    ":",
    " ",
    "  ",
    "é",
    "\t",
    "\x00",
    "[",
    "{",
    "&",
    "*",
    "!",
    "1e400",
    "nan",
    "&a ",
    "*a",
    "<<: *a\n",
    "!!python/object/apply:os.system ['true']",
    "١",
    "3_5",
    "1,234",
    "%",
]
FILES = {
    "values": "sample_data/values.csv",
    "benchmarks": "sample_data/benchmarks.csv",
    "definition": "indicator_defs/referrals.yaml",
    "config": "kpicli.yaml",
    "actions": "actions.yaml",
    "breakdowns": "sample_data/breakdowns.csv",
    "papers": "papers.yaml",
}
# Files the base project does not have: written, loaded, then removed again.
EXTRA_FILES = ("templates/sentences.yaml", "templates/cover.html.j2", "narrative/2019-08/referrals.md")


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_base_project(tmp_path_factory.mktemp("fuzz") / "base")


@pytest.fixture(scope="module")
def work(base: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return Path(shutil.copytree(base, tmp_path_factory.mktemp("fuzz") / "work"))


def load_with(work: Path, base: Path, file: str, content: bytes) -> None:
    for name in FILES.values():
        shutil.copyfile(base / name, work / name)
    (work / file).write_bytes(content)
    try:
        load_project(work)
    except InputError as error:
        assert error.problems, "an InputError must say what is wrong"


@st.composite
def mutated(draw: st.DrawFn, text: str) -> bytes:
    """Near-valid text: a few edits of the kind a hand-edited file picks up."""
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "duplicate-line"]))
        if action == "insert":
            text = text[:position] + draw(st.sampled_from(TRICKY)) + text[position:]
        elif action == "delete":
            text = text[:position] + text[position + draw(st.integers(1, 8)) :]
        else:
            lines = text.splitlines(keepends=True) or [""]
            index = position % len(lines)
            text = "".join([*lines[: index + 1], lines[index], *lines[index + 1 :]])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    return text.encode(encoding, errors="replace")


@pytest.mark.parametrize("file", FILES.values())
@FUZZ
@given(content=st.binary(max_size=400))
def test_random_bytes_never_crash_the_loader(file: str, content: bytes, work: Path, base: Path) -> None:
    load_with(work, base, file, content)


@pytest.mark.parametrize("file", FILES.values())
@FUZZ
@given(data=st.data())
def test_near_valid_files_never_crash_the_loader(
    file: str, data: st.DataObject, work: Path, base: Path
) -> None:
    original = (base / file).read_text(encoding="utf-8")
    load_with(work, base, file, data.draw(mutated(original)))


@pytest.mark.parametrize("file", EXTRA_FILES)
@FUZZ
@given(content=st.binary(max_size=400))
def test_random_templates_wording_and_narrative_never_crash_the_loader(
    file: str, content: bytes, work: Path, base: Path
) -> None:
    path = work / file
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        load_with(work, base, file, content)
    finally:
        path.unlink()
