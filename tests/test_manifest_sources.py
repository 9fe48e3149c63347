"""The manifest hashes the files the extracts come from, whatever the source: the CSV folder,
the Excel workbook, and for a database nothing, so such a build is never skipped."""

from __future__ import annotations

from pathlib import Path

from kpicli.manifest import LIVE_SOURCE, InputHasher, data_inputs, is_up_to_date


def project_with_source(root: Path, source: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "kpicli.yaml").write_text(f"authority: A\n{source}", encoding="utf-8")
    return root


def test_csv_extracts_are_hashed_from_the_configured_folder(tmp_path: Path) -> None:
    root = project_with_source(tmp_path, "source:\n  kind: csv\n  folder: extracts\n")
    assert {path for _, path in data_inputs(root) or []} == {
        root / "extracts" / name for name in ("values.csv", "benchmarks.csv", "breakdowns.csv")
    }


def test_data_folder_is_used_when_no_source_is_given(tmp_path: Path) -> None:
    root = project_with_source(tmp_path, "data_folder: figures\n")
    assert all(path.parent == root / "figures" for _, path in data_inputs(root) or [])


def test_a_changed_workbook_changes_the_manifest(tmp_path: Path) -> None:
    root = project_with_source(tmp_path, "source:\n  kind: excel\n  workbook: kpis.xlsx\n")
    (root / "kpis.xlsx").write_bytes(b"first")
    before = InputHasher(root, ()).manifest_for("2019-08")
    (root / "kpis.xlsx").write_bytes(b"second")
    after = InputHasher(root, ()).manifest_for("2019-08")
    assert "data/workbook" in before.inputs and not before.matches(after)


def test_a_database_build_is_never_up_to_date(tmp_path: Path) -> None:
    root = project_with_source(tmp_path, "source:\n  kind: sql\n")
    assert data_inputs(root) is None
    manifest = InputHasher(root, ()).manifest_for("2019-08")
    assert LIVE_SOURCE in manifest.inputs
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "manifest.json").write_text(manifest.to_json(), encoding="utf-8")
    assert not is_up_to_date(folder, manifest, (), strict=False)
