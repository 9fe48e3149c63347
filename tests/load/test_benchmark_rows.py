"""benchmarks.csv beyond the comparators: every authority, codes, symbols, flags, publication
dates; and kpicli.yaml's own area, region and statistical neighbours."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import CONFIG, definition, make_project, write_csv
from kpicli.errors import InputError
from kpicli.load import load_project
from kpicli.models.areas import Symbol

HEADER = ["indicator", "period", "area", "value", "area_code", "la_code", "region", "published"]


def project(tmp_path: Path, rows: list[list[object]], config: dict[str, Any] | None = None) -> Path:
    root = make_project(
        tmp_path / "project",
        definitions=[
            definition(
                "exclusions",
                1,
                unit="rate",
                rate_per=100,
                decimals=2,
                frequency="academic_year",
                comparators=["England", "London", "Statistical neighbours"],
            )
        ],
        values=[["exclusions", "2019-08", 0.2]],
        config=config,
    )
    padded = [row + [""] * (len(HEADER) - len(row)) for row in rows]
    write_csv(root / "sample_data" / "benchmarks.csv", HEADER, padded)
    return root


def test_an_authority_is_known_by_its_name_its_ons_code_its_dfe_code_or_an_la_code(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        [
            ["exclusions", "2019-08", "Bromley", 0.1],
            ["exclusions", "2019-08", "E09000029", 0.2],  # Sutton
            ["exclusions", "2019-08", "358", 0.3],  # Trafford
            ["exclusions", "2019-08", "Somewhere New", 0.4, "", "999", "North West"],
            ["exclusions", "2019-08", "London (Inner)", 0.25, "E13000001"],
            ["exclusions", "2019-08", "England", "0.21 [p]", "", "", "", "2019-07-25"],
        ],
    )
    data = load_project(root).data
    names = {(row.name, row.code, row.region) for row in data.authorities["exclusions"]}
    assert names == {
        ("Bromley", "305", "London"),
        ("Sutton", "319", "London"),
        ("Trafford", "358", "North West"),
        ("Somewhere New", "999", "North West"),
    }
    england = next(b for b in data.benchmarks["exclusions"] if b.area == "England")
    assert england.flags == (Symbol.PROVISIONAL,) and str(england.published) == "2019-07-25"
    assert any(b.area == "Inner London" for b in data.benchmarks["exclusions"])


@pytest.mark.parametrize("symbol", ["x", "[x]", "-", "c", "[z]", "low", "u"])
def test_a_comparator_the_source_did_not_publish_is_recorded_not_an_error(
    tmp_path: Path, symbol: str
) -> None:
    data = load_project(project(tmp_path, [["exclusions", "2019-08", "London", symbol]])).data
    (missing,) = data.unpublished["exclusions"]
    assert missing.area == "London" and missing.symbol.shown in ("[x]", "[c]", "[z]", "[u]")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            ["exclusions", "2019-08", "Bromly", 0.1],
            "'Bromly' is not a comparator of exclusions, nor an English",
        ),
        (["exclusions", "2019-08", "North West", 0.1], "'North West' is not a comparator of exclusions"),
        (["exclusions", "2019-08", "England", 0.1, "", "", "", "25/07/2019"], "'25/07/2019' is not a date"),
        (["exclusions", "2019-08", "England", "n/a"], "'n/a' is not a number"),
    ],
)
def test_a_bad_row_names_its_line_and_column(tmp_path: Path, row: list[object], message: str) -> None:
    with pytest.raises(InputError) as caught:
        load_project(project(tmp_path, [row]))
    assert any(message in str(p) and ":2:" in str(p) for p in caught.value.problems), caught.value.problems


def test_kpicli_yaml_names_the_area_and_neighbours_any_way_dfe_does(tmp_path: Path) -> None:
    config = {
        **CONFIG,
        "benchmarking": {
            "area": "E09000006",
            "statistical_neighbours": ["Trafford", "919", "Bedford Borough"],
        },
    }
    areas = load_project(project(tmp_path, [], config)).areas
    assert areas is not None and areas.area is not None and areas.area.name == "Bromley"
    assert areas.region == "London"
    assert [a.name for a in areas.neighbours] == ["Trafford", "Hertfordshire", "Bedford"]


def test_an_unknown_neighbour_or_region_is_an_error_at_its_line(tmp_path: Path) -> None:
    config = {
        **CONFIG,
        "benchmarking": {"region": "Londn", "statistical_neighbours": ["Trafford", "Trafferd"]},
    }
    root = project(tmp_path, [], config)
    text = yaml.safe_dump(config, sort_keys=False)
    (root / "kpicli.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_project(root)
    shown = [str(p) for p in caught.value.problems]
    lines = text.splitlines()
    neighbour_line = next(i for i, line in enumerate(lines, 1) if "Trafferd" in line)
    assert (
        f"kpicli.yaml:{neighbour_line}: benchmarking.statistical_neighbours.1: 'Trafferd' is not an area kpicli knows (did you mean 'Trafford'?)"
        in shown
    )
    assert any("'Londn' is not an English region" in line for line in shown)
