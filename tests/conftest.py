"""Builders for small papers projects, so each test states only what it is about."""

from __future__ import annotations

import csv
import functools
import textwrap
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests import golden

REPO_ROOT = Path(__file__).resolve().parents[1]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the golden files (and the screenshots in docs/) from this run; review the diff",
    )


def pytest_configure(config: pytest.Config) -> None:
    golden.UPDATE = bool(config.getoption("--update-golden"))


@pytest.fixture(autouse=True)
def real_pdfs_only_in_e2e_tests(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that renders a real PDF is marked e2e, so that `pytest -m "not e2e"` is a fast
    inner loop; `make test` still runs every test."""
    if request.node.get_closest_marker("e2e") is not None:
        return

    def refuse(*_: object) -> None:
        raise AssertionError(f"{request.node.nodeid} renders a real PDF: mark it @pytest.mark.e2e")

    monkeypatch.setattr("kpicli.render.pdf.write_pdf", refuse)


CONFIG: dict[str, Any] = {
    "authority": "London Borough of Testford",
    "committee": "Children and Young People Scrutiny Committee",
    "contact": {"name": "A Officer", "role": "Head of Performance", "email": "performance@testford.gov.uk"},
    "sections": [
        {"id": "childrens-social-care", "title": "Children's Social Care"},
        {"id": "education", "title": "Education"},
    ],
    "meetings": [
        {"period": "2019-05", "date": "2019-07-09", "reference": "CYP19002"},
        {"period": "2019-08", "date": "2019-11-12", "reference": "CYP19004"},
    ],
}

BASE_DEFINITION: dict[str, Any] = {
    "section": "childrens-social-care",
    "definition": "A plain-English definition of the indicator for members.",
    "unit": "count",
    "polarity": "lower_is_better",
    "frequency": "month",
    "control": "full",
    "owner": "Head of Service",
}


def with_actions(context: str = "Context for members.", action: str = "Recruit foster carers.") -> str:
    """Narrative for an amber or red indicator: one action with owner, due date and effect in
    the front matter (a public build refuses an amber or red indicator without one)."""
    front = {
        "actions": [
            {"action": action, "owner": "Head of Service", "due": "2020-03-31", "effect": "Back to green."}
        ]
    }
    return "---\n" + yaml.safe_dump(front, sort_keys=False) + "---\n" + context + "\n"


def definition(id: str, number: int, **fields: Any) -> dict[str, Any]:
    return {
        "id": id,
        "number": number,
        "title": id.replace("-", " ").capitalize(),
        **BASE_DEFINITION,
        **fields,
    }


def write_csv(path: Path, header: Iterable[str], rows: Iterable[Iterable[object]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(list(header))
        writer.writerows([["" if cell is None else cell for cell in row] for row in rows])


def make_project(
    root: Path,
    definitions: Iterable[Mapping[str, Any]],
    values: Iterable[Iterable[object]],
    benchmarks: Iterable[Iterable[object]] = (),
    breakdowns: Iterable[Iterable[object]] | None = None,
    config: Mapping[str, Any] | None = None,
    narrative: Mapping[str, str] | None = None,
    papers: list[dict[str, Any]] | None = None,
    actions: list[dict[str, Any]] | None = None,
    narrative_periods: Iterable[str] = ("2019-08",),
) -> Path:
    """Write a papers project: values rows are (indicator, period, value, numerator, denominator, variant)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "kpicli.yaml").write_text(
        yaml.safe_dump(dict(config or CONFIG), sort_keys=False), encoding="utf-8"
    )
    (root / "indicator_defs").mkdir(exist_ok=True)
    for item in definitions:
        (root / "indicator_defs" / f"{item['id']}.yaml").write_text(
            yaml.safe_dump(dict(item), sort_keys=False), encoding="utf-8"
        )
    data = root / "sample_data"
    data.mkdir(exist_ok=True)
    padded = [list(row) + [None] * (6 - len(list(row))) for row in values]
    write_csv(
        data / "values.csv", ["indicator", "period", "value", "numerator", "denominator", "variant"], padded
    )
    write_csv(data / "benchmarks.csv", ["indicator", "period", "area", "value"], benchmarks)
    if breakdowns is not None:
        write_csv(
            data / "breakdowns.csv", ["indicator", "period", "dimension", "category", "value"], breakdowns
        )
    for period in narrative_periods:
        for name, text in (narrative or {}).items():
            folder = root / "narrative" / period
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{name}.md").write_text(textwrap.dedent(text), encoding="utf-8")
    if papers is not None:
        (root / "papers.yaml").write_text(
            yaml.safe_dump({"papers": papers}, sort_keys=False), encoding="utf-8"
        )
    if actions is not None:
        (root / "actions.yaml").write_text(
            yaml.safe_dump({"actions": actions}, sort_keys=False), encoding="utf-8"
        )
    return root


def monthly(indicator: str, start: str, values: Iterable[float | None]) -> list[list[object]]:
    year, month = (int(part) for part in start.split("-"))
    rows: list[list[object]] = []
    for value in values:
        if value is not None:
            rows.append([indicator, f"{year:04d}-{month:02d}", value])
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return rows


def build_small_project(root: Path) -> Path:
    """Three indicators: a monthly count with small values, a percentage with benchmarks, an exempt one."""
    return make_project(
        root,
        definitions=[
            definition("missing-episodes", 1, rag={"kind": "thresholds", "green": 10, "red": 20}),
            definition(
                "placement-stability",
                2,
                unit="percent",
                polarity="higher_is_better",
                measure="snapshot",
                rag={"kind": "tolerance", "target": 70, "tolerance": 5},
                comparators=["London", "England"],
                benchmark_frequency="financial_year",
            ),
            # Exempt and amber with no narrative: a warning, not for publication.
            definition(
                "cse-risk",
                3,
                rag={"kind": "thresholds", "green": 5, "red": 8},
                exempt={"paragraph": 2, "reason": "Could identify individual children."},
            ),
        ],
        values=monthly(
            "missing-episodes",
            "2018-01",
            [12, 15, 3, 14, 16, 18, 21, 2, 19, 22, 25, 24, 23, 26, 27, 28, 30, 29, 31, 33],
        )
        + [["placement-stability", f"2019-{m:02d}", None, 50 + m, 100] for m in range(1, 9)]
        + monthly("cse-risk", "2019-01", [7, 8, 9, 7, 6, 8, 9, 7]),
        benchmarks=[
            ["placement-stability", "2019-03", "London", 68],
            ["placement-stability", "2019-03", "England", 69],
        ],
        narrative={"missing-episodes": with_actions(), "placement-stability": with_actions()},
        narrative_periods=("2019-06", "2019-07", "2019-08"),
    )


@pytest.fixture
def small_project(tmp_path: Path) -> Path:
    return build_small_project(tmp_path / "project")


def sample_group(period: str) -> pytest.MarkDecorator:
    """The xdist group of the tests reading the sample's papers for `period`: one worker builds
    each period once, while the other builds another (or runs the rest of the suite)."""
    return pytest.mark.xdist_group(f"sample-{period}")


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """The repository's sample papers, built once per period for the whole session. Tests that
    use it are in the period's xdist group (`sample_group`), so one worker builds each period once."""
    from kpicli.pipeline import build_papers

    out = tmp_path_factory.mktemp("sample")
    built: dict[str, Path] = {}

    def build(period: str) -> Path:
        if period not in built:
            built[period] = build_papers(REPO_ROOT, period, out).folder
        return built[period]

    return build


@pytest.fixture(scope="session")
def sample_pdf_pages(sample_build: Callable[[str], Path]) -> Callable[[str, str], list[str]]:
    """Each page's text of a sample paper ('2019-08', 'public'), read with pypdf once per
    session however many tests read it."""
    from pypdf import PdfReader

    @functools.cache
    def read(period: str, paper: str) -> list[str]:
        return [page.extract_text() or "" for page in PdfReader(sample_build(period) / f"{paper}.pdf").pages]

    return read


@pytest.fixture(scope="session")
def sample_html() -> dict[str, str]:
    """The sample's two HTML pages as at August 2019, made by the build's own stages without
    rendering the PDFs."""
    from kpicli.pipeline import load_stage, run_stages

    pages = run_stages(load_stage(REPO_ROOT), "2019-08").pages
    assert pages is not None
    return dict(pages.html)
