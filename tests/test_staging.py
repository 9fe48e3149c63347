"""The one atomic writer behind the publication record, the manifest and `kpicli import`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kpicli import staging
from kpicli.staging import write_atomically


def test_a_failed_write_leaves_the_old_file_and_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "2019-08.csv"
    write_atomically(target, "old\n")
    write_atomically(target, "new\r\nrow\n")
    assert target.read_bytes() == b"new\r\nrow\n"

    def disk_full(source: object, destination: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(staging.os, "replace", disk_full)
    with pytest.raises(OSError, match="No space"):
        write_atomically(target, "half")
    assert target.read_bytes() == b"new\r\nrow\n"
    assert os.listdir(tmp_path) == ["2019-08.csv"]
