"""The build's bookkeeping: periods and ranges, the manifest, skipping, atomic replacement,
locking and --strict. PDFs are faked here (the end-to-end test renders real ones), so these
tests exercise kpicli's own work quickly."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest

from kpicli import __version__, output_folder
from kpicli.errors import WarningsAsErrors
from kpicli.manifest import manifest_path, read_manifest
from kpicli.output_folder import OUTPUT_FILES, BuildResult
from kpicli.periods import PeriodError, expand_periods
from kpicli.pipeline import build_papers, build_periods

PERIOD = "2019-08"


@pytest.fixture
def fake_pdfs(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Write a stand-in PDF (in this process: tests build with jobs=1) and record each one."""
    written: list[Path] = []

    def fake(html: str, folders: tuple[Path, ...], target: Path) -> None:
        target.write_bytes(b"%PDF-fake " + str(len(html)).encode())
        written.append(target)

    monkeypatch.setattr(output_folder, "render_pdf_file", fake)
    return written


def build(project: Path, out: Path, **options: object) -> BuildResult:
    return build_papers(project, PERIOD, out, jobs=1, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-08", ["2019-08"]),
        ("2019-11..2020-02", ["2019-11", "2019-12", "2020-01", "2020-02"]),
        ("2019-08..2019-08", ["2019-08"]),
    ],
)
def test_expand_periods_lists_every_month_in_the_range(text: str, expected: list[str]) -> None:
    assert expand_periods(text) == expected


def test_a_range_that_ends_before_it_starts_is_a_period_error() -> None:
    with pytest.raises(PeriodError, match="earlier month first"):
        expand_periods("2020-03..2019-04")


def test_a_malformed_range_end_is_a_period_error() -> None:
    with pytest.raises(PeriodError):
        expand_periods("2019-04..March")


def test_a_build_writes_every_output_and_a_manifest(
    small_project: Path, tmp_path: Path, fake_pdfs: list[Path]
) -> None:
    result = build(small_project, tmp_path / "out")
    assert not result.skipped
    # The manifest names and hashes exempt inputs: it sits beside the folder, not in it.
    assert {p.name for p in result.folder.iterdir()} == set(OUTPUT_FILES)
    assert manifest_path(result.folder).parent == result.folder.parent
    manifest = read_manifest(result.folder)
    assert manifest is not None
    assert (manifest.period, manifest.version) == (PERIOD, __version__)
    assert "data/values.csv" in manifest.inputs
    assert len(fake_pdfs) == 2


def test_an_unchanged_build_is_skipped_and_leaves_the_files_alone(
    small_project: Path, tmp_path: Path, fake_pdfs: list[Path]
) -> None:
    first = build(small_project, tmp_path / "out")
    stamps = {p.name: p.stat().st_mtime_ns for p in first.folder.iterdir()}
    second = build(small_project, tmp_path / "out")
    assert second.skipped
    assert second.ratings == first.ratings
    assert {p.name: p.stat().st_mtime_ns for p in second.folder.iterdir()} == stamps
    assert len(fake_pdfs) == 2


def test_force_rebuilds_an_unchanged_build(
    small_project: Path, tmp_path: Path, fake_pdfs: list[Path]
) -> None:
    build(small_project, tmp_path / "out")
    assert not build(small_project, tmp_path / "out", force=True).skipped
    assert len(fake_pdfs) == 4


@pytest.mark.parametrize(
    "change",
    [
        "sample_data/values.csv",
        "kpicli.yaml",
        "indicator_defs/cse-risk.yaml",
        "narrative/2019-08/missing-episodes.md",
    ],
)
def test_any_changed_input_rebuilds(
    small_project: Path, tmp_path: Path, fake_pdfs: list[Path], change: str
) -> None:
    build(small_project, tmp_path / "out")
    path = small_project / change
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n# changed\n" if path.suffix == ".yaml" else "\n")
    assert not build(small_project, tmp_path / "out").skipped


def test_a_deleted_output_rebuilds(small_project: Path, tmp_path: Path, fake_pdfs: list[Path]) -> None:
    first = build(small_project, tmp_path / "out")
    (first.folder / "exempt.pdf").unlink()
    assert not build(small_project, tmp_path / "out").skipped
    assert (first.folder / "exempt.pdf").is_file()


def test_a_failed_build_leaves_the_previous_outputs_intact(
    small_project: Path, tmp_path: Path, fake_pdfs: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    first = build(small_project, out)
    before = {p.name: p.read_bytes() for p in first.folder.iterdir()}
    (small_project / "kpicli.yaml").write_text(
        (small_project / "kpicli.yaml").read_text(encoding="utf-8") + "\n# edited\n",
        encoding="utf-8",
    )

    def broken(html: str, folders: tuple[Path, ...], target: Path) -> None:
        raise RuntimeError("WeasyPrint fell over")

    monkeypatch.setattr(output_folder, "render_pdf_file", broken)
    with pytest.raises(RuntimeError):
        build(small_project, out)
    assert {p.name: p.read_bytes() for p in first.folder.iterdir()} == before
    assert sorted(p.name for p in out.iterdir() if not p.name.endswith((".lock", ".json"))) == [PERIOD]
    assert read_manifest(first.folder) is not None, "the old manifest still vouches for the old folder"


def test_strict_turns_warnings_into_errors_and_writes_nothing(
    small_project: Path, tmp_path: Path, fake_pdfs: list[Path]
) -> None:
    # The small project's exempt indicator is amber with no action: a warning not for publication.
    assert build(small_project, tmp_path / "lenient").exempt_warnings
    with pytest.raises(WarningsAsErrors) as raised:
        build(small_project, tmp_path / "strict", strict=True)
    assert raised.value.problems
    assert not (tmp_path / "strict" / PERIOD).exists()


def test_strict_does_not_skip_an_up_to_date_build_that_had_warnings(
    small_project: Path, tmp_path: Path, fake_pdfs: list[Path]
) -> None:
    build(small_project, tmp_path / "out")
    with pytest.raises(WarningsAsErrors):
        build(small_project, tmp_path / "out", strict=True)


def test_a_range_builds_each_period_in_order_and_reports_each(
    small_project: Path, tmp_path: Path, fake_pdfs: list[Path]
) -> None:
    seen: list[str] = []
    results = build_periods(
        small_project,
        expand_periods("2019-06..2019-08"),
        tmp_path / "out",
        jobs=1,
        on_done=lambda result: seen.append(result.period),
    )
    assert [r.period for r in results] == ["2019-06", "2019-07", "2019-08"]
    assert sorted(seen) == ["2019-06", "2019-07", "2019-08"]
    summaries = [json.loads((r.folder / "summary.json").read_text()) for r in results]
    assert [s["period"] for s in summaries] == ["2019-06", "2019-07", "2019-08"]
    assert len(fake_pdfs) == 6
    latest = summaries[-1]
    assert list(latest) == [
        "kpicli_version",
        "period",
        "indicators_total",
        "indicators_public",
        "exempt_indicators",
        "suppressed_cells",
        "public_ratings",
        "exempt_paper",
        "public_indicators",
        "warnings",
        "files",
    ]
    # Three indicators, one of them exempt (cse-risk): each key is named for what it counts.
    assert (latest["indicators_total"], latest["indicators_public"], latest["exempt_indicators"]) == (3, 2, 1)
    assert sum(latest["public_ratings"].values()) == 2


def test_two_builds_into_one_folder_at_once_take_turns(
    small_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rendering = threading.Event()

    def slow(html: str, folders: tuple[Path, ...], target: Path) -> None:
        rendering.set()
        time.sleep(0.2)
        target.write_bytes(b"%PDF-slow")

    monkeypatch.setattr(output_folder, "render_pdf_file", slow)
    results: dict[str, BuildResult] = {}
    first = threading.Thread(target=lambda: results.update(first=build(small_project, tmp_path / "o")))
    first.start()
    rendering.wait(timeout=30)
    results["second"] = build(small_project, tmp_path / "o")
    first.join()
    # The second waited for the lock, then found the first's complete build up to date.
    assert (results["first"].skipped, results["second"].skipped) == (False, True)
    assert read_manifest(tmp_path / "o" / PERIOD) is not None


@pytest.mark.parametrize(("kept", "missing"), [(["London", "England"], []), (["London"], ["England"])])
def test_a_comparator_with_no_benchmark_figure_is_a_warning(
    tmp_path: Path, kept: list[str], missing: list[str]
) -> None:
    from conftest import build_small_project
    from kpicli.compute import compute_report
    from kpicli.load import load_project
    from kpicli.paper_checks import missing_benchmark_warnings
    from kpicli.periods import parse_month

    root = build_small_project(tmp_path / "project")
    bench = root / "sample_data" / "benchmarks.csv"
    lines = bench.read_text(encoding="utf-8").splitlines()
    bench.write_text(
        "\n".join(lines[:1] + [line for line in lines[1:] if line.split(",")[2] in kept]) + "\n",
        encoding="utf-8",
    )
    project = load_project(root)
    report = compute_report(project, parse_month(PERIOD))
    warnings = missing_benchmark_warnings(report.indicators, project, report.report_month)
    assert [w.message.rsplit(" ", 1)[-1] for w in warnings] == missing
    assert all(w.location.startswith("indicator_defs/placement-stability.yaml:") for w in warnings)
