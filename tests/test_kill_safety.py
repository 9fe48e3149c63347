"""Builds that survive SIGKILL (what a CI timeout sends), and kpicli on a platform without fcntl
or a process pool. PDFs are faked by a slow stand-in so each build can be killed mid-render."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO_ROOT
from kpicli import output_folder
from kpicli.cli import app
from kpicli.staging import LOCK_FILE, recover
from tests.load.project import build_base_project as base_project

PERIOD = "2019-08"
OUTPUTS = {
    "public.pdf",
    "exempt.pdf",
    "public.html",
    "exempt.html",
    "summary.json",
    "public.csv",
}
# A build whose PDF workers record their ids, then render for a long time.
SLOW_BUILD = """
import os, sys, time
from pathlib import Path
from kpicli import output_folder
from kpicli.cli import main

PIDS = Path(sys.argv[1])

def slow(html, folders, target):
    (PIDS / str(os.getpid())).write_text("", encoding="utf-8")
    target.write_bytes(b"%PDF-fake")
    time.sleep(60)

output_folder.render_pdf_file = slow
sys.argv = ["kpicli", *sys.argv[2:]]
main()
"""
posix_only = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and fork are POSIX")


def environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO_ROOT)}


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, not yet reaped by init) is not running.
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "State:\tZ" in status.read_text(encoding="utf-8"))


def wait_for(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


def build_base_project(root: Path) -> Path:
    """The base project with an exempt indicator, so that a Part 2 paper is built too."""
    import yaml

    from tests.conftest import definition

    base_project(root)
    exempt = definition(
        "cse-risk", 9, exempt={"paragraph": 2, "reason": "Could identify individual children."}
    )
    (root / "indicator_defs" / "cse-risk.yaml").write_text(yaml.safe_dump(exempt), encoding="utf-8")
    with (root / "sample_data" / "values.csv").open("a", encoding="utf-8") as handle:
        handle.write("cse-risk,2019-08,7,,,\n")
    return root


def fast_build(root: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> float:
    monkeypatch.setattr(
        output_folder, "render_pdf_file", lambda html, folders, target: target.write_bytes(b"%PDF")
    )
    start = time.monotonic()
    result = CliRunner().invoke(
        app, ["build", "--period", PERIOD, "-p", str(root), "-o", str(out), "-j", "1"]
    )
    assert result.exit_code == 0, result.output
    return time.monotonic() - start


@posix_only
@pytest.mark.parametrize("moment", ["loading", "rendering", "one paper done"])
def test_a_killed_build_leaves_nothing_and_the_next_one_runs_at_once(
    moment: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = build_base_project(tmp_path / "project")
    out, pids = tmp_path / "out", tmp_path / "pids"
    pids.mkdir()
    command = [sys.executable, "-c", SLOW_BUILD, str(pids), "build", "--period", PERIOD]
    build = subprocess.Popen(
        [*command, "-p", str(root), "-o", str(out), "-j", "2"], env=environment(), stderr=subprocess.PIPE
    )
    staging = lambda: [p for p in out.glob(f".{PERIOD}.building-*")]  # noqa: E731
    if moment == "loading":
        time.sleep(0.3)
    elif moment == "rendering":
        assert wait_for(lambda: len(list(pids.iterdir())) == 2, 60), build.stderr
        [folder] = staging()
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    else:
        assert wait_for(lambda: any((f / "exempt.pdf").exists() for f in staging()), 60)
    build.send_signal(signal.SIGKILL)
    build.wait()
    workers = [int(p.name) for p in pids.iterdir()]
    # The workers notice their parent has gone and exit (they would hold the lock's file open).
    assert wait_for(lambda: not any(alive(pid) for pid in workers), 10), workers
    # The next build takes the lock at once, clears the staging folder and builds.
    assert fast_build(root, out, monkeypatch) < 20
    assert sorted(p.name for p in out.iterdir()) == sorted([LOCK_FILE, f".{PERIOD}.manifest.json", PERIOD])
    assert {p.name for p in (out / PERIOD).iterdir()} == OUTPUTS
    for name in ("exempt.pdf", "exempt.html"):
        assert stat.S_IMODE((out / PERIOD / name).stat().st_mode) == 0o600


def test_outputs_moved_aside_by_a_killed_build_are_put_back(tmp_path: Path) -> None:
    """Killed between moving the old outputs aside and moving the new ones in (or while
    writing a manifest)."""
    out = tmp_path / "out"
    aside = out / f".{PERIOD}.old-abc123" / PERIOD
    aside.mkdir(parents=True)
    (aside / "public.pdf").write_bytes(b"%PDF-earlier")
    (out / f".{PERIOD}.building-xyz").mkdir()
    (out / f".{PERIOD}.manifest.json.123.abcd.partial").write_text("{", encoding="utf-8")
    recover(out)
    assert sorted(p.name for p in out.iterdir()) == [PERIOD]
    assert (out / PERIOD / "public.pdf").read_bytes() == b"%PDF-earlier"


NO_FCNTL_NO_POOL = """
import sys
from pathlib import Path

assert "fcntl" not in sys.modules, "fcntl was imported before the test could hide it"

class NoFcntl:
    def find_spec(self, name, path=None, target=None):
        if name == "fcntl":
            raise ImportError("no fcntl on this platform")
        return None

sys.meta_path.insert(0, NoFcntl())
import concurrent.futures

class NoPool:
    def __init__(self, *args, **kwargs):
        raise NotImplementedError("no process pool on this platform")

concurrent.futures.ProcessPoolExecutor = NoPool
from typer.testing import CliRunner
from kpicli import output_folder
from kpicli.cli import app

output_folder.render_pdf_file = lambda html, folders, target: target.write_bytes(b"%PDF")
project, out = sys.argv[1], sys.argv[2]
checked = CliRunner().invoke(app, ["validate", "-p", project])
assert checked.exit_code == 0, checked.output
built = CliRunner().invoke(app, ["build", "--period", "2019-08", "-p", project, "-o", out, "-j", "2"])
assert built.exit_code == 0, built.output
assert sorted(p.name for p in (Path(out) / "2019-08").iterdir())[0] == "exempt.html"
print("ok", "fcntl" in sys.modules)
"""


def test_validate_and_build_run_without_fcntl_or_a_process_pool(tmp_path: Path) -> None:
    """As on Windows (no fcntl) or a sandbox where a pool cannot start: the PDFs render in process."""
    root = build_base_project(tmp_path / "project")
    done = subprocess.run(
        [sys.executable, "-c", NO_FCNTL_NO_POOL, str(root), str(tmp_path / "out")],
        env=environment(),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["ok", "False"]
