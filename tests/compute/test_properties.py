"""Properties: polarity symmetry, monotonic RAG, independence from row order in the extracts."""

from __future__ import annotations

import csv
import random
import shutil
import tempfile
from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from conftest import build_small_project
from kpicli.compute import compute_report
from kpicli.compute.judgement import judge_printed
from kpicli.compute.rag import rate_by_thresholds, rate_by_tolerance
from kpicli.load import load_project
from kpicli.models.definition import Polarity, ThresholdsRule, ToleranceRule
from kpicli.models.facts import Judgement, Rating
from kpicli.periods import parse_month

HIGHER, LOWER = Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER
RANK = {Rating.RED: 0, Rating.AMBER: 1, Rating.GREEN: 2}
SWAPPED = {Rating.RED: Rating.GREEN, Rating.AMBER: Rating.AMBER, Rating.GREEN: Rating.RED}
values = st.floats(min_value=-1000, max_value=1000, allow_nan=False)


@settings(max_examples=200)
@given(ours=values, theirs=values, decimals=st.integers(0, 3))
def test_flipping_polarity_swaps_better_and_worse(ours: float, theirs: float, decimals: int) -> None:
    swap = {
        Judgement.BETTER: Judgement.WORSE,
        Judgement.WORSE: Judgement.BETTER,
        Judgement.SAME: Judgement.SAME,
    }
    higher = judge_printed(ours, theirs, HIGHER, decimals)
    assert judge_printed(ours, theirs, LOWER, decimals) is swap[higher]


@settings(max_examples=200)
@given(value=values, low=values, high=values)
def test_flipping_polarity_swaps_green_and_red_for_thresholds(value: float, low: float, high: float) -> None:
    low, high = sorted((low, high))
    assume(value not in (low, high))
    # Higher is better: green from `high`, red below `low`. Lower is better, mirrored:
    # green up to `low`, red above `high`.
    higher = rate_by_thresholds(value, ThresholdsRule(kind="thresholds", green=high, red=low), HIGHER)
    lower = rate_by_thresholds(value, ThresholdsRule(kind="thresholds", green=low, red=high), LOWER)
    assert lower.rating is SWAPPED[higher.rating]


@settings(max_examples=200)
@given(first=values, second=values, low=values, high=values, polarity=st.sampled_from([HIGHER, LOWER]))
def test_threshold_rating_is_monotonic_in_the_value(
    first: float, second: float, low: float, high: float, polarity: Polarity
) -> None:
    low, high = sorted((low, high))
    green, red = (high, low) if polarity is HIGHER else (low, high)
    rule = ThresholdsRule(kind="thresholds", green=green, red=red)
    smaller, larger = sorted((first, second))
    ranks = (
        RANK[rate_by_thresholds(smaller, rule, polarity).rating],
        RANK[rate_by_thresholds(larger, rule, polarity).rating],
    )
    assert ranks[0] <= ranks[1] if polarity is HIGHER else ranks[0] >= ranks[1]


@settings(max_examples=200)
@given(
    first=values,
    second=values,
    target=values,
    tolerance=st.floats(0, 100),
    polarity=st.sampled_from([HIGHER, LOWER]),
)
def test_tolerance_rating_is_monotonic_in_the_value(
    first: float, second: float, target: float, tolerance: float, polarity: Polarity
) -> None:
    rule = ToleranceRule(kind="tolerance", target=target, tolerance=tolerance)
    smaller, larger = sorted((first, second))
    ranks = (
        RANK[rate_by_tolerance(smaller, rule, polarity).rating],
        RANK[rate_by_tolerance(larger, rule, polarity).rating],
    )
    assert ranks[0] <= ranks[1] if polarity is HIGHER else ranks[0] >= ranks[1]


def shuffle_extract(path: Path, seed: int) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    random.Random(seed).shuffle(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, *rows])


def test_results_do_not_depend_on_row_order(tmp_path: Path) -> None:
    original = build_small_project(tmp_path / "original")
    expected = compute_report(load_project(original), parse_month("2019-08"))

    @settings(max_examples=8, deadline=None)
    @given(seed=st.integers(0, 10_000))
    def check(seed: int) -> None:
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / "project"
            shutil.copytree(original, copy)
            for name in ("values.csv", "benchmarks.csv"):
                shuffle_extract(copy / "sample_data" / name, seed)
            assert compute_report(load_project(copy), parse_month("2019-08")) == expected

    check()
