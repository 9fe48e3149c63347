"""Hostile and malformed input (issue 19): each case is one defect in an otherwise valid project.

`validate` reports it as `file:line: field: message (hint)` with exit 1 and no traceback; a build
leaves earlier outputs byte-identical and nothing behind. The build-only cases (a template that
fails while rendering, an output folder that cannot be used, a period with no data) are checked
through `build`.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kpicli.cli import app
from tests.load.project import build_base_project
from tests.load.test_broken_inputs import (
    BENCHMARKS,
    BREAKDOWNS,
    DEFECTS,
    LAST_REFERRALS,
    REFERRALS,
    STABILITY_JUNE,
    VALUES,
    Defect,
    Edit,
    append,
    replace,
    snapshot,
)

IS_POSIX = os.name == "posix"


def write(file: str, content: bytes | str) -> Edit:
    def edit(root: Path) -> None:
        path = root / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)

    return edit


def both(*edits: Edit) -> Edit:
    def edit(root: Path) -> None:
        for step in edits:
            step(root)

    return edit


def fifo(file: str) -> Edit:
    def edit(root: Path) -> None:
        (root / file).unlink(missing_ok=True)
        os.mkfifo(root / file)

    return edit


def folder(file: str) -> Edit:
    def edit(root: Path) -> None:
        path = root / file
        if path.is_file():
            path.unlink()
        path.mkdir(parents=True)

    return edit


def link_outside(file: str) -> Edit:
    def edit(root: Path) -> None:
        outside = root.parent / "outside-secret.txt"
        outside.write_text("{{ authority }} SECRET", encoding="utf-8")
        path = root / file
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            path.unlink()
        path.symlink_to(outside)

    return edit


def link_folder_outside(file: str) -> Edit:
    def edit(root: Path) -> None:
        outside = root.parent / "outside-folder"
        outside.mkdir(exist_ok=True)
        (outside / "cover.html.j2").write_text("{{ authority }}", encoding="utf-8")
        (root / file).symlink_to(outside, target_is_directory=True)

    return edit


def duplicates(count: int) -> Edit:
    # Each duplicate ends in its own number of spaces (stripped when read), so a marker finds it.
    return append(VALUES, "".join(f"{LAST_REFERRALS}{' ' * i}\n" for i in range(1, count + 1)))


BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 10 if previous else ['lol'] * 10)}]\n"
    for previous, name in zip(["", "a", "b", "c", "d"], ["a", "b", "c", "d", "e"], strict=True)
)
TEMPLATE = "templates/cover.html.j2"
SENTENCES = "templates/sentences.yaml"
NARRATIVE = "narrative/2019-08/referrals.md"


def broken_workbook(root: Path) -> None:
    import zipfile

    with zipfile.ZipFile(root / "kpis.xlsx", "w") as archive:
        archive.writestr("[Content_Types].xml", "<not xml")
    append("kpicli.yaml", "source:\n  kind: excel\n  workbook: kpis.xlsx\n")(root)


HOSTILE = [
    # 19.2 bounded YAML and files
    Defect(
        "alias bomb in a definition",
        append(REFERRALS, BOMB),
        REFERRALS,
        "e: &e",
        "",
        ("expand to more than 100,000 values", "write the values out"),
    ),
    Defect(
        "alias bomb in kpicli.yaml",
        append("kpicli.yaml", BOMB),
        "kpicli.yaml",
        "e: &e",
        "",
        ("expand to more than 100,000 values",),
    ),
    Defect(
        "alias bomb in actions.yaml",
        append("actions.yaml", BOMB),
        "actions.yaml",
        "e: &e",
        "",
        ("expand to more than 100,000 values",),
    ),
    Defect(
        "recursive alias",
        append(REFERRALS, "loop: &l [1, *l]\n"),
        REFERRALS,
        "loop:",
        "",
        ("an alias is used inside its own anchor",),
    ),
    Defect(
        "definition over the size limit",
        append(REFERRALS, "# " + "x" * 1_100_000 + "\n"),
        REFERRALS,
        None,
        "",
        ("kpicli reads files of up to 1 MB", "split or trim it"),
    ),
    Defect(
        "definition is a folder",
        folder("indicator_defs/extra.yaml"),
        "indicator_defs/extra.yaml",
        None,
        "",
        ("is a folder", "it must be a file"),
    ),
    Defect("values is a folder", folder(VALUES), VALUES, None, "", ("is a folder",)),
    Defect(
        "config with NUL bytes",
        append("kpicli.yaml", "\x00\n"),
        "kpicli.yaml",
        "\x00",
        "",
        ("is not a text file", "NUL bytes"),
    ),
    Defect(
        "values in UTF-16",
        lambda root: (root / VALUES).write_bytes((root / VALUES).read_text().encode("utf-16")),
        VALUES,
        None,
        "",
        ("is UTF-16 text, not UTF-8", "save it again as"),
    ),
    # 19.5 strict extracts
    Defect(
        "comma as a decimal point",
        replace(VALUES, LAST_REFERRALS, 'referrals,2019-08,"3,0",,,'),
        VALUES,
        '"3,0"',
        "value",
        ("'3,0' has a comma that is not a thousands separator", "as in 1,234"),
    ),
    Defect(
        "comma in a benchmark",
        replace(BENCHMARKS, "England,68", 'England,"68,5"'),
        BENCHMARKS,
        "68,5",
        "value",
        ("comma that is not a thousands separator",),
    ),
    Defect(
        "underscore in a number",
        replace(VALUES, LAST_REFERRALS, "referrals,2019-08,1_9,,,"),
        VALUES,
        "1_9",
        "value",
        ("'1_9' is not a number", "write a number with no symbols"),
    ),
    Defect(
        "Arabic-Indic digits",
        replace(VALUES, LAST_REFERRALS, "referrals,2019-08,١٩,,,"),
        VALUES,
        "١٩",
        "value",
        ("'١٩' is not a number",),
    ),
    Defect(
        "percent sign on a count",
        replace(VALUES, LAST_REFERRALS, "referrals,2019-08,19%,,,"),
        VALUES,
        "19%",
        "value",
        ("'19%' has a % sign but is not a percentage", "write the number alone"),
    ),
    Defect(
        "percent sign on a numerator",
        replace(VALUES, STABILITY_JUNE, "stability,2019-06,,64%,90,"),
        VALUES,
        "64%",
        "numerator",
        ("has a % sign",),
    ),
    Defect(
        "percent sign on a count benchmark",
        replace(BENCHMARKS, "London,12", "London,12%"),
        BENCHMARKS,
        "12%",
        "value",
        ("has a % sign",),
    ),
    Defect(
        "exponent",
        replace(VALUES, LAST_REFERRALS, "referrals,2019-08,1e3,,,"),
        VALUES,
        "1e3",
        "value",
        ("'1e3' is not a number",),
    ),
    Defect(
        "infinity written out",
        replace(VALUES, LAST_REFERRALS, "referrals,2019-08,inf,,,"),
        VALUES,
        "inf,",
        "value",
        ("'inf' is not a number",),
    ),
    Defect(
        "a figure too large",
        replace(VALUES, LAST_REFERRALS, "referrals,2019-08,1" + "0" * 20 + ",,,"),
        VALUES,
        "1000000000",
        "value",
        ("is too large for a figure",),
    ),
    Defect(
        "breakdown cells that sum to infinity",
        replace(BREAKDOWNS, "South,10", "South,1" + "0" * 308),
        BREAKDOWNS,
        "South",
        "value",
        ("is too large for a figure",),
    ),
    Defect(
        "unclosed quote",
        replace(VALUES, "referrals,2019-04,14,,,", 'referrals,2019-04,"14,,,'),
        VALUES,
        "2019-04",
        "",
        ("a quote opened on this line is never closed", 'must end with "'),
    ),
    Defect(
        "quote in the middle of a cell",
        replace(VALUES, LAST_REFERRALS, 'referrals,2019-08,"1"9,,,'),
        VALUES,
        '"1"9',
        "",
        ("cannot be read as CSV", 'must end with "'),
    ),
    Defect(
        "values with a header only",
        write(VALUES, "indicator,period,value\n"),
        VALUES,
        "indicator",
        "",
        ("has no rows", "it should hold the values extract"),
    ),
    Defect(
        "duplicate rows are capped",
        duplicates(25),
        VALUES,
        "19,,," + " " * 11,
        "period",
        ("and 15 more like this", "keep one row per indicator"),
    ),
    Defect(
        "malformed workbook",
        broken_workbook,
        "kpis.xlsx",
        None,
        "",
        ("cannot be read as an Excel workbook", "save it as an Excel Workbook"),
    ),
    # 19.6 models
    Defect(
        "infinite threshold",
        replace(REFERRALS, "green: 10", "green: .inf"),
        REFERRALS,
        "green:",
        "rag.green",
        ("is not a finite number", "write an ordinary number"),
    ),
    Defect(
        "NaN threshold",
        replace(REFERRALS, "red: 20", "red: .nan"),
        REFERRALS,
        "red:",
        "rag.red",
        ("is not a finite number",),
    ),
    Defect(
        "NaN tolerance target",
        replace("indicator_defs/stability.yaml", "target: 70", "target: .NaN"),
        "indicator_defs/stability.yaml",
        "target:",
        "rag.target",
        ("is not a finite number",),
    ),
    Defect(
        "suppress_below 1 in kpicli.yaml",
        append("kpicli.yaml", "disclosure:\n  suppress_below: 1\n"),
        "kpicli.yaml",
        "suppress_below",
        "disclosure.suppress_below",
        ("1 suppresses nothing", "use 2 or more"),
    ),
    Defect(
        "suppress_below 1 in a definition",
        append(REFERRALS, "disclosure:\n  suppress_below: 1\n"),
        REFERRALS,
        "suppress_below",
        "disclosure.suppress_below",
        ("1 suppresses nothing",),
    ),
    # 19.1 links
    Defect(
        "javascript link in papers.yaml",
        replace("papers.yaml", "period: 2019-05", "period: 2019-05\n  url: javascript:alert(1)"),
        "papers.yaml",
        "url:",
        "papers[0].url",
        ("'javascript:alert(1)' is not a web or email link", "only http:, https: and mailto:"),
    ),
    Defect(
        "file link in papers.yaml",
        replace("papers.yaml", "period: 2019-05", "period: 2019-05\n  url: file:///etc/passwd"),
        "papers.yaml",
        "url:",
        "papers[0].url",
        ("is not a web or email link",),
    ),
    Defect(
        "data link in papers.yaml",
        replace("papers.yaml", "period: 2019-05", "period: 2019-05\n  url: 'data:text/html,<b>x</b>'"),
        "papers.yaml",
        "url:",
        "papers[0].url",
        ("is not a web or email link",),
    ),
    # 20.1 templates, sentences.yaml and narrative checked in load, at their own lines
    Defect(
        "template syntax error",
        write(TEMPLATE, "<p>\n{{ authority }}\n{% if %}\n</p>\n"),
        TEMPLATE,
        "{% if %}",
        "",
        ("template syntax", "check the template's"),
    ),
    Defect(
        "template unknown name",
        write(TEMPLATE, "<p>\n{{ authorty }}\n</p>\n"),
        TEMPLATE,
        "authorty",
        "",
        ("'authorty' is not a value the paper gives its templates", "check the spelling"),
    ),
    Defect(
        "template missing include",
        write(TEMPLATE, "<p>\n{% include 'nope.html.j2' %}\n"),
        TEMPLATE,
        "nope",
        "",
        ("includes 'nope.html.j2', which is not a template",),
    ),
    Defect(
        "template unclosed block",
        write(TEMPLATE, "{% for row in below %}\n{{ row.title }}\n"),
        TEMPLATE,
        "row.title",
        "",
        ("template syntax",),
    ),
    Defect(
        "template in Windows-1252",
        write(TEMPLATE, "<p>{{ authority }} £</p>\n".encode("cp1252")),
        TEMPLATE,
        ":1",
        "",
        ("is not UTF-8 text",),
    ),
    Defect(
        "sentences.yaml in Windows-1252",
        write(SENTENCES, "sentences:\n  latest: '£ {value}'\n".encode("cp1252")),
        SENTENCES,
        "latest",
        "",
        ("is not UTF-8 text", "Windows-1252"),
    ),
    Defect(
        "sentences.yaml syntax",
        write(SENTENCES, "sentences:\n  latest: '{value}\n"),
        SENTENCES,
        ":3",
        "",
        ("YAML syntax",),
    ),
    Defect(
        "sentences.yaml unknown sentence",
        write(SENTENCES, "sentences:\n  lattest: '{subject}'\n"),
        SENTENCES,
        "lattest",
        "sentences.lattest",
        ("is not a known sentence",),
    ),
    Defect(
        "sentences.yaml unknown placeholder",
        write(SENTENCES, "sentences:\n\n  latest: '{subject} {valeu}'\n"),
        SENTENCES,
        "valeu",
        "sentences.latest",
        ("uses unknown placeholder(s) valeu", "this sentence may use"),
    ),
    Defect(
        "sentences.yaml unknown section",
        write(SENTENCES, "sentence:\n  latest: '{subject}'\n"),
        SENTENCES,
        "sentence:",
        "sentence",
        ("is not a section",),
    ),
    Defect(
        "sentences.yaml alias bomb",
        write(SENTENCES, BOMB),
        SENTENCES,
        "e: &e",
        "",
        ("expand to more than 100,000 values",),
    ),
    Defect(
        "narrative in Windows-1252",
        write(NARRATIVE, "Context: caf\xe9 £\n".encode("cp1252")),
        NARRATIVE,
        ":1",
        "",
        ("is not UTF-8 text",),
    ),
    Defect("narrative folder named like a file", folder(NARRATIVE), NARRATIVE, None, "", ("is a folder",)),
    Defect(
        "narrative over the size limit",
        write(NARRATIVE, "x" * 1_100_000),
        NARRATIVE,
        None,
        "",
        ("kpicli reads files of up to 1 MB",),
    ),
]
POSIX_ONLY = [
    Defect("values is a FIFO", fifo(VALUES), VALUES, None, "", ("is not a regular file",)),
    Defect(
        "definition is a FIFO",
        fifo("indicator_defs/extra.yaml"),
        "indicator_defs/extra.yaml",
        None,
        "",
        ("is not a regular file",),
    ),
    Defect(
        "narrative linked outside the project",
        link_outside(NARRATIVE),
        NARRATIVE,
        None,
        "",
        ("is a link to a file outside the project", "copy the file into the project"),
    ),
    Defect(
        "template linked outside the project",
        link_outside(TEMPLATE),
        TEMPLATE,
        None,
        "",
        ("is a link to a file outside the project",),
    ),
    Defect(
        "templates folder linked outside the project",
        link_folder_outside("templates"),
        "templates",
        None,
        "",
        ("is a link to a folder outside the project",),
    ),
    Defect(
        "sentences.yaml linked outside the project",
        link_outside(SENTENCES),
        SENTENCES,
        None,
        "",
        ("is a link to a file outside the project",),
    ),
]
CASES = HOSTILE + (POSIX_ONLY if IS_POSIX and hasattr(os, "mkfifo") else [])


@pytest.fixture(scope="module")
def base_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_base_project(tmp_path_factory.mktemp("hostile") / "project")


def copy_project(base: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(base, tmp_path / "project"))


def assert_reported(defect: Defect, root: Path, output: str) -> None:
    if defect.marker is not None and defect.marker.startswith(":"):
        where = defect.file + defect.marker  # a line given outright
    else:
        where = defect.where(root) if defect.marker is not None else defect.file
    prefix = f"error: {where}: {defect.field}: " if defect.field else f"error: {where}: "
    matching = [line for line in output.splitlines() if line.startswith(prefix)]
    assert any(all(word in line for word in defect.words) for line in matching), output
    # The shape: every error line ends with its hint in brackets.
    assert all(line.endswith(")") for line in output.splitlines() if line.startswith("error: ")), output
    assert "Traceback" not in output


@pytest.mark.parametrize("defect", CASES, ids=lambda d: d.name.replace(" ", "-"))
def test_validate_reports_the_hostile_input(defect: Defect, base_project: Path, tmp_path: Path) -> None:
    root = copy_project(base_project, tmp_path)
    defect.edit(root)
    result = CliRunner().invoke(app, ["validate", "--project", str(root)])
    assert result.exit_code == 1, result.output
    assert_reported(defect, root, result.output)
    assert result.output.rstrip().endswith("fix them and validate again.")


def earlier_outputs(out: Path) -> dict[str, bytes]:
    (out / "2019-08").mkdir(parents=True)
    (out / "2019-08" / "public.pdf").write_bytes(b"%PDF-earlier")
    (out / ".kpicli.lock").write_bytes(b"")  # as an earlier build leaves it
    return snapshot(out)


@pytest.mark.parametrize("defect", CASES[::3], ids=lambda d: d.name.replace(" ", "-"))
def test_build_leaves_earlier_outputs_byte_identical(
    defect: Defect, base_project: Path, tmp_path: Path
) -> None:
    root = copy_project(base_project, tmp_path)
    defect.edit(root)
    out = tmp_path / "out"
    before = earlier_outputs(out)
    result = CliRunner().invoke(app, ["build", "--period", "2019-08", "-p", str(root), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert snapshot(out) == before
    assert sorted(p.name for p in out.iterdir()) == [".kpicli.lock", "2019-08"]


@dataclass(frozen=True)
class BuildCase:
    """A defect only a build meets: the command's arguments and what it must say."""

    name: str
    setup: Callable[[Path, Path], list[str]]  # (project, out) -> extra arguments
    where: str
    words: tuple[str, ...]
    exit_code: int = 1


def template(text: str) -> Callable[[Path, Path], list[str]]:
    def setup(root: Path, out: Path) -> list[str]:
        write(TEMPLATE, text)(root)
        return []

    return setup


def out_is_a_file(root: Path, out: Path) -> list[str]:
    (out / "file.txt").write_text("mine", encoding="utf-8")
    return ["-o", str(out / "file.txt")]


def out_cannot_be_made(root: Path, out: Path) -> list[str]:
    out_is_a_file(root, out)
    return ["-o", str(out / "file.txt" / "below")]


def lock_is_a_link(root: Path, out: Path) -> list[str]:
    (out / ".kpicli.lock").unlink()
    (out / ".kpicli.lock").symlink_to(out / "created-by-the-lock")
    return []


def period(text: str) -> Callable[[Path, Path], list[str]]:
    return lambda root, out: ["--period", text]


BUILD_CASES = [
    BuildCase(
        "undefined attribute at render time",
        template("<p>\n\n{{ contact.nmae }}</p>\n"),
        f"{TEMPLATE}:3",
        ("has no attribute 'nmae'", "see the default templates"),
    ),
    BuildCase(
        "template reaching Python internals",
        template("<p>\n{{ ''.__class__.__mro__[1].__subclasses__() }}</p>\n"),
        f"{TEMPLATE}:2",
        ("reaches for something templates may not use",),
    ),
    BuildCase(
        "--out names a file", out_is_a_file, "file.txt", ("is a file, not a folder", "give --out a folder")
    ),
    BuildCase("--out cannot be made", out_cannot_be_made, "below", ("cannot be made", "give --out a folder")),
    BuildCase(
        "a period before the extracts begin",
        period("1900-01"),
        "--period",
        (
            "1900-01: no indicator has a current figure",
            "the extracts hold figures from January 2019 to August 2019",
        ),
    ),
    BuildCase(
        "a period years after the extracts end",
        period("2030-01"),
        "--period",
        ("no indicator has a current figure as at January 2030", "choose a period in that range"),
    ),
]


def oversized_config(root: Path, out: Path) -> list[str]:
    append("kpicli.yaml", "# " + "x" * 2_000_000 + "\n")(root)
    return []


BUILD_CASES.append(
    BuildCase("a 2 MB kpicli.yaml", oversized_config, "kpicli.yaml", ("kpicli reads files of up to 1 MB",))
)
POSIX_BUILD_CASES = [
    BuildCase(
        "a planted lock-file link", lock_is_a_link, ".kpicli.lock", ("is a symbolic link", "remove it")
    ),
]


@pytest.mark.parametrize(
    "case", BUILD_CASES + (POSIX_BUILD_CASES if IS_POSIX else []), ids=lambda c: c.name.replace(" ", "-")
)
def test_build_only_defects(case: BuildCase, base_project: Path, tmp_path: Path) -> None:
    root = copy_project(base_project, tmp_path)
    out = tmp_path / "out"
    earlier_outputs(out)
    args = case.setup(root, out)
    before = snapshot(out)
    links = sorted(p.name for p in out.iterdir())
    result = CliRunner().invoke(
        app, ["build", "--period", "2019-08", "-p", str(root), "-o", str(out), "-j", "1", *args]
    )
    assert result.exit_code == case.exit_code, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert any(case.where in line.split(": ")[1] and all(w in line for w in case.words) for line in errors), (
        result.output
    )
    assert all(line.endswith(")") for line in errors), result.output
    assert "Traceback" not in result.output
    assert snapshot(out) == before
    assert sorted(p.name for p in out.iterdir()) == links
    assert not (out / "created-by-the-lock").exists()


def test_a_period_folder_that_is_a_file_is_never_deleted(base_project: Path, tmp_path: Path) -> None:
    root = copy_project(base_project, tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "2019-08").write_text("my notes", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", "--period", "2019-08", "-p", str(root), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert f"error: {(out / '2019-08').as_posix()}: is not a folder of papers" in result.output
    assert (out / "2019-08").read_text(encoding="utf-8") == "my notes"


def test_schema_out_naming_a_file_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "schema").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(app, ["schema", "--out", str(tmp_path / "schema")])
    assert result.exit_code == 2, result.output
    assert "is a file; give a folder" in result.output and "Traceback" not in result.output
    assert (tmp_path / "schema").read_text(encoding="utf-8") == "mine"


def test_a_thousands_separator_is_read_as_thousands(base_project: Path, tmp_path: Path) -> None:
    from kpicli.load import load_project

    root = copy_project(base_project, tmp_path)
    replace(VALUES, LAST_REFERRALS, 'referrals,2019-08,"1,234",,,')(root)
    replace(REFERRALS, "red: 20", "red: 2000")(root)
    [latest] = [o for o in load_project(root).data.observations["referrals"] if o.period.code == "2019-08"]
    assert latest.value == 1234


def test_the_corpus_covers_at_least_ninety_cases() -> None:
    total = len(DEFECTS) + len(HOSTILE) + len(POSIX_ONLY) + len(BUILD_CASES) + len(POSIX_BUILD_CASES) + 2
    assert total >= 90, total


def test_a_bug_is_one_line_with_a_log_and_its_own_exit_code(
    base_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kpicli.pipeline

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("a figure of 42 went wrong")

    monkeypatch.setattr(kpicli.pipeline, "validate_project", broken)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    result = CliRunner().invoke(app, ["validate", "--project", str(base_project)])
    assert result.exit_code == 3
    [line] = result.output.strip().splitlines()
    assert "this is a bug in kpicli (ZeroDivisionError)" in line
    # (The log's path is left out: a temporary folder's name may happen to hold 42.)
    assert "42" not in line.rsplit(" ", 1)[0] and "Traceback" not in result.output
    log = Path(line.rsplit(" ", 1)[-1])
    assert log.parent == tmp_path
    assert "Traceback" in log.read_text(encoding="utf-8")


def test_an_extract_over_the_row_limit_stops_with_an_error(
    base_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kpicli.load.extracts

    monkeypatch.setattr(kpicli.load.extracts, "MAX_EXTRACT_ROWS", 5)
    result = CliRunner().invoke(app, ["validate", "--project", str(base_project)])
    assert result.exit_code == 1, result.output
    assert (
        "error: sample_data/values.csv:7: has more than 5 rows; kpicli reads at most 5 "
        "(leave out rows no paper needs, such as years long past)"
    ) in result.output.splitlines()
