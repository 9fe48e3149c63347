"""A corpus of broken projects, one defect each: `kpicli validate` names the file, the line,
the field and the fix, exits 1 without a traceback, and `kpicli build` leaves outputs alone."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kpicli.cli import app
from tests.golden import check_golden
from tests.load.project import build_base_project

GOLDEN = Path(__file__).parent / "golden"
Edit = Callable[[Path], None]


def replace(file: str, old: str, new: str, encoding: str = "utf-8") -> Edit:
    def edit(root: Path) -> None:
        path = root / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {file}"
        path.write_bytes(text.replace(old, new, 1).encode(encoding))

    return edit


def append(file: str, text: str) -> Edit:
    def edit(root: Path) -> None:
        with (root / file).open("a", encoding="utf-8") as handle:
            handle.write(text)

    return edit


def delete(*files: str) -> Edit:
    def edit(root: Path) -> None:
        for file in files:
            (root / file).unlink()

    return edit


@dataclass(frozen=True)
class Defect:
    name: str
    edit: Edit
    file: str
    marker: str | None  # the problem is on the first line holding this text; None: no line
    field: str
    words: tuple[str, ...]

    def where(self, root: Path) -> str:
        if self.marker is None:
            return self.file
        lines = (root / self.file).read_bytes().decode("utf-8", "replace").splitlines()
        number = next(i for i, line in enumerate(lines, 1) if self.marker in line)
        return f"{self.file}:{number}"


REFERRALS = "indicator_defs/referrals.yaml"
STABILITY = "indicator_defs/stability.yaml"
VALUES = "sample_data/values.csv"
BENCHMARKS = "sample_data/benchmarks.csv"
BREAKDOWNS = "sample_data/breakdowns.csv"
LAST_REFERRALS = "referrals,2019-08,19,,,"
STABILITY_JUNE = "stability,2019-06,,64,90,"

DEFECTS = [
    # kpicli.yaml
    Defect(
        "config key typo",
        replace("kpicli.yaml", "committee:", "comittee:"),
        "kpicli.yaml",
        "comittee",
        "comittee",
        ("unknown key", "did you mean 'committee'?"),
    ),
    Defect(
        "config list item key typo",
        replace("kpicli.yaml", "  title: Education", "  titel: Education"),
        "kpicli.yaml",
        "titel",
        "sections[1].titel",
        ("unknown key", "did you mean 'title'?"),
    ),
    Defect(
        "config nested key typo",
        append("kpicli.yaml", "disclosure:\n  suppres_below: 5\n"),
        "kpicli.yaml",
        "suppres_below",
        "disclosure.suppres_below",
        ("unknown key", "did you mean 'suppress_below'?"),
    ),
    Defect(
        "config impossible date",
        replace("kpicli.yaml", "'2019-11-12'", "'2019-11-31'"),
        "kpicli.yaml",
        "2019-11-31",
        "meetings[1].date",
        ("'2019-11-31' is not a date", "YYYY-MM-DD"),
    ),
    Defect(
        "config bad meeting period",
        replace("kpicli.yaml", "period: 2019-08", "period: 2019-13"),
        "kpicli.yaml",
        "2019-13",
        "meetings[1].period",
        ("months run from 01 to 12",),
    ),
    Defect(
        "config YAML syntax",
        replace("kpicli.yaml", "  role: Head", " role: Head"),
        "kpicli.yaml",
        " role: Head",
        "",
        ("YAML syntax", "check indentation and quoting"),
    ),
    Defect(
        "config missing",
        delete("kpicli.yaml"),
        "kpicli.yaml",
        None,
        "",
        ("not found in", "pass --project DIR"),
    ),
    # indicator definitions
    Defect(
        "definition key typo",
        replace(REFERRALS, "title:", "titel:"),
        REFERRALS,
        "titel",
        "titel",
        ("unknown key", "did you mean 'title'?"),
    ),
    Defect(
        "rag key typo",
        replace(REFERRALS, "  green: 10", "  gren: 10"),
        REFERRALS,
        "gren",
        "rag.gren",
        ("unknown key", "did you mean 'green'?"),
    ),
    Defect(
        "comparators typo",
        replace(REFERRALS, "comparators:", "comparator:"),
        REFERRALS,
        "comparator:",
        "comparator",
        ("unknown key", "did you mean 'comparators'?"),
    ),
    Defect(
        "unit misspelt",
        replace(REFERRALS, "unit: count", "unit: cout"),
        REFERRALS,
        "unit:",
        "unit",
        ("'cout' is not allowed", "did you mean 'count'?"),
    ),
    Defect(
        "frequency misspelt",
        replace(REFERRALS, "frequency: month", "frequency: monthly"),
        REFERRALS,
        "frequency:",
        "frequency",
        ("'monthly' is not allowed", "did you mean 'month'?"),
    ),
    Defect(
        "rag kind unknown",
        replace(REFERRALS, "kind: thresholds", "kind: threshold"),
        REFERRALS,
        "kind:",
        "rag.kind",
        ("unknown rule kind 'threshold'", "did you mean 'thresholds'?"),
    ),
    Defect(
        "rag kind missing",
        replace(REFERRALS, "  kind: thresholds\n", ""),
        REFERRALS,
        "rag:",
        "rag.kind",
        ("is required", "kind: thresholds, tolerance or benchmark"),
    ),
    Defect(
        "required key missing",
        replace(REFERRALS, "owner: Head of Service\n", ""),
        REFERRALS,
        "id:",
        "owner",
        ("is required but missing",),
    ),
    Defect(
        "number not a number",
        replace(REFERRALS, "number: 1", "number: one"),
        REFERRALS,
        "number:",
        "number",
        ("'one' is not a whole number",),
    ),
    Defect(
        "thresholds wrong way round",
        replace(REFERRALS, "green: 10", "green: 30"),
        REFERRALS,
        "rag:",
        "rag",
        ("wrong way round for lower_is_better", "green (30) must be at or below red (20)"),
    ),
    Defect(
        "rate without rate_per",
        replace(REFERRALS, "unit: count", "unit: rate"),
        REFERRALS,
        "unit:",
        "unit",
        ("unit 'rate' needs rate_per",),
    ),
    Defect(
        "neutral indicator rated",
        replace(REFERRALS, "polarity: lower_is_better", "polarity: neutral"),
        REFERRALS,
        "rag:",
        "rag",
        ("a neutral indicator cannot be rated",),
    ),
    Defect(
        "exempt paragraph out of range",
        append(REFERRALS, "exempt:\n  paragraph: 9\n  reason: Could identify children.\n"),
        REFERRALS,
        "paragraph:",
        "exempt.paragraph",
        ("'9' must be at most 7",),
    ),
    Defect(
        "too many decimals",
        append(REFERRALS, "decimals: 7\n"),
        REFERRALS,
        "decimals:",
        "decimals",
        ("'7' must be at most 4",),
    ),
    Defect(
        "id with capitals",
        replace(REFERRALS, "id: referrals", "id: Referrals"),
        REFERRALS,
        "id:",
        "id",
        ("'Referrals' has characters that are not allowed", "lower-case letters"),
    ),
    Defect(
        "key written twice",
        append(REFERRALS, "title: Again\n"),
        REFERRALS,
        "title: Again",
        "",
        ("YAML syntax", "the key 'title' appears twice"),
    ),
    Defect(
        "duplicate id",
        replace(STABILITY, "id: stability", "id: referrals"),
        STABILITY,
        "id:",
        "id",
        ("'referrals' is already used by indicator_defs/referrals.yaml",),
    ),
    Defect(
        "duplicate number",
        replace(STABILITY, "number: 2", "number: 1"),
        STABILITY,
        "number:",
        "number",
        ("1 is already used by indicator_defs/referrals.yaml", "numbers must be unique"),
    ),
    Defect(
        "unknown section",
        replace(REFERRALS, "section: childrens-social-care", "section: childrens-social-cares"),
        REFERRALS,
        "section:",
        "section",
        (
            "'childrens-social-cares' is not a section in kpicli.yaml",
            "did you mean 'childrens-social-care'?",
        ),
    ),
    Defect(
        "definition in Windows-1252",
        replace(REFERRALS, "title: Referrals", "title: Referrals £", "cp1252"),
        REFERRALS,
        "title:",
        "",
        ("is not UTF-8 text", "Windows-1252"),
    ),
    Defect(
        "no definitions",
        delete(REFERRALS, STABILITY),
        "indicator_defs",
        None,
        "",
        ("holds no indicator definitions",),
    ),
    # extracts
    Defect(
        "indicator with no definition",
        replace(VALUES, LAST_REFERRALS, "referals,2019-08,19,,,"),
        VALUES,
        "referals",
        "indicator",
        ("'referals' has no definition", "did you mean 'referrals'?"),
    ),
    Defect(
        "month out of range",
        replace(VALUES, LAST_REFERRALS, "referrals,2019-13,19,,,"),
        VALUES,
        "2019-13",
        "period",
        ("'2019-13' has month 13; months run from 01 to 12",),
    ),
    Defect(
        "period not YYYY-MM",
        replace(VALUES, LAST_REFERRALS, "referrals,Aug-19,19,,,"),
        VALUES,
        "Aug-19",
        "period",
        ("'Aug-19' is not a period", "YYYY-MM"),
    ),
    Defect(
        "period off a quarter",
        replace(VALUES, STABILITY_JUNE, "stability,2019-07,,64,90,"),
        VALUES,
        "stability,2019-07",
        "period",
        ("period 2019-07 does not end a quarter; quarterly periods end in 03, 06, 09 or 12",),
    ),
    Defect(
        "value n/a",
        replace(VALUES, LAST_REFERRALS, "referrals,2019-08,n/a,,,"),
        VALUES,
        "n/a",
        "value",
        ("'n/a' is not a number", "leave the row out"),
    ),
    Defect(
        "negative count",
        replace(VALUES, LAST_REFERRALS, "referrals,2019-08,-3,,,"),
        VALUES,
        "-3",
        "value",
        ("-3 is negative",),
    ),
    Defect(
        "numerator above denominator",
        replace(VALUES, STABILITY_JUNE, "stability,2019-06,,94,90,"),
        VALUES,
        ",94,",
        "numerator",
        ("94 is more than the denominator 90",),
    ),
    Defect(
        "percentage above 100",
        replace(VALUES, STABILITY_JUNE, "stability,2019-06,154,,,"),
        VALUES,
        "154",
        "value",
        ("154 is not a percentage between 0 and 100",),
    ),
    Defect(
        "value disagrees with numerator",
        replace(VALUES, STABILITY_JUNE, "stability,2019-06,80,64,90,"),
        VALUES,
        ",80,",
        "value",
        ("80 does not match numerator/denominator (71)",),
    ),
    Defect(
        "duplicate row",
        replace(VALUES, LAST_REFERRALS, "referrals,2019-07,19,,,"),
        VALUES,
        "2019-07,19",
        "period",
        ("duplicates line 8",),
    ),
    Defect(
        "unknown variant",
        replace(VALUES, LAST_REFERRALS, "referrals,2019-08,19,,,excluding"),
        VALUES,
        "excluding",
        "variant",
        ("'excluding' is not a variant of referrals", "no variants"),
    ),
    Defect(
        "unquoted comma",
        replace(VALUES, LAST_REFERRALS, "referrals,2019-08,1,900,,,"),
        VALUES,
        "1,900",
        "",
        ("has 7 cells but the header has 6", "unquoted comma"),
    ),
    Defect(
        "missing column",
        replace(VALUES, "indicator,period,value", "indicator,month,value"),
        VALUES,
        "indicator,month",
        "period",
        ("required column is missing",),
    ),
    Defect(
        "misspelt column",
        replace(VALUES, "value,numerator,denominator", "value,numerater,denominator"),
        VALUES,
        "indicator,period",
        "numerater",
        ("unknown column", "did you mean 'numerator'?"),
    ),
    Defect(
        "values in Windows-1252",
        replace(VALUES, LAST_REFERRALS, "referrals,2019-08,19,,,café", "cp1252"),
        VALUES,
        "referrals,2019-08,19",
        "",
        ("is not UTF-8 text", "save it again as 'CSV UTF-8'"),
    ),
    Defect(
        "values missing",
        delete(VALUES),
        VALUES,
        None,
        "",
        ("is missing", "every project needs values.csv"),
    ),
    Defect(
        "benchmark area not named",
        replace(BENCHMARKS, "stability,2019-03,England", "stability,2019-03,London"),
        BENCHMARKS,
        "stability",
        "area",
        ("'London' is not a comparator of stability", "its definition names: England"),
    ),
    Defect(
        "benchmark percentage above 100",
        replace(BENCHMARKS, "England,68", "England,680"),
        BENCHMARKS,
        "680",
        "value",
        ("680 is not a percentage between 0 and 100",),
    ),
    Defect(
        "negative breakdown",
        replace(BREAKDOWNS, "South,10", "South,-1"),
        BREAKDOWNS,
        "South",
        "value",
        ("-1 is negative",),
    ),
    # actions.yaml and papers.yaml
    Defect(
        "action status unknown",
        replace("actions.yaml", "status: open", "status: done"),
        "actions.yaml",
        "status:",
        "actions[0].status",
        ("'done' is not allowed", "open, completed, dropped"),
    ),
    Defect(
        "action due date not ISO",
        replace("actions.yaml", "due: '2019-11-12'", "due: 12/11/2019"),
        "actions.yaml",
        "due:",
        "actions[0].due",
        ("'12/11/2019' is not a date", "YYYY-MM-DD"),
    ),
    Defect(
        "paper period in words",
        replace("papers.yaml", "period: 2019-05", "period: May 2019"),
        "papers.yaml",
        "period:",
        "papers[0].period",
        ("'May 2019' is not a period",),
    ),
]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def base_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_base_project(tmp_path_factory.mktemp("base") / "project")


def copy_project(source: Path, target: Path) -> Path:
    import shutil

    shutil.copytree(source, target)
    return target


def test_base_project_is_valid(base_project: Path) -> None:
    result = CliRunner().invoke(app, ["validate", "--project", str(base_project)])
    assert result.exit_code == 0, result.output
    assert "OK:" in result.output


def test_corpus_is_large_and_names_are_unique() -> None:
    assert len(DEFECTS) >= 30
    assert len({defect.name for defect in DEFECTS}) == len(DEFECTS)


@pytest.mark.parametrize("defect", DEFECTS, ids=lambda d: d.name.replace(" ", "-"))
def test_validate_reports_the_defect(defect: Defect, base_project: Path, tmp_path: Path) -> None:
    root = copy_project(base_project, tmp_path / "project")
    defect.edit(root)
    where = defect.where(root) if (root / defect.file).exists() else defect.file
    result = CliRunner().invoke(app, ["validate", "--project", str(root)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    prefix = f"error: {where}: {defect.field}: " if defect.field else f"error: {where}: "
    matching = [line for line in result.output.splitlines() if line.startswith(prefix)]
    assert any(all(word in line for word in defect.words) for line in matching), result.output
    assert result.output.rstrip().endswith("fix them and validate again.")


@pytest.mark.parametrize("defect", DEFECTS[::4], ids=lambda d: d.name.replace(" ", "-"))
def test_build_leaves_existing_outputs_untouched(defect: Defect, base_project: Path, tmp_path: Path) -> None:
    root = copy_project(base_project, tmp_path / "project")
    defect.edit(root)
    out = tmp_path / "out"
    (out / "2019-08").mkdir(parents=True)
    (out / "2019-08" / "public.pdf").write_bytes(b"%PDF-earlier")
    (out / "notes.txt").write_text("kept", encoding="utf-8")
    (out / ".kpicli.lock").write_bytes(b"")  # as an earlier build leaves it
    before = snapshot(out)
    result = CliRunner().invoke(
        app, ["build", "--period", "2019-08", "--project", str(root), "--out", str(out)]
    )
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert snapshot(out) == before
    assert sorted(path.name for path in out.iterdir()) == [".kpicli.lock", "2019-08", "notes.txt"]


def test_validate_does_not_create_an_output_folder(base_project: Path, tmp_path: Path) -> None:
    root = copy_project(base_project, tmp_path / "project")
    replace(VALUES, LAST_REFERRALS, "referrals,2019-08,n/a,,,")(root)
    before = snapshot(root)
    CliRunner().invoke(app, ["validate", "--project", str(root)])
    assert snapshot(root) == before


@pytest.mark.parametrize("command", ["validate", "build"])
@pytest.mark.parametrize("period", ["2019-8", "August 2019", "2019-13"])
def test_period_option_not_yyyy_mm_is_a_usage_error(command: str, period: str, base_project: Path) -> None:
    result = CliRunner().invoke(app, [command, "--period", period, "--project", str(base_project)])
    assert result.exit_code == 2
    assert f"Error: --period: '{period}'" in result.output
    assert "Traceback" not in result.output


def test_validate_with_period_warns_about_later_rows(base_project: Path, tmp_path: Path) -> None:
    root = copy_project(base_project, tmp_path / "project")
    append(VALUES, "referrals,2019-09,20,,,\nreferrals,2019-10,22,,,\n")(root)
    result = CliRunner().invoke(app, ["validate", "--period", "2019-08", "--project", str(root)])
    assert result.exit_code == 0, result.output
    expected = (
        "note: sample_data/values.csv:12: period: referrals has 2 row(s) after the report "
        "period 2019-08, up to 2019-10 (a build as at the report period ignores them)"
    )
    assert expected in result.output.splitlines()
    # Information, not a warning: a re-run of an old paper rightly ignores later rows.
    strict = CliRunner().invoke(app, ["validate", "--period", "2019-08", "--project", str(root), "--strict"])
    assert expected in strict.output.splitlines()
    assert not [
        line
        for line in strict.output.splitlines()
        if line.startswith("error:") and "after the report" in line
    ]
    plain = CliRunner().invoke(app, ["validate", "--project", str(root)])
    assert "after the report period" not in plain.output


def test_definition_without_rows_is_a_warning_at_its_id(base_project: Path, tmp_path: Path) -> None:
    root = copy_project(base_project, tmp_path / "project")
    replace(VALUES, STABILITY_JUNE, "")(root)
    replace(VALUES, "stability,2019-03,,60,90,\n", "")(root)
    result = CliRunner().invoke(app, ["validate", "--project", str(root)])
    assert result.exit_code == 0, result.output
    assert (
        "warning: indicator_defs/stability.yaml:1: id: 'stability' has no rows in values.csv "
        "(add its figures to the extract, or remove the definition)"
    ) in result.output.splitlines()


def test_broken_definition_does_not_flood_its_rows_with_errors(base_project: Path, tmp_path: Path) -> None:
    root = copy_project(base_project, tmp_path / "project")
    replace(REFERRALS, "unit: count", "unit: cout")(root)
    result = CliRunner().invoke(app, ["validate", "--project", str(root)])
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert errors == [
        "error: indicator_defs/referrals.yaml:6: unit: 'cout' is not allowed (did you mean 'count'?)"
    ]


def test_csv_with_byte_order_mark_is_read(base_project: Path, tmp_path: Path) -> None:
    root = copy_project(base_project, tmp_path / "project")
    path = root / VALUES
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    result = CliRunner().invoke(app, ["validate", "--project", str(root)])
    assert result.exit_code == 0, result.output


MANY_DEFECTS = [
    "config key typo",
    "config list item key typo",
    "config impossible date",
    "frequency misspelt",
    "rag key typo",
    "indicator with no definition",
    "period off a quarter",
    "benchmark area not named",
    "action status unknown",
    "paper period in words",
]
MORE_DEFECTS = [
    replace(VALUES, "stability,2019-03,,60,90,", "stability,2019-03,,n/a,90,"),
    replace(BENCHMARKS, "indicator,period,area,value", "indicator,period,area,value,source"),
]


def test_many_defects_golden_table(base_project: Path, tmp_path: Path) -> None:
    root = copy_project(base_project, tmp_path / "project")
    by_name = {defect.name: defect for defect in DEFECTS}
    for name in MANY_DEFECTS:
        by_name[name].edit(root)
    for edit in MORE_DEFECTS:
        edit(root)
    result = CliRunner().invoke(app, ["validate", "--project", str(root)])
    assert result.exit_code == 1
    check_golden(GOLDEN / "many_defects.txt", result.output)


def test_unreadable_values_are_one_error_not_a_warning_per_indicator(
    base_project: Path, tmp_path: Path
) -> None:
    root = copy_project(base_project, tmp_path / "project")
    replace(VALUES, LAST_REFERRALS, "referrals,2019-08,19,,,café", "cp1252")(root)
    result = CliRunner().invoke(app, ["validate", "--project", str(root)])
    assert result.exit_code == 1
    assert "has no rows in values.csv" not in result.output, result.output
