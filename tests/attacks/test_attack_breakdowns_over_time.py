"""Class 4 for breakdown tables: a year-to-date indicator's tables, differenced across the
papers of a year.

A reader holding each month's public.html knows, of each table shown, every published cell and
the sum of the withheld ones (the total less the rest). Any set of categories whose count is
known in two tables of the same year (one cell, a combined row, the withheld cells together, or
a union of these in each) gives away how many children that set gained between them. The reader
links the categories that share a cell or a withheld group in either table and reads off each
linked set's move: none may be a small count.

A count to date never falls, so a later table bounds each withheld cell from above and an earlier
one from below. A second reader tries every value of a table's withheld cells that its own page
allows (adding up to the total less the rest, one of them small) and keeps those that the other
tables of the year allow too: the small values a withheld cell could hold must be the same.
"""

from __future__ import annotations

import html as html_text
import re
import tempfile
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from public_reader import months_between, public_papers

from conftest import CONFIG, definition, make_project, monthly
from kpicli.compute import breakdown_table, compute_report
from kpicli.disclose import breakdowns, disclose
from kpicli.load import load_project
from kpicli.models.facts import BreakdownTable
from kpicli.periods import Period, month_text, parse_month

FIRST, LAST = "2019-04", "2019-09"
MONTHS = months_between(FIRST, LAST)
SYMBOL = "[c]"
THRESHOLD = 5  # the default suppress_below

Known = list[tuple[frozenset[str], float]]


def breakdown_tables(page: str) -> dict[str, dict[str, str]]:
    """Each breakdown table public.html shows, by caption: category to the cell as printed."""
    found = {}
    pattern = r'<caption id="[^"]*-breakdown-\d+">(.*?)</caption>(.*?)</table>'
    for caption, body in re.findall(pattern, page, re.S):
        rows = {}
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
            cells = [
                html_text.unescape(re.sub(r"<[^>]+>", "", c)).strip()
                for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
            ]
            if len(cells) == 2 and cells[1] != "Number":
                rows[cells[0]] = cells[1]
        found[re.sub(r",.*", "", html_text.unescape(caption))] = rows
    return found


def known_sums(table: dict[str, str], members: dict[str, frozenset[str]]) -> Known:
    total = float(table["Total"].replace(",", ""))
    known: Known = []
    withheld: set[str] = set()
    for category, printed in table.items():
        if category == "Total":
            continue
        names = members.get(category, frozenset({category}))
        if printed == SYMBOL:
            withheld |= names
        else:
            known.append((names, float(printed.replace(",", ""))))
    if withheld:
        known.append((frozenset(withheld), total - sum(value for _, value in known)))
    return known


def small_moves(now: Known, then: Known) -> list[str]:
    linked: list[set[str]] = []
    for names, _ in (*now, *then):
        merged = set(names)
        for group in [g for g in linked if g & merged]:
            merged |= group
            linked.remove(group)
        linked.append(merged)
    found = []
    for group in linked:
        moved = sum(v for n, v in now if n <= group) - sum(v for n, v in then if n <= group)
        if 0 < abs(moved) < THRESHOLD:
            found.append(f"{sorted(group)} moved by {moved:g}")
    return found


def attack(root: Path, members: dict[str, frozenset[str]] | None = None) -> list[str]:
    papers = public_papers(root, MONTHS)
    printed = {month: table for month in MONTHS for table in breakdown_tables(papers[month].html).values()}
    shown = {month: known_sums(table, members or {}) for month, table in printed.items()}
    moves = [
        f"{a} to {b}: {move}"
        for a, b in combinations(sorted(shown), 2)
        for move in small_moves(shown[b], shown[a])
    ]
    if members:
        return moves
    return moves + [
        f"{a} given {b}: the small cell could be {narrowed}, not {alone}"
        for a, b in combinations(sorted(printed), 2)
        for a, b in ((a, b), (b, a))
        for alone, narrowed in [small_values(printed[a], printed[b], later=b > a)]
        if alone != narrowed
    ]


def compositions(total: int, parts: int) -> Iterator[tuple[int, ...]]:
    """Every way of writing `total` as `parts` whole numbers of at least 1."""
    if parts == 1:
        if total >= 1:
            yield (total,)
        return
    for first in range(1, total - parts + 2):
        for rest in compositions(total - first, parts - 1):
            yield (first, *rest)


def small_values(table: dict[str, str], other: dict[str, str], later: bool) -> tuple[set[int], set[int]]:
    """The small values a withheld cell of `table` could hold: from its own page, and given
    `other`, a table of the same year printed `later` or earlier."""
    hidden = [c for c, v in table.items() if v == SYMBOL]
    rest = number(table["Total"]) - sum(number(v) for c, v in table.items() if c != "Total" and v != SYMBOL)
    other_hidden = [c for c, v in other.items() if v == SYMBOL]
    other_rest = number(other["Total"]) - sum(
        number(v) for c, v in other.items() if c != "Total" and v != SYMBOL
    )
    alone: set[int] = set()
    narrowed: set[int] = set()
    if not hidden or len(hidden) > 4:
        return alone, narrowed
    for values in compositions(int(rest), len(hidden)):
        small = {v for v in values if v < THRESHOLD}
        if not small:
            continue
        alone |= small
        cells = dict(zip(hidden, values, strict=True))
        if all(fits(cells.get(c), other[c], later) for c in other if c != "Total" and other[c] != SYMBOL):
            # The other table's withheld cells: each bounded by this one's, adding up to their rest.
            bounds = [cells[c] if c in cells else number(table.get(c, "0")) for c in other_hidden]
            least = sum(b if later else 1 for b in bounds)
            most = float("inf") if later else sum(bounds)
            if least <= other_rest <= most:
                narrowed |= small
    return alone, narrowed


def number(text: str) -> float:
    return float(text.replace(",", ""))


def fits(value: int | None, printed: str, later: bool) -> bool:
    """A withheld value against the same category printed in a later (no smaller) or an earlier
    (no larger) table."""
    if value is None:
        return True
    return value <= number(printed) if later else value >= number(printed)


def team_project(root: Path, teams: dict[str, list[int]], **fields: object) -> Path:
    """Referrals year to date from April, rated red every month so each paper shows its table."""
    totals = [sum(counts[i] for counts in teams.values()) for i in range(len(MONTHS))]
    return make_project(
        root,
        definitions=[
            definition(
                "referrals",
                1,
                cumulative={"year": "financial_year"},
                rag={"kind": "thresholds", "green": 1, "red": 2},
                **fields,
            )
        ],
        values=monthly("referrals", FIRST, totals),
        breakdowns=[
            ["referrals", month, "Team", team, counts[i]]
            for i, month in enumerate(MONTHS)
            for team, counts in teams.items()
        ],
        config={
            **CONFIG,
            "meetings": [{"period": p, "date": f"{p}-28", "reference": f"R{p}"} for p in MONTHS],
        },
    )


def test_withheld_cells_together_never_move_by_a_small_number(tmp_path: Path) -> None:
    """East is small all year and West withheld beside it: from July the two together gained 2,
    2 and 1 referrals a month, each a small count a reader could read off two papers."""
    teams = {
        "North": [20, 24, 30, 35, 41, 46],
        "South": [22, 27, 33, 38, 44, 50],
        "East": [2, 3, 3, 4, 4, 4],
        "West": [6, 7, 9, 10, 12, 13],
    }
    root = team_project(tmp_path / "p", teams)
    assert sum(1 for m in MONTHS if breakdown_tables(public_papers(root, [m])[m].html)) >= 3
    assert attack(root) == []


def test_a_later_table_never_pins_a_small_cell(tmp_path: Path) -> None:
    """April withholds East (4) and West (9) together; in May both are 9. Shown in May, they
    would tell a reader that April's pair was 4 and 9 or 9 and 4: the small one was 4."""
    teams = {"North": [30, 36], "South": [31, 37], "East": [4, 9], "West": [9, 9]}
    teams = {
        team: counts + [counts[-1] + 6 * n for n in range(1, len(MONTHS) - 1)]
        for team, counts in teams.items()
    }
    assert attack(team_project(tmp_path / "p", teams)) == []


def test_a_combined_row_never_moves_by_a_small_number(tmp_path: Path) -> None:
    """Early Help and Edge of Care combine into 'Targeted teams' while Edge of Care is small; when
    it grows, both are shown, and the pair gained 2 since the combined row was printed."""
    teams = {
        "North": [20, 26, 31, 37, 43, 49],
        "South": [22, 28, 35, 41, 47, 53],
        "Early Help": [10, 11, 12, 12, 13, 13],
        "Edge of Care": [3, 3, 4, 5, 5, 6],
    }
    combine = [{"into": "Targeted teams", "categories": ["Early Help", "Edge of Care"]}]
    root = team_project(tmp_path / "p", teams, breakdowns=[{"dimension": "Team", "combine": combine}])
    assert attack(root, {"Targeted teams": frozenset({"Early Help", "Edge of Care"})}) == []


def year_to_date(start: int, gains: list[int], cap: int | None = None) -> list[int]:
    counts, total = [], start
    for gain in gains:
        total = total + gain if cap is None else min(cap, total + gain)
        counts.append(total)
    return counts


def gains(low: int, high: int) -> st.SearchStrategy[list[int]]:
    return st.lists(st.integers(low, high), min_size=len(MONTHS), max_size=len(MONTHS))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    small=st.tuples(st.integers(1, 4), st.one_of(gains(0, 1), gains(0, 8))),
    partner=st.tuples(st.integers(5, 14), st.one_of(gains(0, 4), gains(0, 1))),
    large=st.lists(st.tuples(st.integers(15, 40), gains(0, 9)), min_size=2, max_size=3),
)
def test_no_set_of_categories_moves_by_a_small_number_in_a_generated_year(
    small: tuple[int, list[int]], partner: tuple[int, list[int]], large: list[tuple[int, list[int]]]
) -> None:
    """A small team (small for a month or more), a team that grows slowly beside it (withheld to protect
    it, or shown), and larger teams that grow at any pace."""
    teams = {"Small team": year_to_date(*small), "Partner team": year_to_date(*partner)}
    teams |= {f"Team {n}": year_to_date(*team) for n, team in enumerate(large, start=1)}
    with tempfile.TemporaryDirectory() as folder:
        assert attack(team_project(Path(folder) / "p", teams)) == []


def test_withheld_teams_swapped_for_the_year_print_the_same_papers(tmp_path: Path) -> None:
    """East (small in April) and West withheld beside it, their whole year's counts swapped: a
    reader who could tell the two projects apart would know which team was the small one."""
    teams = {
        "North": [20, 24, 30, 35, 41, 46],
        "South": [22, 27, 33, 38, 44, 50],
        "East": [4, 9, 9, 12, 15, 20],
        "West": [9, 9, 14, 16, 20, 22],
    }
    swapped = {**teams, "East": teams["West"], "West": teams["East"]}
    first, second = (
        public_papers(team_project(tmp_path / name, counts), MONTHS)
        for name, counts in (("a", teams), ("b", swapped))
    )
    assert sum(1 for m in MONTHS if breakdown_tables(first[m].html)) >= 4
    for month in MONTHS:
        assert (first[month].html, first[month].csv, first[month].summary_text) == (
            second[month].html,
            second[month].csv,
            second[month].summary_text,
        ), month


def test_only_the_tables_part_1_showed_are_worked_out_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """April's total, 3, is small, so its headline and table are withheld: a reader never saw
    that table, so the later ones are not checked against it (and it is not worked out)."""
    project = load_project(
        team_project(tmp_path / "p", {"North": [2, 7, 11, 15, 19, 23], "South": [1, 6, 10, 14, 18, 22]})
    )
    report = compute_report(project, parse_month(LAST))
    worked_out: list[str] = []

    def recorded(
        dimension: str, period: Period, rows: list[tuple[str, float]], headline: float | None
    ) -> BreakdownTable:
        worked_out.append(month_text(period.end))
        return breakdown_table(dimension, period, rows, headline)

    monkeypatch.setattr(breakdowns, "breakdown_table", recorded)
    public, _ = disclose(report, project)
    shown = [month_text(f.period.end) for f in public.indicators[0].headline.history if not f.value.withheld]
    assert FIRST not in shown and LAST in shown
    assert worked_out == [month for month in MONTHS if month in shown]
    assert public.indicators[0].breakdowns, "September's table is shown"
