"""kpicli's speed budget, measured: `make bench` or `python benchmarks/bench.py`.

Every figure is the median wall time of fresh processes (what a user or a CI job waits for),
so interpreter start-up and imports count. The floor is a bare WeasyPrint render of the very
HTML files a build wrote, one after the other in one fresh process, with the same PDF options.
Run it on an otherwise idle machine: the load average is printed so a busy one shows.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

from synth import generate_project, sample_root  # noqa: E402

PERIOD = "2019-08"
FLOOR_SCRIPT = """
import sys, time
from pathlib import Path
start = time.perf_counter()
import weasyprint
base, out = sys.argv[1], Path(sys.argv[2])
for name in ("public", "exempt"):
    html = (out / f"{name}.html").read_text(encoding="utf-8")
    weasyprint.HTML(string=html, base_url=base).write_pdf(
        out / f"floor-{name}.pdf", pdf_variant="pdf/ua-1", pdf_identifier=b"kpicli"
    )
"""


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    return env


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: Sequence[str], repeats: int) -> tuple[float, float]:
    """Median wall time and median CPU time (the process and its workers) of `repeats` runs
    of a command in a fresh process. On a busy machine the CPU time is the better guide to
    what an idle one would take."""
    walls, cpus = [], []
    for _ in range(repeats):
        start, cpu = time.perf_counter(), children_cpu()
        done = subprocess.run(command, env=environment(), capture_output=True, text=True)
        walls.append(time.perf_counter() - start)
        cpus.append(children_cpu() - cpu)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
    return statistics.median(walls), statistics.median(cpus)


def wall(command: Sequence[str], repeats: int) -> float:
    return timed(command, repeats)[0]


def kpicli(*args: str) -> list[str]:
    return [sys.executable, "-m", "kpicli", *args]


def stages(project: Path, pdf: bool = False, trace: bool = True) -> dict[str, Any]:
    command = [sys.executable, str(HERE / "stages.py"), str(project), PERIOD]
    command += ["--pdf"] if pdf else []
    command += [] if trace else ["--no-trace"]
    done = subprocess.run(
        command,
        env=environment(),
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


# The stages before rendering, as DESIGN.md numbers them: render is stage 5, "Jinja templates
# to HTML, SVG charts, WeasyPrint to tagged PDF".
BEFORE_RENDERING = ("load", "compute", "disclose", "narrate")


def median_stages(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Each figure the median of several fresh processes' (peaks from the first, traced run)."""
    merged: dict[str, Any] = {"imports_seconds": statistics.median(r["imports_seconds"] for r in runs)}
    merged["stages"] = {}
    for name, first in runs[0]["stages"].items():
        figures = dict(first)
        for key in ("seconds", "cpu_seconds", "rss_mb"):
            figures[key] = statistics.median(r["stages"][name][key] for r in runs)
        merged["stages"][name] = figures
    return merged


def print_stages(title: str, measured: dict[str, Any]) -> tuple[tuple[float, float], tuple[float, float]]:
    """Print a stage table; return the wall and CPU time of everything before rendering
    (imports, load to narrate) and of everything before the PDFs (adding the HTML)."""
    print(f"\n{title}")
    print(f"  {'stage':34} {'seconds':>8} {'cpu s':>7} {'traced peak MB':>15} {'RSS MB':>7}")
    print(f"  {'imports':34} {measured['imports_seconds']:8.2f}")
    before_rendering = [float(measured["imports_seconds"])] * 2
    before_pdfs = list(before_rendering)
    for name, figures in measured["stages"].items():
        traced = figures.get("traced_peak_mb")
        traced_text = f"{traced:15.0f}" if traced is not None else f"{'-':>15}"
        print(
            f"  {name:34} {figures['seconds']:8.2f} {figures['cpu_seconds']:7.2f} "
            f"{traced_text} {figures['rss_mb']:7.0f}"
        )
        for total, counted in ((before_rendering, name in BEFORE_RENDERING), (before_pdfs, True)):
            if counted and not name.startswith("pdf"):
                total[0] += figures["seconds"]
                total[1] += figures["cpu_seconds"]
    print(
        f"  {'before rendering (imports..narrate)':34} {before_rendering[0]:8.2f} {before_rendering[1]:7.2f}"
    )
    print(f"  {'before the PDFs (adds render)':34} {before_pdfs[0]:8.2f} {before_pdfs[1]:7.2f}")
    return (before_rendering[0], before_rendering[1]), (before_pdfs[0], before_pdfs[1])


def verdict(figure: float, target: float, below: bool = True) -> str:
    return "ok" if (figure < target if below else figure <= target) else "MISSED"


def startup(repeats: int, sample: Path) -> None:
    print("\nStart-up (median of fresh processes)")
    for label, command, target in (
        ("kpicli --help", kpicli("--help"), 0.3),
        ("kpicli validate (sample)", kpicli("validate", "--project", str(sample)), 1.0),
        ("kpicli list (sample)", kpicli("list", "--project", str(sample)), None),
    ):
        seconds, cpu = timed(command, repeats)
        goal = f"target < {target} s: {verdict(seconds, target)}" if target else ""
        print(f"  {label:34} {seconds:6.2f} s  (cpu {cpu:5.2f} s)   {goal}")


def floor_and_build(sample: Path, repeats: int, out: Path) -> None:
    """Full build (both papers, --force) against the sequential bare-WeasyPrint floor."""
    from kpicli.template_paths import template_folders

    build = kpicli("build", "--period", PERIOD, "--project", str(sample), "--out", str(out), "-q")
    base = template_folders(sample)[-1].as_uri() + "/"
    floor_command = [sys.executable, "-c", FLOOR_SCRIPT, base, str(out / PERIOD)]
    wall(build, 1)  # warm the file cache and write the HTML the floor renders
    builds, floors = [], []
    for _ in range(repeats):
        # Interleaved, so a change in the machine's load hits both alike.
        builds.append(wall([*build, "--force"], 1))
        floors.append(wall(floor_command, 1))
    full, floor = statistics.median(builds), statistics.median(floors)
    print("\nFull build of the sample, both papers (median, fresh processes)")
    print(f"  {'kpicli build --force':34} {full:6.2f} s")
    print(f"  {'bare WeasyPrint, one after other':34} {floor:6.2f} s   (the floor)")
    ratio = full / floor
    print(f"  {'ratio build / floor':34} {ratio:6.2f}     target <= 0.8: {verdict(ratio, 0.8, False)}")
    unchanged, cpu = timed(build, repeats)
    print(
        f"  {'unchanged rebuild':34} {unchanged:6.2f} s  (cpu {cpu:5.2f} s)   "
        f"target < 0.5 s: {verdict(unchanged, 0.5)}"
    )


def growth(sizes: list[tuple[int, int]], work: Path) -> None:
    print("\nGrowth: everything before the PDFs (load..render), one fresh process per size")
    print(
        f"  {'indicators':>10} {'months':>7} {'rows':>8} {'seconds':>8} {'cpu s':>7} "
        f"{'cpu us/row':>10} {'RSS MB':>7}"
    )
    for indicators, months in sizes:
        project = generate_project(work / f"n{indicators}-m{months}", indicators, months, PERIOD)
        measured = stages(project, trace=False)
        figures = measured["stages"].values()
        seconds = measured["imports_seconds"] + sum(f["seconds"] for f in figures)
        # Imports are a fixed cost, so the per-row figure leaves them out.
        cpu = sum(f["cpu_seconds"] for f in figures)
        rows = indicators * months
        print(
            f"  {indicators:>10} {months:>7} {rows:>8} {seconds:8.2f} {cpu:7.2f} "
            f"{cpu / rows * 1e6:10.1f} {max(f['rss_mb'] for f in figures):7.0f}"
        )
        shutil.rmtree(project, ignore_errors=True)


# Hostile inputs end, with an error or a build, within these bounds (issue 19).
BOUND_SECONDS = 10.0
BOUND_MB = 1024
BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9 if previous else ['lol'] * 9)}]\n"
    for previous, name in zip(["", "a", "b", "c", "d", "e", "f", "g", "h"], "abcdefghi", strict=True)
)


def hostile_projects(work: Path) -> dict[str, Path]:
    """The sample, three times spoiled: an alias bomb, a 20 MB definition, 1,000,000 rows."""
    spoiled = {}
    for name in ("alias bomb (9 levels)", "20 MB definition", "1,000,000-row values.csv"):
        root = work / name.split()[0].replace(",", "")
        shutil.copytree(sample_root(), root, ignore=shutil.ignore_patterns("out", ".*", "tests", "kpicli"))
        spoiled[name] = root
    definition = spoiled["alias bomb (9 levels)"] / "indicator_defs" / "referrals-received.yaml"
    definition.write_text(definition.read_text(encoding="utf-8") + BOMB, encoding="utf-8")
    big = spoiled["20 MB definition"] / "indicator_defs" / "referrals-received.yaml"
    big.write_text(big.read_text(encoding="utf-8") + ("# " + "x" * 98 + "\n") * 200_000, encoding="utf-8")
    values = spoiled["1,000,000-row values.csv"] / "sample_data" / "values.csv"
    with values.open("a", encoding="utf-8") as handle:
        handle.writelines(
            f"referrals-received,{2000 + i // 12 % 200:04d}-{i % 12 + 1:02d},{i},,,,\n"
            for i in range(1_000_000)
        )
    return spoiled


def limited(seconds: float, megabytes: int) -> Any:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (megabytes * 1024 * 1024, megabytes * 1024 * 1024))
        resource.setrlimit(resource.RLIMIT_CPU, (int(seconds) + 1, int(seconds) + 1))

    return apply


def bounds(work: Path) -> None:
    """Each hostile project, validated in a fresh process under a memory and CPU limit: it must
    end with an error (exit 1) within the bound; the time and peak memory are printed."""
    print(f"\nHostile input: kpicli validate ends within {BOUND_SECONDS:.0f} s and {BOUND_MB:,} MB")
    for name, root in hostile_projects(work).items():
        start = time.perf_counter()
        process = subprocess.Popen(
            kpicli("validate", "--project", str(root)),
            env=environment(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            preexec_fn=limited(BOUND_SECONDS, BOUND_MB),
        )
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            process.stderr.close() if process.stderr else None
        seconds = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        peak = usage.ru_maxrss / 1024
        ok = code == 1 and seconds < BOUND_SECONDS and peak < BOUND_MB
        print(f"  {name:30} exit {code}  {seconds:6.2f} s  {peak:7.0f} MB   {'ok' if ok else 'MISSED'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="runs per median [5]")
    parser.add_argument("--quick", action="store_true", help="smaller growth table, 3 repeats")
    parser.add_argument("--bounds-only", action="store_true", help="only the hostile-input bounds")
    parser.add_argument(
        "--stages-only",
        action="store_true",
        help="only the 1,000 x 120 stage table and the growth table (no start-up or PDF timings)",
    )
    args = parser.parse_args()
    repeats = 3 if args.quick else args.repeats
    print(f"kpicli benchmarks: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    sample = sample_root()
    with tempfile.TemporaryDirectory(prefix="kpicli-bench-") as temp:
        work = Path(temp)
        if not args.stages_only:
            bounds(work)
        if args.bounds_only:
            return
        if not args.stages_only:
            startup(repeats, sample)
            floor_and_build(sample, repeats, work / "out")
            print_stages(
                "Stages, sample project (one process, PDFs one after the other)",
                stages(sample, pdf=True),
            )
        large = generate_project(work / "large", 1000, 120, PERIOD)
        runs = [stages(large)] + [stages(large, trace=False) for _ in range(repeats - 1)]
        (before, cpu), (before_pdfs, _) = print_stages(
            f"Stages, 1,000 indicators x 120 months (median of {repeats} fresh processes)",
            median_stages(runs),
        )
        print(
            f"  target < 3 s before rendering: wall {verdict(before, 3.0)}, cpu {verdict(cpu, 3.0)}; "
            f"before the PDFs {verdict(before_pdfs, 3.0)} (memory target < 1,024 MB: see RSS)"
        )
        shutil.rmtree(large, ignore_errors=True)
        if args.quick:
            sizes = [(250, 120), (500, 120), (1000, 120), (1000, 30), (1000, 60)]
        else:
            sizes = [(125, 120), (250, 120), (500, 120), (1000, 120), (1000, 15), (1000, 30), (1000, 60)]
        growth(sizes, work)
    print(f"\nload average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
