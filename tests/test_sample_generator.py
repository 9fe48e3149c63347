"""The committed sample is what scripts/make_sample_data.py writes: regenerated into a temporary
folder, every file it writes is byte-identical to the repository's own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

# DfE's published figures the benchmarks come from (see the generator's docstring).
REAL = Path(os.environ.get("KPICLI_REAL_DATA", REPO_ROOT.parent / "shared" / "real_data"))


@pytest.mark.skipif(
    not (REAL / "lait_childrens_services_kpis.csv").is_file(),
    reason="DfE's published data is not on this machine (set KPICLI_REAL_DATA)",
)
def test_the_generator_writes_exactly_the_committed_sample(tmp_path: Path) -> None:
    script = REPO_ROOT / "scripts" / "make_sample_data.py"
    environment = {**os.environ, "KPICLI_REAL_DATA": str(REAL)}
    subprocess.run([sys.executable, str(script), str(tmp_path)], check=True, env=environment)
    written = sorted(path.relative_to(tmp_path) for path in tmp_path.rglob("*") if path.is_file())
    assert Path("sample_data/values.csv") in written
    assert len(written) > 40
    for path in written:
        assert (tmp_path / path).read_bytes() == (REPO_ROOT / path).read_bytes(), f"{path} differs"
