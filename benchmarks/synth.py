"""Synthetic papers projects of N indicators by M months, grown from the sample project.

Every synthetic indicator is a copy of one of the sample's monthly indicators (so its
definition is valid and its figures are realistic), renamed and renumbered, with that
indicator's monthly rows repeated to fill M months ending at the report period. Benchmarks are
copied with the new id, and so is the template's officer narrative (a build refuses an amber or
red indicator with no action of its own or carried forward); breakdowns are left out.
"""

from __future__ import annotations

import csv
import shutil
from collections import defaultdict
from pathlib import Path

import yaml

from kpicli.periods import month_text, parse_month

PROJECT_FILES = ("kpicli.yaml", "actions.yaml", "papers.yaml")
EXTRACTS = ("values.csv", "benchmarks.csv")


def sample_root() -> Path:
    from kpicli.commands.scaffold import sample_project_folder

    return sample_project_folder()


def monthly_templates(source: Path) -> list[dict[str, object]]:
    templates = []
    for path in sorted((source / "indicator_defs").glob("*.yaml")):
        definition = yaml.safe_load(path.read_text(encoding="utf-8"))
        if definition.get("frequency") == "month":
            definition.pop("$schema", None)
            templates.append(definition)
    return templates


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def rows_by_period(rows: list[dict[str, str]]) -> dict[str, list[list[dict[str, str]]]]:
    """For each indicator, its rows grouped by period in time order."""
    grouped: dict[str, dict[str, list[dict[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        grouped[row["indicator"]][row["period"]].append(row)
    return {ident: [periods[p] for p in sorted(periods)] for ident, periods in grouped.items()}


def write_csv(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def generate_project(target: Path, indicators: int, months: int, period: str) -> Path:
    """Write a project of `indicators` monthly indicators with `months` months ending at
    `period` into `target` (replaced if present); return `target`."""
    source = sample_root()
    shutil.rmtree(target, ignore_errors=True)
    (target / "indicator_defs").mkdir(parents=True)
    (target / "data").mkdir()
    for name in PROJECT_FILES:
        if (source / name).is_file():
            shutil.copyfile(source / name, target / name)
    config = yaml.safe_load((source / "kpicli.yaml").read_text(encoding="utf-8"))
    config.pop("$schema", None)
    config["data_folder"] = "data"
    (target / "kpicli.yaml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")

    data = source / str(yaml.safe_load((source / "kpicli.yaml").read_text())["data_folder"])
    value_columns, values = read_rows(data / "values.csv")
    bench_columns, benchmarks = read_rows(data / "benchmarks.csv")
    history = rows_by_period(values)
    bench_rows = defaultdict(list)
    for row in benchmarks:
        bench_rows[row["indicator"]].append(row)

    templates = [t for t in monthly_templates(source) if history.get(str(t["id"]))]
    end = parse_month(period)
    new_values: list[dict[str, str]] = []
    new_benchmarks: list[dict[str, str]] = []
    for index in range(indicators):
        template = templates[index % len(templates)]
        ident = f"{template['id']}-{index + 1:04d}"
        definition = dict(template, id=ident, number=index + 1)
        path = target / "indicator_defs" / f"{ident}.yaml"
        path.write_text(yaml.safe_dump(definition, sort_keys=False), encoding="utf-8")
        groups = history[str(template["id"])]
        for step in range(months):
            # The latest month gets the template's latest figures, and so on back in time.
            group = groups[-1 - (step % len(groups))]
            month = month_text(end - step)
            new_values += [dict(row, indicator=ident, period=month) for row in group]
        new_benchmarks += [dict(row, indicator=ident) for row in bench_rows[str(template["id"])]]
        for narrative in (source / "narrative").glob(f"*/{template['id']}.md"):
            folder = target / "narrative" / narrative.parent.name
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(narrative, folder / f"{ident}.md")
    new_values.sort(key=lambda row: (row["indicator"], row["period"]))
    write_csv(target / "data" / "values.csv", value_columns, new_values)
    write_csv(target / "data" / "benchmarks.csv", bench_columns, new_benchmarks)
    return target
