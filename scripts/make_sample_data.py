"""Generate the kpicli sample project: the fictional London Borough of Kingsbridge.

    python scripts/make_sample_data.py [OUT]

writes into OUT (by default the repository root) kpicli.yaml, actions.yaml, papers.yaml,
examples/next-cycle/actions.yaml, indicator_defs/<id>.yaml and sample_data/ (values.csv,
benchmarks.csv, breakdowns.csv and SOURCES.md).

What it writes is data in scripts/sample/ (indicators.yaml: each definition, how its local
figures are drawn and where its benchmarks come from; series.yaml, benchmarks.yaml,
breakdowns.yaml, project.yaml and SOURCES.template.md); this script draws the figures and writes
the files. The officers' narrative (narrative/<period>/<id>.md) is kept by hand. The test
tests/test_sample_generator.py checks that the committed files are what this script writes.

Local figures are invented (deterministic: fixed seeds, standard library random) but follow the
shape of a real outer London borough (Bromley, old LA code 305). Benchmarks are the real
published DfE figures in ../shared/real_data wherever they cover an indicator; the rest are
illustrative and SOURCES.md says so. The committee minutes the project grew from fix several
figures exactly (the `pins` in the data and the acceptance notes in SOURCES.md).
"""

from __future__ import annotations

import csv
import functools
import itertools
import os
import random
import string
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from kpicli.periods import (
    Frequency,
    latest_on_or_before,
    month_label,
    month_number,
    month_text,
    month_year,
    parse_month,
    year_start_month,
)

REPO = Path(__file__).resolve().parent.parent
REAL = Path(os.environ.get("KPICLI_REAL_DATA", REPO.parent / "shared" / "real_data"))
DATA = Path(__file__).resolve().parent / "sample"

Spec = dict[str, Any]  # a mapping read from the data files
Row = dict[str, Any]  # a row of one of the CSV extracts
Benchmark = tuple[str, str, float | str, str]  # period, area, value, DfE code (authorities only)
Figure = Callable[[str], float | None]  # an area's published figure for a measure and period


def load(name: str) -> Any:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


INDICATORS: list[Spec] = load("indicators.yaml")
SERIES: Spec = load("series.yaml")
BENCHMARKS: Spec = load("benchmarks.yaml")
BREAKDOWNS: list[Spec] = load("breakdowns.yaml")
PROJECT: Spec = load("project.yaml")

SEED = SERIES["seed"]
LONDON, ENGLAND, OUTER = "London", "England", "Outer London"
AREA_ORDER = {LONDON: 0, OUTER: 1, ENGLAND: 2, "Statistical neighbours": 3}
# What the generator reads from an indicator's entry; everything else is its definition.
GENERATOR_KEYS = ("series", "benchmarks", "benchmark_note", "comments")
ACTION_KEYS = ("number", "raised", "text", "owner", "due", "status", "completed", "update")
VALUE_COLUMNS = ["indicator", "period", "value", "numerator", "denominator", "variant", "note"]
BENCHMARK_COLUMNS = ["indicator", "period", "area", "value", "la_code"]
BREAKDOWN_COLUMNS = ["indicator", "period", "dimension", "category", "value"]


# Periods: YYYY-MM is the month the measurement period ends (kpicli.periods).


def periods_for(frequency: str, first: str | None = None, last: str | None = None) -> list[str]:
    """The periods of a frequency ending from `first` to `last` (by default the sample's range)."""
    default_first, default_last = SERIES["ranges"].get(frequency, SERIES["ranges"]["default"])
    start = parse_month(first or default_first)
    period = latest_on_or_before(parse_month(last or default_last), Frequency(frequency))
    codes = []
    while period.end >= start:
        codes.append(period.code)
        period = period.previous()
    return codes[::-1]


def level_at(anchors: dict[str, float], period: str) -> float:
    """Linear interpolation between anchor periods; flat beyond the ends."""
    points = sorted((parse_month(p), v) for p, v in anchors.items())
    x = parse_month(period)
    if x <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return points[-1][1]


def season_factor(spec: Spec, period: str) -> float:
    season: dict[int, float] = spec.get("season") or {}
    return season.get(month_number(parse_month(period)), 1.0)


def split_exactly(total: int, weights: list[float]) -> list[int]:
    """Split a whole number in proportion to weights so that the parts sum exactly (largest remainder)."""
    scale = sum(weights)
    raw = [total * w / scale for w in weights]
    parts = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (raw[i] - parts[i], -i), reverse=True)
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


# Series: each indicator's `series` names a kind below and gives its parameters. Every kind
# draws from the indicator's own seeded generator, in period order; the order of the draws is
# what makes the committed figures, so a change here changes the sample.


def row(period: str, value: Any = None, numerator: Any = None, denominator: Any = None, **extra: str) -> Row:
    assert set(extra) <= {"variant", "note"}, extra
    labels = (extra.get("variant", ""), extra.get("note", ""))
    return dict(zip(VALUE_COLUMNS[1:], (period, value, numerator, denominator, *labels), strict=True))


def spec_periods(spec: Spec, frequency: str) -> list[str]:
    return periods_for(frequency, spec.get("first"), spec.get("last"))


def pinned(rows: list[Row], spec: Spec) -> list[Row]:
    """Overwrite drawn rows with figures fixed by the minutes: a value or [numerator, denominator]."""
    for r in rows:
        pin = spec.get("pins", {}).get(r["period"])
        if isinstance(pin, list):
            r["value"], r["numerator"], r["denominator"] = None, pin[0], pin[1]
        elif pin is not None:
            r["value"] = pin
    return rows


def counts(spec: Spec, rng: random.Random, frequency: str) -> list[Row]:
    """Whole numbers around a trend."""
    rows = []
    for p in spec_periods(spec, frequency):
        level = level_at(spec["anchors"], p) * season_factor(spec, p)
        rows.append(row(p, max(spec.get("minimum", 0), round(rng.gauss(level, spec["sd"])))))
    return pinned(rows, spec)


def small_counts(spec: Spec, rng: random.Random, frequency: str) -> list[Row]:
    """Small counts drawn from a list of equally likely values."""
    return pinned([row(p, rng.choice(spec["choices"])) for p in spec_periods(spec, frequency)], spec)


def measures(spec: Spec, rng: random.Random, frequency: str) -> list[Row]:
    """Figures that are not counts (averages, percentages without counts, money)."""
    rows = []
    for p in spec_periods(spec, frequency):
        level = level_at(spec["anchors"], p) * season_factor(spec, p)
        value = round(rng.gauss(level, spec["sd"]), spec["decimals"])
        rows.append(row(p, int(value) if spec["decimals"] <= 0 else value))
    return pinned(rows, spec)


def percentages(spec: Spec, rng: random.Random, frequency: str) -> list[Row]:
    """Numerator and denominator; the loader derives the percentage."""
    rows = []
    for p in spec_periods(spec, frequency):
        den = max(1, round(rng.gauss(level_at(spec["den_anchors"], p), spec["den_sd"])))
        pct = rng.gauss(level_at(spec["pct_anchors"], p) * season_factor(spec, p), spec["pct_sd"])
        rows.append(row(p, None, min(den, max(0, round(den * pct / 100))), den))
    return pinned(rows, spec)


def exclusions(spec: Spec, _rng: random.Random, frequency: str) -> list[Row]:
    """Counts fixed by the minutes over the school roll; the latest year is provisional."""
    roll, periods = SERIES["tables"][spec["roll"]], periods_for(frequency)
    notes = {periods[-1]: spec["note_latest"]}
    return [row(p, spec["counts"][p], None, roll[p], note=notes.get(p, "")) for p in periods]


@functools.cache
def shared_rows(name: str) -> tuple[Row, ...]:
    """A series several indicators are made from (series.yaml), drawn once from its own seed."""
    spec = SERIES["series"][name]
    return tuple(KINDS[spec["kind"]](spec, random.Random(f"{SEED}-{name}"), spec["frequency"]))


def shared(spec: Spec, _rng: random.Random, frequency: str) -> list[Row]:
    periods = set(periods_for(frequency))
    return [dict(r) for r in shared_rows(spec["name"]) if r["period"] in periods]


def rate(spec: Spec, rng: random.Random, frequency: str) -> list[Row]:
    """A count (shared, or drawn here) over a population interpolated between estimates."""
    source = spec["counts"]
    drawn = shared_rows(source) if isinstance(source, str) else counts(source, rng, frequency)
    population = SERIES["tables"][spec["population"]]
    return [row(r["period"], None, r["value"], round(level_at(population, r["period"]))) for r in drawn]


def shared_percentage(spec: Spec, rng: random.Random, frequency: str) -> list[Row]:
    """A percentage of a shared count, summed over the `window` months to each period; an optional
    variant leaves some out of each denominator."""
    denominators = {r["period"]: r["value"] for r in shared_rows(spec["denominators"])}
    rows = []
    for p in spec_periods(spec, frequency):
        end = parse_month(p)
        den = sum(denominators[month_text(m)] for m in range(end - spec.get("window", 1) + 1, end + 1))
        pct = rng.gauss(level_at(spec["pct_anchors"], p), spec["pct_sd"])
        rows.append(row(p, None, round(den * pct / 100), den))
    rows = pinned(rows, spec)
    if variant := spec.get("variant"):
        rows += [
            row(r["period"], None, r["numerator"], r["denominator"] - left_out, variant=variant["id"])
            for r, left_out in zip(rows, variant["leave_out"], strict=False)
        ]
    return rows


def yearly_denominators(spec: Spec, _rng: random.Random, frequency: str) -> list[Row]:
    """Each year's total of a shared series' denominators, after rows recorded another way."""
    quarters = shared_rows(spec["shared"])
    rows = [row(**earlier) for earlier in spec["earlier"]]
    for p in spec_periods(spec, frequency):
        rows.append(row(p, sum(q["denominator"] for q in quarters if q["period"][:4] == p[:4])))
    return rows


def year_to_date(spec: Spec, rng: random.Random, _frequency: str) -> list[Row]:
    """Calendar-year-to-date counts that reset each January. Each year's total to August (and to
    December, or `then` month by month after August) is fixed; the months share it by weight."""
    first, last = (parse_month(month) for month in SERIES["ranges"]["default"])
    low, high = spec["jitter"]
    rows = []
    for year, (to_august, full_year) in spec["totals"].items():
        weights = [w * rng.uniform(low, high) for w in spec["weights"]]
        monthly = split_exactly(to_august, weights[:8])
        monthly += spec["then"] if full_year is None else split_exactly(full_year - to_august, weights[8:])
        for month, total in enumerate(itertools.accumulate(monthly)):
            if first <= year * 12 + month <= last:
                rows.append(row(month_text(year * 12 + month), total, note=spec["note"]))
    return rows


def forecast_variance(spec: Spec, rng: random.Random, frequency: str) -> list[Row]:
    """A forecast year-end variance moving through each financial year from its April level to its
    outturn in March, then the reported figures of the current year (`then`)."""
    rows = []
    for p in periods_for(frequency):
        end = parse_month(p)
        start = year_start_month(end, Frequency.FINANCIAL_YEAR)
        if month_year(start) in spec["years"]:
            april, outturn = spec["years"][month_year(start)]
            value = round(rng.gauss(april + (outturn - april) * (end - start) / 11, spec["sd"]), -3)
            is_outturn = end - start == 11
            rows.append(row(p, outturn, note=spec["note"]) if is_outturn else row(p, int(value)))
    return rows + [row(p, v) for p, v in spec["then"].items()]


Kind = Callable[[Spec, random.Random, str], list[Row]]
DRAWN = (counts, small_counts, measures, percentages, exclusions, year_to_date, forecast_variance)
FROM_SHARED = (shared, rate, shared_percentage, yearly_denominators)
KINDS: dict[str, Kind] = {kind.__name__: kind for kind in (*DRAWN, *FROM_SHARED)}


def format_number(value: Any) -> Any:
    if value is None or isinstance(value, int):
        return value
    return f"{value:.6f}".rstrip("0").rstrip(".")


def build_values() -> list[Row]:
    out = []
    for spec in INDICATORS:
        series = spec["series"]
        rows = KINDS[series["kind"]](series, random.Random(f"{SEED}-{spec['id']}"), spec["frequency"])
        rows.sort(key=lambda r: (r["variant"], parse_month(r["period"])))
        out += [{"indicator": spec["id"], **r, "value": format_number(r["value"])} for r in rows]
    return out


# Real benchmarks (DfE LAIT, OGL v3; benchmarks.yaml)


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def statistical_neighbours(la_code: str) -> list[str]:
    with open(REAL / "ref_statistical_neighbours_2021.csv", encoding="utf-8-sig", newline="") as handle:
        for fields in csv.reader(handle):
            if fields[0] == la_code:
                return fields[5:25:2]
    raise SystemExit(f"LA {la_code} not in the statistical neighbour file")


def lait_period(label: str, year_type: str) -> str:
    """The kpicli period of a LAIT year label: 2017/18 (academic) -> 2018-08, 2018 (march) -> 2018-03."""
    rule = BENCHMARKS["year_types"][year_type]
    return month_text((int(label[:4]) + rule["add"]) * 12 + rule["month"] - 1)


def area_key(r: dict[str, str]) -> str:
    """A region's or England's name, or an authority's old LA code (its DfE code)."""
    return r["old_la_code"] if r["geographic_level"] == "Local authority" else r["area_name"]


class Lait:
    """LAIT's published figures by (measure, year, area)."""

    def __init__(self) -> None:
        rows = read_csv(REAL / "lait_childrens_services_kpis.csv")
        self.values = {
            (r["measure_code"], r["year"], area_key(r)): float(r["value"])
            for r in rows
            if r["value"] not in ("-", "")
        }

    def get(self, measure: str, year: str, area: str) -> float | None:
        return self.values.get((measure, year, area))


# kpicli's own list of English authorities, by DfE code
AREAS = read_csv(REPO / "kpicli" / "reference" / "areas.csv")
AUTHORITIES = {r["code"]: r for r in AREAS if r["kind"] == "local_authority"}


def published_rows(period: str, figure: Figure, places: int, exclusions: bool = False) -> list[Benchmark]:
    """London and England, then every authority's published figure named and coded as kpicli knows
    them (from its DfE code alone kpicli knows its ONS code and region): kpicli works out the
    statistical neighbours' average and the ranks from these."""

    def regional(area: str) -> float:
        value = figure(area)
        assert value is not None, (period, area)
        return round(value, places)

    if exclusions:
        # LAIT publishes no London figure for exclusions before 2022/23, only Inner and
        # Outer London: London is recorded as not published ([x]), and Outer London is real.
        rows: list[Benchmark] = [(period, LONDON, "[x]", ""), (period, OUTER, regional("London (Outer)"), "")]
    else:
        rows = [(period, LONDON, regional(LONDON), "")]
    rows.append((period, ENGLAND, regional(ENGLAND), ""))
    figures = {code: value for code in AUTHORITIES if (value := figure(code)) is not None}
    by_name = sorted(figures.items(), key=lambda item: AUTHORITIES[item[0]]["name"])
    return rows + [(period, AUTHORITIES[code]["name"], round(value, places), code) for code, value in by_name]


def lait_benchmarks(lait: Lait, measure: str) -> list[Benchmark]:
    spec, out = BENCHMARKS["lait"][measure], []
    for year in spec["years"]:
        period, figure = lait_period(year, spec["year_type"]), functools.partial(lait.get, measure, year)
        out += published_rows(period, figure, spec["places"], spec.get("exclusions"))
    return out


def spend_per_child_benchmarks(_lait: Lait) -> list[Benchmark]:
    rows, out = read_csv(REAL / "derived_cyp_spend_per_child.csv"), []
    for fy in BENCHMARKS["derived"]["spend-per-child"]["years"]:
        published = [r for r in rows if r["fy"] == fy and r["spend_per_child_gbp"]]
        spend = {area_key(r): float(r["spend_per_child_gbp"]) for r in published}
        out += published_rows(lait_period(fy, "financial"), spend.get, 2)
    return out


def spend_per_child_looked_after_benchmarks(lait: Lait) -> list[Benchmark]:
    """s251 gross spend on children looked after divided by the children looked after at 31 March."""
    out = []
    for fy, cla_year in BENCHMARKS["derived"]["spend-per-child-looked-after"]["years"]:

        def per_child(area: str, fy: str = fy, cla_year: str = cla_year) -> float | None:
            spend, number = lait.get("TotalLACFinance", fy, area), lait.get("LACnum", cla_year, area)
            return spend / number if spend is not None and number else None

        out += published_rows(lait_period(fy, "financial"), per_child, 0)
    return out


DERIVED: dict[str, Callable[[Lait], list[Benchmark]]] = {
    "spend-per-child": spend_per_child_benchmarks,
    "spend-per-child-looked-after": spend_per_child_looked_after_benchmarks,
}


def indicator_benchmarks(spec: Spec, lait: Lait) -> list[Benchmark]:
    source = spec["benchmarks"]
    if "lait" in source:
        return lait_benchmarks(lait, source["lait"])
    if "derived" in source:
        return DERIVED[source["derived"]](lait)
    table = source["illustrative"]
    return [(p, area, value, "") for p, areas in table.items() for area, value in areas.items()]


def build_benchmarks() -> list[Row]:
    lait, out = Lait(), []
    neighbours = statistical_neighbours(BENCHMARKS["modelled_on"])
    assert neighbours == BENCHMARKS["statistical_neighbours"], "statistical neighbour list changed"
    for spec in [s for s in INDICATORS if "benchmarks" in s]:
        rows = indicator_benchmarks(spec, lait)
        rows.sort(key=lambda r: (parse_month(r[0]), 10 if r[3] else AREA_ORDER.get(r[1], 9)))
        for period, area, value, code in rows:
            shown = value if isinstance(value, str) else format_number(value)
            out.append(dict(zip(BENCHMARK_COLUMNS, (spec["id"], period, area, shown, code), strict=True)))
    return out


def benchmark_text(spec: Spec) -> str:
    """SOURCES.md's Benchmarks column for an indicator."""
    source, texts = spec.get("benchmarks"), BENCHMARKS["texts"]
    if source is None:
        return str(texts["none"])
    if "derived" in source:
        return str(BENCHMARKS["derived"][source["derived"]]["text"])
    if "illustrative" in source:
        note = spec.get("benchmark_note")
        return f"{texts['illustrative']} {note}" if note else str(texts["illustrative"])
    measure = BENCHMARKS["lait"][source["lait"]]
    year = BENCHMARKS["year_types"][measure["year_type"]]["example"]
    parts = [texts["lait"].format(measure=source["lait"], description=measure["description"], year=year)]
    parts += [texts["exclusions"]] if measure.get("exclusions") else []
    return "; ".join(parts + ([measure["note"]] if "note" in measure else []))


def sources_markdown() -> str:
    template = string.Template((DATA / "SOURCES.template.md").read_text(encoding="utf-8"))
    examples = [t["example"] for t in BENCHMARKS["year_types"].values() if "example" in t]
    rows = [
        f"| {spec['number']} | `{spec['id']}` | {benchmark_text(spec)} |"
        for spec in sorted(INDICATORS, key=lambda s: s["number"])
    ]
    return template.substitute(year_types="; ".join(examples), indicators="\n".join(rows))


# Breakdowns (breakdowns.yaml): the categories of each (indicator, period, dimension) sum to
# the indicator's value


def breakdown_rows(values: list[Row]) -> list[Row]:
    headline = {(r["indicator"], r["period"]): r["value"] for r in values if not r["variant"]}
    rng = random.Random(f"{SEED}-breakdowns")
    out: list[Row] = []
    for group in BREAKDOWNS:
        indicator = group["indicator"]
        for period in group["periods"]:
            total = float(headline[(indicator, period)])
            for dimension in group["dimensions"]:
                parts = dimension.get("parts") or split_exactly(int(total), jittered(dimension, rng))
                assert sum(parts) == total, (indicator, period, dimension["dimension"])
                for category, part in zip(dimension["categories"], parts, strict=True):
                    cells = (indicator, period, dimension["dimension"], category, part)
                    out.append(dict(zip(BREAKDOWN_COLUMNS, cells, strict=True)))
    return out


def jittered(dimension: Spec, rng: random.Random) -> list[float]:
    """A dimension's weights, each written [weight, low, high] (or all, with `jitter`) multiplied by
    a uniform draw between low and high."""
    weights = []
    for weight in dimension["weights"]:
        if isinstance(weight, list) or "jitter" in dimension:
            weight, low, high = weight if isinstance(weight, list) else [weight, *dimension["jitter"]]
            weight *= rng.uniform(low, high)
        weights.append(weight)
    return weights


# Project files (project.yaml)


def configuration() -> Spec:
    config: Spec = PROJECT["config"]
    names = [AUTHORITIES[code]["name"] for code in BENCHMARKS["statistical_neighbours"]]
    config["benchmarking"]["statistical_neighbours"] = names
    return config


def papers_register() -> Spec:
    register, papers = PROJECT["papers"], []
    for meeting in PROJECT["config"]["meetings"]:
        period, reference, date = meeting["period"], meeting["reference"], meeting["date"]
        if parse_month(period) >= parse_month(register["before"]):
            continue
        title = register["title"].format(month=month_label(parse_month(period)))
        url = register["url"].format(reference=reference)
        papers.append(dict(reference=reference, meeting_date=date, period=period, title=title, url=url))
    return {"$schema": "schema/papers.schema.json", "papers": papers}


def action_log(next_cycle: bool) -> Spec:
    """The action log at the November 2019 meeting, or (next_cycle) as it stands for January 2020."""
    completed = PROJECT["next_cycle"]["completed"] if next_cycle else {}
    changes = {number: {"status": "completed", **change} for number, change in completed.items()}
    actions = [{**action, **changes.get(action["number"], {})} for action in PROJECT["actions"]]
    actions += PROJECT["next_cycle"]["added"] if next_cycle else []
    schema = "../../schema/actions.schema.json" if next_cycle else "schema/actions.schema.json"
    return {"$schema": schema, "actions": [{k: a[k] for k in ACTION_KEYS if k in a} for a in actions]}


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def is_prose(value: Any) -> bool:
    """Folded in the YAML: a string too long to sit beside its key, or of more than one sentence."""
    return isinstance(value, str) and (len(value) > 80 or ". " in value)


class OfficersDumper(yaml.SafeDumper):
    """PyYAML's safe dumper laid out as an officer would write the file: prose folded (`>-`), never
    quoted with doubled apostrophes; a short string whole on its line, quoted if need be "like this";
    lists of names in flow style (`[London, England]`); and list items indented under their key."""

    def represent_str(self, data: str) -> yaml.ScalarNode:
        return self.represent_scalar("tag:yaml.org,2002:str", data, ">" if is_prose(data) else None)

    def represent_items(self, data: list[Any]) -> yaml.SequenceNode:
        names = all(not isinstance(item, dict | list) and not is_prose(item) for item in data)
        return self.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=names)

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:  # noqa: ARG002
        super().increase_indent(flow, indentless=False)

    def write_plain(self, text: str, split: bool = True) -> None:  # noqa: ARG002
        super().write_plain(text, split=False)

    def choose_scalar_style(self) -> str:
        style = super().choose_scalar_style()
        return '"' if style == "'" else style


OfficersDumper.add_representer(str, OfficersDumper.represent_str)
OfficersDumper.add_representer(list, OfficersDumper.represent_items)


def write_yaml(path: Path, data: Spec, header: str = "", comments: dict[str, str] | None = None) -> None:
    """Write data as YAML officers can read; a header, and a comment above a top-level key. (PyYAML
    breaks a line at the first space past `width`: 86 keeps lines within 100 columns.)"""
    text = yaml.dump(data, Dumper=OfficersDumper, sort_keys=False, allow_unicode=True, width=86)
    for key, comment in (comments or {}).items():
        text = text.replace(f"\n{key}:", f"\n# {comment}\n{key}:", 1)
    lines = [f"# {header}"] if header else []
    if "$schema" in data:
        # VS Code's YAML extension (yaml-language-server) reads the schema only from this
        # comment; the `$schema` key serves JetBrains editors and kpicli's own tests.
        lines.insert(0, f"# yaml-language-server: $schema={data['$schema']}")
    write_text(path, "".join(f"{line}\n" for line in lines) + text)


def write_csv(path: Path, header: list[str], rows: list[Row]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: "" if r.get(k) is None else r[k] for k in header} for r in rows)


def write_definitions(folder: Path) -> None:
    for old in folder.glob("*.yaml"):
        old.unlink()
    for spec in INDICATORS:
        definition = {k: v for k, v in spec.items() if k not in GENERATOR_KEYS}
        document = {"$schema": "../schema/indicator.schema.json", **definition}
        write_yaml(folder / f"{spec['id']}.yaml", document, comments=spec.get("comments"))


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO
    if not REAL.is_dir():  # kpicli validate checks the rest, e.g. that numbers are unique
        raise SystemExit(f"No DfE data at {REAL}: set KPICLI_REAL_DATA to shared/real_data")
    write_definitions(out / "indicator_defs")

    values = build_values()
    write_csv(out / "sample_data" / "values.csv", VALUE_COLUMNS, values)
    write_csv(out / "sample_data" / "benchmarks.csv", BENCHMARK_COLUMNS, build_benchmarks())
    write_csv(out / "sample_data" / "breakdowns.csv", BREAKDOWN_COLUMNS, breakdown_rows(values))
    write_text(out / "sample_data" / "SOURCES.md", sources_markdown())

    write_yaml(out / "kpicli.yaml", configuration())
    write_yaml(out / "papers.yaml", papers_register())
    write_yaml(out / "actions.yaml", action_log(next_cycle=False))
    next_cycle = out / "examples" / "next-cycle" / "actions.yaml"
    write_yaml(next_cycle, action_log(next_cycle=True), header=PROJECT["next_cycle"]["comment"])


if __name__ == "__main__":
    main()
