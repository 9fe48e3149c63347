"""Time and peak memory of each build stage for one project, in a fresh process.

Run by bench.py as `python benchmarks/stages.py PROJECT PERIOD [--pdf] [--no-trace]`; prints one JSON
object. Two passes: the first is timed (no tracing, so the times are real) and records the
process's peak resident memory; the second traces Python allocations to give each stage's
own peak. The PDFs (with --pdf) are rendered one after the other in this process.
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

MB = 1024 * 1024


def max_rss_mb() -> float:
    # Linux reports ru_maxrss in kilobytes.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stage_functions(root: Path, period: str, pdf: bool) -> list[tuple[str, Callable[[Any], Any]]]:
    """The pipeline's own stages, in its order (kpicli.pipeline.STAGES after loading the
    project), each taking the one before's result; then, with `pdf`, both PDFs."""
    from kpicli.pipeline import STAGES, Work, load_stage
    from kpicli.render.pdf import write_pdf
    from kpicli.template_paths import template_folders

    def load(_: Any) -> Work:
        return Work(load_stage(root), period)

    def pdfs(work: Work) -> Work:
        assert work.pages is not None
        folders = template_folders(root)
        with tempfile.TemporaryDirectory() as out:
            for name, page in work.pages.html.items():
                write_pdf(page, folders, Path(out) / f"{name}.pdf")
        return work

    stages: list[tuple[str, Callable[[Any], Any]]] = [("load", load), *STAGES]
    return [*stages, ("pdf (both, one after the other)", pdfs)] if pdf else stages


def timed_pass(stages: list[tuple[str, Callable[[Any], Any]]]) -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {}
    value: Any = None
    for name, function in stages:
        start, cpu = time.perf_counter(), time.process_time()
        value = function(value)
        results[name] = {
            "seconds": time.perf_counter() - start,
            # CPU time of this process: what the wall time would be on an idle machine.
            "cpu_seconds": time.process_time() - cpu,
            "rss_mb": max_rss_mb(),
        }
    return results


def traced_pass(stages: list[tuple[str, Callable[[Any], Any]]]) -> dict[str, float]:
    peaks: dict[str, float] = {}
    value: Any = None
    tracemalloc.start()
    for name, function in stages:
        tracemalloc.reset_peak()
        value = function(value)
        peaks[name] = tracemalloc.get_traced_memory()[1] / MB
    tracemalloc.stop()
    return peaks


def main(argv: list[str]) -> None:
    root, period, pdf, trace = Path(argv[0]), argv[1], "--pdf" in argv, "--no-trace" not in argv
    start = time.perf_counter()
    stages = stage_functions(root, period, pdf)
    imports = time.perf_counter() - start
    times = timed_pass(stages)
    # Tracing slows Python several times over, so it is a separate pass, and the PDFs (whose
    # memory the RSS column shows) are left out of it.
    peaks = traced_pass([s for s in stages if not s[0].startswith("pdf")]) if trace else {}
    for name, peak in peaks.items():
        times[name]["traced_peak_mb"] = peak
    print(json.dumps({"imports_seconds": imports, "stages": times}))


if __name__ == "__main__":
    main(sys.argv[1:])
