"""Running unattended (issue 19): templates cannot run code, only web and email links are
published, public.csv cannot run formulas, and warnings are said once."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kpicli import output_folder
from kpicli.cli import app
from kpicli.narrate.officer import render_markdown
from kpicli.render.data_files import spreadsheet_text
from tests.load.project import build_base_project

# Each reaches from a template towards Python's internals and the shell; the marker file is
# made only if the command runs.
ESCAPES = [
    "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ lipsum.__globals__['os'].system('touch MARKER') }}",
    "{{ joiner.__init__.__globals__.__builtins__.open('MARKER', 'w') }}",
    "{% set rows = below %}{{ rows.append(1) }}",
]


@pytest.fixture
def fake_pdfs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        output_folder, "render_pdf_file", lambda html, folders, target: target.write_bytes(b"%PDF")
    )


@pytest.mark.parametrize("escape", ESCAPES)
def test_a_template_cannot_reach_python_objects_or_run_a_command(
    escape: str, tmp_path: Path, fake_pdfs: None
) -> None:
    root = build_base_project(tmp_path / "project")
    marker = tmp_path / "ran"
    (root / "templates").mkdir()
    (root / "templates" / "cover.html.j2").write_text(
        "<p>\n" + escape.replace("MARKER", marker.as_posix()) + "\n</p>\n", encoding="utf-8"
    )
    result = CliRunner().invoke(
        app, ["build", "--period", "2019-08", "-p", str(root), "-o", str(tmp_path / "out"), "-j", "1"]
    )
    assert result.exit_code == 1, result.output
    assert result.output.startswith("error: templates/cover.html.j2:2: "), result.output
    assert not marker.exists()
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("link", "published"),
    [
        ("https://example.gov.uk/paper.pdf", True),
        ("http://example.gov.uk/", True),
        ("mailto:performance@example.gov.uk", True),
        ("javascript:alert(1)", False),
        ("file:///etc/passwd", False),
        ("data:text/html,<b>x</b>", False),
        ("/etc/passwd", False),
        ("vbscript:msgbox", False),
    ],
)
def test_narrative_publishes_only_web_and_email_links(link: str, published: bool) -> None:
    html = render_markdown(f"See [the report]({link}).")
    assert ("<a href=" in html) is published, html


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTabbed", "'\tTabbed"),
        ("\rReturn", "'\rReturn"),
        ("Referrals received", "Referrals received"),
    ],
)
def test_text_that_would_run_as_a_formula_is_neutralised(text: str, shown: str) -> None:
    assert spreadsheet_text(text) == shown


def test_public_csv_titles_are_safe_and_numbers_stay_numbers(tmp_path: Path, fake_pdfs: None) -> None:
    root = build_base_project(tmp_path / "project")
    definition = root / "indicator_defs" / "referrals.yaml"
    definition.write_text(
        definition.read_text(encoding="utf-8").replace("title: Referrals", "title: '=1+2 referrals'"),
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        app, ["build", "--period", "2019-08", "-p", str(root), "-o", str(tmp_path / "out"), "-j", "1"]
    )
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "2019-08" / "public.csv").read_text(encoding="utf-8")
    rows = {row["indicator"]: row for row in csv.DictReader(io.StringIO(text))}
    assert rows["referrals"]["title"] == "'=1+2 referrals"
    assert rows["referrals"]["value"] == "19"
    assert not any(cell.startswith(("=", "+", "@")) for row in rows.values() for cell in row.values())


def test_identical_stale_warnings_are_one_line_and_a_range_says_each_once(
    tmp_path: Path, fake_pdfs: None
) -> None:
    import yaml

    from conftest import definition

    root = build_base_project(tmp_path / "project")
    # Two more monthly indicators whose figures stop in June 2019; referrals runs on to November.
    rows = ""
    for number, name in ((3, "visits"), (4, "caseload")):
        (root / "indicator_defs" / f"{name}.yaml").write_text(
            yaml.safe_dump(definition(name, number)), "utf-8"
        )
        rows += "".join(f"{name},2019-0{month},{month},,,\n" for month in range(1, 7))
    rows += "".join(f"referrals,2019-{month},{month},,,\n" for month in ("09", "10", "11"))
    with (root / "sample_data" / "values.csv").open("a", encoding="utf-8") as handle:
        handle.write(rows)
    config = root / "kpicli.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "stale_after_months: 2\n", encoding="utf-8")
    # Each period's paper needs its actions on amber and red indicators.
    for period in ("2019-10", "2019-11"):
        shutil.copytree(root / "narrative" / "2019-08", root / "narrative" / period)
    args = ["build", "-p", str(root), "-o", str(tmp_path / "out"), "-j", "1"]
    result = CliRunner().invoke(app, [*args, "--period", "2019-10..2019-11"])
    assert result.exit_code == 0, result.output
    stale = [line for line in result.output.splitlines() if "figure is for June 2019" in line]
    assert stale == [
        "warning: indicator_defs: period: 2 indicators' latest figure is for June 2019: visits, caseload "
        "(check the extract is up to date; if the figures come out later than that, give the definition "
        "publication_lag_months (months from a period's end to its publication))"
    ], result.output
    assert "Warnings for 2019-10..2019-11:" in result.output.splitlines()
