"""`kpicli import dfe`: DfE's long CSVs into benchmarks.csv, from the real files (trimmed copies
in tests/data/dfe) and from files of the wrong shape."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from conftest import CONFIG, definition, make_project
from kpicli.cli import app

DATA = Path(__file__).parent / "data" / "dfe"
RUNNER = CliRunner()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(
        tmp_path / "project",
        definitions=[
            definition(
                "re-referrals",
                1,
                unit="percent",
                decimals=1,
                frequency="financial_year",
                comparators=["England", "North West"],
            ),
            definition(
                "caseload",
                2,
                unit="number",
                decimals=1,
                frequency="annual",
                year_end=9,
                measure="snapshot",
                comparators=["England"],
            ),
            definition(
                "exclusions",
                3,
                unit="rate",
                rate_per=100,
                decimals=2,
                frequency="academic_year",
                comparators=["England"],
            ),
        ],
        values=[
            ["re-referrals", "2024-03", 20.0],
            ["caseload", "2023-09", 15.0],
            ["exclusions", "2023-08", 0.1],
        ],
        benchmarks=[["exclusions", "2023-08", "England", 0.12]],
    )


def run(project: Path, *args: str) -> tuple[int, str]:
    result = RUNNER.invoke(app, ["import", "dfe", *args, "--project", str(project)])
    return result.exit_code, result.output


def rows(project: Path, name: str = "benchmarks.csv") -> list[dict[str, str]]:
    with (project / "sample_data" / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_an_explore_education_statistics_file_gives_every_area(project: Path) -> None:
    code, output = run(
        project, str(DATA / "ees_cin_referrals.csv"), "-i", "re-referrals", "-m", "rereferral_percent"
    )
    assert code == 0, output
    assert "local authorities, 11 regions and England, 2021/22 to 2023/24" in output
    written = [r for r in rows(project) if r["indicator"] == "re-referrals"]
    england = {r["period"]: r["value"] for r in written if r["area"] == "England"}
    assert england == {"2022-03": "21.5", "2023-03": "22.4", "2024-03": "22.4"}
    bolton = next(r for r in written if r["la_code"] == "350" and r["period"] == "2024-03")
    assert (bolton["area"], bolton["area_code"], bolton["region"]) == ("Bolton", "E08000001", "North West")
    # The exclusions rows typed before are kept as they were.
    assert [r["value"] for r in rows(project) if r["indicator"] == "exclusions"] == ["0.12"]
    validated = RUNNER.invoke(app, ["validate", "--project", str(project)])
    assert validated.exit_code == 0, validated.output


def test_a_lait_file_gives_the_measure_and_an_annual_snapshot_month(project: Path) -> None:
    code, output = run(
        project, str(DATA / "lait_kpis.csv"), "-i", "caseload", "-m", "Work_Force_AvgNumCase_SW"
    )
    assert code == 0, output
    periods = {r["period"] for r in rows(project) if r["indicator"] == "caseload"}
    assert periods == {"2020-09", "2021-09", "2022-09", "2023-09"}
    # LAIT's "London (Inner)" is the area kpicli knows as Inner London.
    assert any(r["area"] == "Inner London" for r in rows(project) if r["indicator"] == "caseload")


def test_importing_again_replaces_the_indicators_rows_and_nothing_else(project: Path) -> None:
    args = (str(DATA / "lait_kpis.csv"), "-i", "exclusions", "-m", "SecPermEx")
    assert run(project, *args)[0] == 0
    first = (project / "sample_data" / "benchmarks.csv").read_text(encoding="utf-8")
    assert run(project, *args)[0] == 0
    assert (project / "sample_data" / "benchmarks.csv").read_text(encoding="utf-8") == first
    assert not any(r["value"] == "0.12" for r in rows(project)), "the typed England row was replaced"


def test_the_authoritys_own_figures_go_into_values_csv(project: Path) -> None:
    code, output = run(
        project,
        str(DATA / "ees_cin_referrals.csv"),
        *("-i", "re-referrals", "-m", "rereferral_percent", "--authority", "E08000001"),
        *("--numerator", "rereferral_count", "--denominator", "referral_count"),
    )
    assert code == 0, output
    assert "Wrote 3 figures for Bolton" in output
    ours = [r for r in rows(project, "values.csv") if r["indicator"] == "re-referrals"]
    assert [r["period"] for r in ours] == ["2022-03", "2023-03", "2024-03"]
    assert all(r["numerator"] and r["denominator"] for r in ours)
    assert "published_elsewhere" not in output  # with their counts, Part 1 checks them itself


def test_own_percentages_without_counts_come_with_the_yaml_that_lets_part_1_show_them(
    project: Path,
) -> None:
    config = yaml.safe_load((project / "kpicli.yaml").read_text(encoding="utf-8"))
    config["benchmarking"] = {"area": "Bolton"}
    (project / "kpicli.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    source = str(DATA / "ees_cin_referrals.csv")
    code, output = run(
        project, source, *("-i", "re-referrals", "-m", "rereferral_percent", "--authority", "Bolton")
    )
    assert code == 0, output
    assert "put this in indicator_defs/re-referrals.yaml" in output
    snippet = output.rstrip().split("\n\n")[-1]
    assert snippet == (
        "disclosure:\n  published_elsewhere:\n    source: Department for Education, ees_cin_referrals.csv\n"
        "    periods:\n    - 2022-03\n    - 2023-03\n    - 2024-03"
    )
    # The build's warning gives the same block on one line, found from benchmarks.csv.
    validate = ["validate", "--period", "2024-03", "--project", str(project)]
    before = RUNNER.invoke(app, validate).output
    assert (
        "so put in the definition {disclosure: {published_elsewhere: {source: Department for Education, "
        "periods: [2022-03, 2023-03, 2024-03]}}}" in before
    ), before
    file = project / "indicator_defs" / "re-referrals.yaml"
    definition = yaml.safe_load(file.read_text(encoding="utf-8"))
    file.write_text(yaml.safe_dump({**definition, **yaml.safe_load(snippet)}), encoding="utf-8")
    after = RUNNER.invoke(app, validate)
    assert after.exit_code == 0 and "'re-referrals' is given without" not in after.output, after.output


@pytest.mark.parametrize(
    ("text", "args", "expected"),
    [
        (
            "new_la_code,old_la_code,la_name\nE09000001,201,City of London\n",
            ("-m", "x"),
            "other.csv:1: header: is not DfE's long CSV shape",
        ),
        (
            "time_period,time_identifier,geographic_level,la_name,rate\n2019,Calendar year,National,,5\n",
            ("-m", "rat"),
            "other.csv:1: --measure: 'rat' is not a column of the file (did you mean 'rate'?)",
        ),
        (
            "time_period,time_identifier,geographic_level,la_name,rate\n"
            "2019,Calendar year,National,,5\n2020,Calendar year,National,,6\n",
            ("-m", "rate"),
            "other.csv:2: time_period: period 2019-12 does not end a financial year",
        ),
        (
            "time_period,time_identifier,geographic_level,la_name,rate\n201819,Spring term,National,,5\n",
            ("-m", "rate"),
            "other.csv:2: time_period: time_identifier 'Spring term' is not one kpicli reads",
        ),
        (
            "time_period,time_identifier,geographic_level,la_name,rate\n2019,Reporting year,National,,five\n",
            ("-m", "rate"),
            "other.csv:2: rate: 'five' is not a number or a DfE symbol",
        ),
        (
            "time_period,time_identifier,geographic_level,la_name,old_la_code,rate\n"
            "2019,Reporting year,Local authority,Atlantis,999,5\n",
            ("-m", "rate"),
            "other.csv:2: area: '999 / Atlantis' is not an English area kpicli knows",
        ),
        (
            "time_period,time_identifier,geographic_level,la_name,rate,sex\n"
            "2019,Reporting year,National,,5,Boys\n2019,Reporting year,National,,6,Girls\n",
            ("-m", "rate"),
            "other.csv:3: England has a second row for 2018/19 financial year (the first is line 2) "
            "(choose one breakdown with --where COLUMN=VALUE",
        ),
        (
            "measure_code,year,geographic_level,area_name,value\nLAC,2019,National,England,65\n",
            ("-m", "CareLeaverAcc"),
            "other.csv: --measure: no rows have measure_code 'CareLeaverAcc'",
        ),
        (
            "time_period,time_identifier,geographic_level,la_name,rate\n2019,Reporting year,National,,5\n",
            ("-m", "rate", "--authority", "Bromly"),
            "other.csv: --authority: 'Bromly' is not an area kpicli knows (did you mean 'Bromley'?)",
        ),
    ],
)
def test_a_file_of_another_shape_is_a_clear_error_and_nothing_is_written(
    project: Path, tmp_path: Path, text: str, args: tuple[str, ...], expected: str
) -> None:
    path = tmp_path / "other.csv"
    path.write_text(text, encoding="utf-8")
    before = (project / "sample_data" / "benchmarks.csv").read_text(encoding="utf-8")
    code, output = run(project, str(path), "-i", "re-referrals", *args)
    assert code == 1
    assert expected in output.replace(str(tmp_path) + "/", ""), output
    assert "Traceback" not in output
    assert (project / "sample_data" / "benchmarks.csv").read_text(encoding="utf-8") == before


def test_a_floats_rounding_noise_is_not_written(project: Path, tmp_path: Path) -> None:
    path = tmp_path / "lait.csv"
    path.write_text(
        "time_period,time_identifier,geographic_level,la_name,rate\n2019,Reporting year,National,,17.400000000000002\n",
        encoding="utf-8",
    )
    assert run(project, str(path), "-i", "re-referrals", "-m", "rate")[0] == 0
    assert [r["value"] for r in rows(project) if r["indicator"] == "re-referrals"] == ["17.4"]


def test_a_breakdown_is_chosen_with_where(project: Path, tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text(
        "time_period,time_identifier,geographic_level,la_name,rate,sex\n"
        "2019,Reporting year,National,,5,Boys\n2019,Reporting year,National,,6,Girls\n",
        encoding="utf-8",
    )
    code, output = run(project, str(path), "-i", "re-referrals", "-m", "rate", "--where", "sex=Girls")
    assert code == 0, output
    assert [r["value"] for r in rows(project) if r["indicator"] == "re-referrals"] == ["6"]


def test_an_unknown_indicator_and_many_bad_rows_give_one_error_each(project: Path) -> None:
    code, output = run(project, str(DATA / "lait_kpis.csv"), "-i", "re-referals", "-m", "LAC")
    assert code == 1 and "did you mean 're-referrals'?" in output
    code, output = run(project, str(DATA / "lait_kpis.csv"), "-i", "exclusions", "-m", "LAC")
    assert code == 1
    assert output.count("error:") == 1 and "more rows like it" in output, output


def project_for_march_2024(root: Path) -> Path:
    """Re-referrals compared with England, for the paper as at March 2024 (meeting 18 June 2024)."""
    config = {**CONFIG, "meetings": [{"period": "2024-03", "date": "2024-06-18", "reference": "CYP24001"}]}
    return make_project(
        root,
        definitions=[
            definition(
                "re-referrals",
                1,
                unit="percent",
                decimals=1,
                frequency="financial_year",
                comparators=["England"],
            )
        ],
        values=[["re-referrals", period, 20.0] for period in ("2022-03", "2023-03", "2024-03")],
        config=config,
    )


def test_published_dates_only_the_files_latest_year_and_keeps_earlier_releases_dates(
    tmp_path: Path,
) -> None:
    project = project_for_march_2024(tmp_path / "project")
    full = (DATA / "ees_cin_referrals.csv").read_text(encoding="utf-8")
    last_year = tmp_path / "release_2023.csv"
    last_year.write_text("".join(line for line in full.splitlines(True) if not line.startswith("2024,")))
    measure = ("-i", "re-referrals", "-m", "rereferral_percent", "--published")
    assert run(project, str(last_year), *measure, "2023-10-26")[0] == 0
    code, output = run(project, str(DATA / "ees_cin_referrals.csv"), *measure, "2024-10-31")
    assert code == 0, output
    assert output.splitlines()[-1] == (
        "Dated the 2023/24 figures as published 2024-10-31; earlier years keep the date benchmarks.csv gave "
        "them, or none (published before any paper uses them)."
    )
    england = {r["period"]: r["published"] for r in rows(project) if r["area"] == "England"}
    assert england == {"2022-03": "", "2023-03": "2023-10-26", "2024-03": "2024-10-31"}
    # The paper for March 2024 (meeting 18 June 2024) compares with England's 2022/23 figure.
    validated = RUNNER.invoke(app, ["validate", "-p", str(project), "--period", "2024-03"])
    assert validated.exit_code == 0 and "comparators" not in validated.output, validated.output


def test_a_comparator_dated_after_the_meeting_is_warned_about_as_such(tmp_path: Path) -> None:
    project = project_for_march_2024(tmp_path / "project")
    (project / "sample_data" / "benchmarks.csv").write_text(
        "indicator,period,area,value,published\n"
        "re-referrals,2023-03,England,22.4,2024-10-31\nre-referrals,2024-03,England,22.4,2024-10-31\n",
        encoding="utf-8",
    )
    validated = RUNNER.invoke(app, ["validate", "-p", str(project), "--period", "2024-03"])
    assert validated.exit_code == 0, validated.output
    assert (
        "warning: indicator_defs/re-referrals.yaml:12: comparators: has no figure for England published "
        "by the meeting on 18 June 2024: every England figure in benchmarks.csv for a period up to the "
        "report's is dated 2024-10-31 or later (give each year the date it was published, or leave 'published' "
        "empty for a year published before the meeting (kpicli import dfe --published dates only the "
        "file's latest year))"
    ) in validated.output.splitlines()
