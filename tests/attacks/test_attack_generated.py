"""Generated projects: random small counts, year-to-date series with a variant, percentages with
a variant, breakdowns, rounding; every month's public papers attacked together, and twins (the
same project with one withheld figure changed) read for any difference at all."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from attacker import every_attack, hold
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from public_reader import months_between, read_public, with_reasons

from conftest import CONFIG, definition, make_project, monthly
from kpicli.load import load_project
from kpicli.manifest import Manifest
from kpicli.pipeline import prepare_paper

FIRST, LAST = "2018-09", "2019-08"
PERIODS = months_between("2019-05", LAST)
MONTHS = len(months_between(FIRST, LAST))
CONFIG_MONTHLY = {
    **CONFIG,
    "meetings": [{"period": p, "date": f"{p}-28", "reference": f"R{p}"} for p in months_between(FIRST, LAST)],
}

counts = st.one_of(st.integers(0, 6), st.integers(5, 60))


@st.composite
def projects(draw: st.DrawFn) -> dict[str, Any]:
    monthly_counts = draw(st.lists(counts, min_size=MONTHS, max_size=MONTHS))
    increments = draw(
        st.lists(st.one_of(st.integers(0, 5), st.integers(5, 40)), min_size=MONTHS, max_size=MONTHS)
    )
    left_out = draw(st.lists(st.integers(0, 6), min_size=MONTHS, max_size=MONTHS))
    quarters = draw(
        st.lists(
            st.tuples(st.integers(1, 40), st.integers(0, 8), st.integers(0, 6), st.integers(0, 4)),
            min_size=4,
            max_size=4,
        )
    )
    table = draw(st.lists(st.one_of(st.integers(0, 6), st.integers(0, 30)), min_size=2, max_size=5))
    gap = draw(st.integers(0, 6))
    round_to = draw(st.sampled_from([None, None, 5]))
    green, red = sorted(draw(st.tuples(st.integers(0, 40), st.integers(0, 40))))
    return {
        "counts": monthly_counts,
        "increments": increments,
        "left_out": left_out,
        "quarters": quarters,
        "table": table,
        "gap": gap,
        "round_to": round_to,
        "thresholds": (green, red + 1),
    }


def write(root: Path, spec: dict[str, Any]) -> Path:
    ytd, variant, total, part = [], [], 0, 0
    for month, (increment, out) in enumerate(zip(spec["increments"], spec["left_out"], strict=True)):
        if month_of(month) == 4:  # a new financial year
            total = part = 0
        total += increment + out
        part += increment
        ytd.append(total)
        variant.append(part)
    percent_rows = []
    for quarter, (achieved, missed, declined_achieved, declined_missed) in zip(
        ("2018-09", "2018-12", "2019-03", "2019-06"), spec["quarters"], strict=True
    ):
        percent_rows.append(
            [
                "eet",
                quarter,
                None,
                achieved + declined_achieved,
                achieved + missed + declined_achieved + declined_missed,
            ]
        )
        percent_rows.append(["eet", quarter, None, achieved, achieved + missed, "excluding"])
    green, red = spec["thresholds"]
    disclosure = {"round_to": spec["round_to"]} if spec["round_to"] else {}
    table = spec["table"]
    return make_project(
        root,
        definitions=[
            definition(
                "missing",
                1,
                rag={"kind": "thresholds", "green": green, "red": red},
                **({"disclosure": disclosure} if disclosure else {}),
            ),
            definition(
                "referrals",
                2,
                cumulative={"year": "financial_year"},
                polarity="neutral",
                headline_label="All referrals",
                variants=[{"id": "excluding", "label": "Excluding re-referrals"}],
            ),
            definition(
                "eet",
                3,
                unit="percent",
                polarity="higher_is_better",
                frequency="quarter",
                rag={"kind": "thresholds", "green": 60, "red": 40},
                headline_label="All care leavers",
                variants=[{"id": "excluding", "label": "Excluding those who decline"}],
            ),
            definition("looked-after", 4, rag={"kind": "thresholds", "green": 30, "red": 80}),
        ],
        values=[
            *monthly("missing", FIRST, spec["counts"]),
            *monthly("referrals", FIRST, ytd),
            *[
                ["referrals", row[1], row[2], None, None, "excluding"]
                for row in monthly("referrals", FIRST, variant)
            ],
            *percent_rows,
            *monthly("looked-after", "2019-05", [sum(table) + spec["gap"]] * 4),
        ],
        breakdowns=[
            ["looked-after", period, "Age band", f"Band {n}", value]
            for period in PERIODS
            for n, value in enumerate(table)
        ],
        config=CONFIG_MONTHLY,
    )


def month_of(index: int) -> int:
    return (9 + index - 1) % 12 + 1


def outputs(root: Path) -> dict[str, tuple[str, str, str]]:
    project = load_project(with_reasons(root, PERIODS))
    papers = {}
    for period in PERIODS:
        public = read_public(prepare_paper(project, period, Manifest(period, "", "", {})))
        papers[period] = (public.html, public.csv, public.summary_text)
    return papers


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=projects())
def test_no_attack_recovers_a_withheld_figure_from_a_generated_project(spec: dict[str, Any]) -> None:
    root = Path(tempfile.mkdtemp(prefix="kpicli-attack-"))
    try:
        holding = hold(load_project(write(root / "p", spec)), PERIODS)
        assert every_attack(holding) == []
    finally:
        shutil.rmtree(root, ignore_errors=True)


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]
)
@given(spec=projects(), month=st.integers(0, MONTHS - 1), new=st.integers(0, 4))
def test_twins_that_print_the_same_figures_print_the_same_papers(
    spec: dict[str, Any], month: int, new: int
) -> None:
    """Change one small monthly count to another small one: if every paper still prints the
    same figures (cells and [c]), every byte of every public output must be the same."""
    assume(spec["counts"][month] != new)
    twin = {**spec, "counts": [*spec["counts"][:month], new, *spec["counts"][month + 1 :]]}
    root = Path(tempfile.mkdtemp(prefix="kpicli-twins-"))
    try:
        first, second = write(root / "a", spec), write(root / "b", twin)
        printed = [hold(load_project(path), PERIODS).papers for path in (first, second)]
        assume(printed[0] == printed[1])
        assert outputs(first) == outputs(second)
    finally:
        shutil.rmtree(root, ignore_errors=True)
