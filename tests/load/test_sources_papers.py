"""Whichever source holds the sample, the papers' HTML and CSV are the same, byte for byte.

The PDFs are made from that HTML alone; comparing PDF bytes is left out because WeasyPrint's
font subsets are not yet byte-stable between two builds of the same input.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sources_builders import REPO_ROOT, copy_project, load_tables, set_source, write_workbook

PERIOD = "2019-08"


def outputs_without_pdfs(root: Path) -> dict[str, bytes]:
    from kpicli.compute import compute_report
    from kpicli.disclose import disclose
    from kpicli.load import load_project
    from kpicli.load.narrative import read_period_narrative
    from kpicli.narrate import narrate_exempt, narrate_public
    from kpicli.periods import parse_month
    from kpicli.render import public_csv, render_exempt_html, render_public_html

    project = load_project(root)
    public_view, exempt_view = disclose(compute_report(project, parse_month(PERIOD)), project)
    officer = read_period_narrative(project.root, PERIOD)
    public = narrate_public(public_view, officer, f"narrative/{PERIOD}")
    exempt = narrate_exempt(exempt_view, officer, f"narrative/{PERIOD}")
    return {
        "public.html": render_public_html(public, project.root).encode(),
        "exempt.html": render_exempt_html(exempt, project.root).encode(),
        "public.csv": public_csv(public).encode(),
    }


def projects(tmp_path: Path, postgres: str | None) -> dict[str, Path]:
    made = {"csv": copy_project(REPO_ROOT, tmp_path / "csv", with_csv=True)}
    made["excel"] = copy_project(REPO_ROOT, tmp_path / "excel", with_csv=False)
    write_workbook(REPO_ROOT / "sample_data", made["excel"] / "kpis.xlsx")
    set_source(made["excel"], {"kind": "excel", "workbook": "kpis.xlsx"})
    made["sqlite"] = copy_project(REPO_ROOT, tmp_path / "sqlite", with_csv=False)
    load_tables(REPO_ROOT / "sample_data", f"sqlite:///{made['sqlite'] / 'kpi.db'}", "")
    set_source(made["sqlite"], {"kind": "sql", "url_env": "KPICLI_TEST_SQLITE_URL"})
    if postgres:
        made["postgresql"] = copy_project(REPO_ROOT, tmp_path / "postgresql", with_csv=False)
        load_tables(REPO_ROOT / "sample_data", postgres, "papers_")
        set_source(
            made["postgresql"],
            {
                "kind": "sql",
                "url_env": "KPICLI_TEST_POSTGRES_URL",
                "extracts": {n: {"table": f"papers_{n}"} for n in ("values", "benchmarks", "breakdowns")},
            },
        )
    return made


def test_every_source_gives_the_same_paper_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPICLI_TEST_SQLITE_URL", "sqlite:///kpi.db")
    postgres = os.environ.get("KPICLI_TEST_POSTGRES_URL")
    if not postgres and os.environ.get("KPICLI_REQUIRE_POSTGRES"):
        pytest.fail("KPICLI_REQUIRE_POSTGRES is set but KPICLI_TEST_POSTGRES_URL is not")
    built = {name: outputs_without_pdfs(root) for name, root in projects(tmp_path, postgres).items()}
    for name, outputs in built.items():
        assert outputs == built["csv"], f"{name} differs from csv"
    assert len(built) == (4 if postgres else 3)
