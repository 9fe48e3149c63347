"""An up-to-date period is skipped on what its summary.json says, read once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kpicli.manifest import Manifest, write_manifest
from kpicli.output_folder import OUTPUT_FILES, skipped_result


def test_an_up_to_date_folder_is_skipped_reading_its_summary_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "2019-08"
    folder.mkdir()
    files = [name for name in OUTPUT_FILES if not name.startswith("exempt")]
    for name in files:
        (folder / name).write_text("", encoding="utf-8")
    summary = {"files": files, "public_ratings": {"green": 3, "red": 1}, "warnings": ["stale"]}
    (folder / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    wanted = Manifest("2019-08", "1", "code", {"kpicli.yaml": "abc"})
    write_manifest(folder, wanted)
    reads: list[str] = []
    read_text = Path.read_text

    def counted(path: Path, *args: object, **kwargs: object) -> str:
        reads.append(path.name)
        return read_text(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", counted)
    result = skipped_result(folder, wanted, strict=False)
    assert result is not None and result.skipped
    assert result.files == tuple(files) and result.ratings == {"green": 3, "red": 1}
    assert [str(w) for w in result.warnings] == ["summary.json: stale"]
    assert reads.count("summary.json") == 1
    assert skipped_result(folder, Manifest("2019-08", "1", "code", {}), strict=False) is None
