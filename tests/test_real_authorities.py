"""Papers for 24 English authorities outside London, from DfE's published data, and every
comparison sentence checked against that data.

Each authority gets a project of six indicators of different kinds (a rate per 100 pupils by
academic year, percentages by calendar and financial year, an annual snapshot at 30 September,
a neutral rate at 31 March), compared with England, its own region and its DfE statistical
neighbours, and ranked. `kpicli import dfe` writes every benchmark from the trimmed copies in
tests/data/dfe. One authority in three has no figure of its own for the latest year, and in
another third the regional and national figures lag a year behind, so both halves of "same year,
always" are exercised. The pipeline runs from load to the paper's context (one PDF is built in
the end-to-end test); every comparison sentence is read back against the table beside it and
the raw figures: the same period, the same figures, the right direction, no contradiction.
"""

from __future__ import annotations

import csv
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import CONFIG, definition
from kpicli.commands.dfe_files import ImportRequest
from kpicli.commands.import_dfe import import_dfe
from kpicli.compute import compute_report
from kpicli.disclose import disclose
from kpicli.load import load_project
from kpicli.load.areas import reference_areas
from kpicli.models.definition import IndicatorDefinition, Polarity
from kpicli.models.facts import IndicatorFacts
from kpicli.narrate import narrate_exempt, narrate_public
from kpicli.narrate.wording import load_wording
from kpicli.periods import parse_month
from kpicli.render.context import paper_context
from tests.comparison_checks import Tally, check_changes, check_paragraph
from tests.render.pdf_structure import STRUCTURE_CHECKS, check_one_element_per_html_element, read_tagged_pdf

DATA = Path(__file__).parent / "data" / "dfe"
LAIT = DATA / "lait_kpis.csv"
CIN = DATA / "ees_cin_referrals.csv"
REPORT = "2024-12"
NEIGHBOURS = "Statistical neighbours"


@dataclass(frozen=True)
class Spec:
    id: str
    file: Path
    measure: str
    fields: dict[str, Any] = field(default_factory=dict)


SPECS = (
    Spec(
        "exclusions",
        LAIT,
        "SecPermEx",
        {"unit": "rate", "rate_per": 100, "decimals": 2, "frequency": "academic_year"},
    ),
    Spec(
        "ehcp-20-weeks",
        LAIT,
        "SEN_EHC_All_20wks",
        {"unit": "percent", "decimals": 1, "frequency": "calendar_year", "polarity": "higher_is_better"},
    ),
    Spec(
        "care-leavers-accommodation",
        LAIT,
        "CareLeaverAcc",
        {"unit": "percent", "decimals": 0, "frequency": "financial_year", "polarity": "higher_is_better"},
    ),
    Spec(
        "caseload",
        LAIT,
        "Work_Force_AvgNumCase_SW",
        {"unit": "number", "decimals": 1, "frequency": "annual", "year_end": 9, "measure": "snapshot"},
    ),
    Spec(
        "looked-after-rate",
        LAIT,
        "LAC",
        {
            "unit": "rate",
            "rate_per": 10000,
            "frequency": "annual",
            "year_end": 3,
            "measure": "snapshot",
            "polarity": "neutral",
        },
    ),
    Spec(
        "re-referrals",
        CIN,
        "rereferral_percent",
        {"unit": "percent", "decimals": 1, "frequency": "financial_year"},
    ),
)
AUTHORITIES = tuple(
    row["LA num"] for row in csv.DictReader((DATA / "statistical_neighbours_2021.csv").open(encoding="utf-8"))
)


def neighbours_of(code: str) -> list[str]:
    with (DATA / "statistical_neighbours_2021.csv").open(encoding="utf-8") as handle:
        row = next(r for r in csv.DictReader(handle) if r["LA num"] == code)
    return [row[f"SN{n}"] for n in range(1, 11)]


def indicator_definition(spec: Spec, number: int, comparators: list[str]) -> dict[str, Any]:
    fields = {"polarity": "lower_is_better", **spec.fields}
    rated = fields["polarity"] != "neutral"
    return definition(
        spec.id,
        number,
        comparators=comparators,
        rag={"kind": "benchmark", "comparators": comparators[:2]} if rated else None,
        # Each authority's figures here are DfE's own published ones: Part 1 shows them.
        disclosure={"published_elsewhere": {"source": f"DfE, {spec.file.name}"}},
        **fields,
    )


def write_project(root: Path, definitions: list[dict[str, Any]], config: dict[str, Any]) -> None:
    (root / "indicator_defs").mkdir(parents=True, exist_ok=True)
    (root / "sample_data").mkdir(exist_ok=True)
    (root / "kpicli.yaml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    for item in definitions:
        path = root / "indicator_defs" / f"{item['id']}.yaml"
        path.write_text(yaml.safe_dump(item, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, str]]:
    """Every area's figures for the six measures, written by `kpicli import dfe`."""
    root = tmp_path_factory.mktemp("template")
    write_project(root, [indicator_definition(s, n, ["England"]) for n, s in enumerate(SPECS, 1)], CONFIG)
    project = root / "sample_data"
    for spec in SPECS:
        item = IndicatorDefinition.model_validate(indicator_definition(spec, 1, ["England"]))
        import_dfe(ImportRequest(spec.file, item, spec.measure), spec.file.name, project)
    with (project / "benchmarks.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@dataclass
class Authority:
    code: str
    name: str
    region: str
    root: Path
    # Our figures and every benchmark row, by indicator, as the project was given them.
    ours: dict[str, dict[str, float]]
    theirs: dict[str, dict[tuple[str, str], float]]


def build_authority(index: int, code: str, rows: list[dict[str, str]], root: Path) -> Authority:
    area = reference_areas().find(code)
    assert area is not None
    comparators = [area.region, "England", NEIGHBOURS]
    config = {
        **CONFIG,
        "authority": f"{area.name} Council",
        "meetings": [],
        "benchmarking": {"area": code, "statistical_neighbours": neighbours_of(code)},
    }
    write_project(root, [indicator_definition(s, n, comparators) for n, s in enumerate(SPECS, 1)], config)
    latest: dict[str, str] = {}
    for row in rows:
        latest[row["indicator"]] = max(latest.get(row["indicator"], ""), row["period"])
    ours: dict[str, dict[str, float]] = defaultdict(dict)
    kept = []
    for row in rows:
        is_ours = row["la_code"] == code
        newest = row["period"] == latest[row["indicator"]]
        if is_ours:
            if row["value"].startswith("[") or (index % 3 == 0 and newest):
                continue  # a third have no figure of their own for the latest year
            value = float(row["value"])
            if index % 4 == 1 and newest:
                value *= 1.004  # a provisional figure a shade off the published one
            ours[row["indicator"]][row["period"]] = value
        if index % 3 == 1 and newest and not row["la_code"]:
            continue  # a third see the national and regional figures a year late
        kept.append(row)
    data = root / "sample_data"
    with (data / "values.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["indicator", "period", "value"])
        writer.writerows([i, p, repr(v)] for i, series in ours.items() for p, v in sorted(series.items()))
    with (data / "benchmarks.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(kept)
    theirs: dict[str, dict[tuple[str, str], float]] = defaultdict(dict)
    for row in kept:
        if not row["value"].startswith("["):
            theirs[row["indicator"]][row["area"], row["period"]] = float(row["value"])
    return Authority(code, area.name, area.region, root, ours, theirs)


@pytest.fixture(scope="module")
def authorities(imported: list[dict[str, str]], tmp_path_factory: pytest.TempPathFactory) -> list[Authority]:
    base = tmp_path_factory.mktemp("authorities")
    return [build_authority(i, code, imported, base / code) for i, code in enumerate(AUTHORITIES)]


def against_the_data(authority: Authority, facts: IndicatorFacts) -> list[str]:
    """Each comparison against the figures the project was given: the comparator's figure for
    the period named, ours for the same period, and the rule for which period is compared."""
    wrong = []
    item = facts.definition.id
    ours = authority.ours[item]
    theirs = authority.theirs[item]
    latest_ours = max(ours, default=None)
    for c in facts.comparisons:
        label = f"{authority.name} {item} {c.area}"
        if c.area != NEIGHBOURS and theirs.get((c.area, c.period.code)) != c.benchmark:
            wrong.append(f"{label}: {c.benchmark} is not the published figure for {c.period.code}")
        if c.local.value is not None and c.like_for_like:
            if c.our_period.code != c.period.code and c.our_period.end != c.period.end:
                wrong.append(f"{label}: ours for {c.our_period.code} against theirs for {c.period.code}")
            if ours.get(c.our_period.code) != pytest.approx(c.local.value):
                wrong.append(f"{label}: our figure {c.local.value} is not ours for {c.our_period.code}")
        published = sorted(p for a, p in theirs if a == c.area) if c.area != NEIGHBOURS else []
        if published and latest_ours is not None:
            expected = published[-1] if published[-1] <= latest_ours else latest_ours
            if expected in ours and c.period.code != expected:
                wrong.append(f"{label}: compared {c.period.code}, not {expected}")
    standing = facts.standing
    if standing is not None and standing.region_rank.value is not None:
        period = standing.period.code
        others = [
            v
            for (a, p), v in theirs.items()
            if p == period and region_of(a) == authority.region and a != authority.name
        ]
        mine = standing.local.value
        assert mine is not None
        better = [
            v
            for v in others
            if (v > mine if facts.definition.polarity is Polarity.HIGHER_IS_BETTER else v < mine)
        ]
        if standing.region_rank.value != len(better) + 1 or standing.region_count != len(others) + 1:
            wrong.append(
                f"{authority.name} {item}: rank {standing.region_rank.value} of {standing.region_count}"
            )
    return wrong


def region_of(name: str) -> str | None:
    area = reference_areas().find(name)
    return area.region if area is not None and area.kind.value == "local_authority" else None


def check_authority(authority: Authority) -> Tally:
    project = load_project(authority.root)
    public_view, exempt_view = disclose(compute_report(project, parse_month(REPORT)), project)
    words = load_wording(None)
    tally = Tally()
    for narrated in (
        narrate_public(public_view, {}, "narrative"),
        narrate_exempt(exempt_view, {}, "narrative"),
    ):
        rows = {row["id"]: row for row in paper_context(narrated, [])["definitions"]}
        for facts in narrated.view.indicators:
            row = rows[facts.definition.id]
            tally.add(check_paragraph(facts, row, row["sentences"], words))
            tally.wrong += check_changes(row)
            tally.wrong += against_the_data(authority, facts)
    return tally


def test_every_comparison_sentence_for_24_authorities_agrees_with_the_data(
    authorities: list[Authority], capsys: pytest.CaptureFixture[str]
) -> None:
    assert len(authorities) >= 20 and all(a.region != "London" for a in authorities)
    total = Tally()
    for authority in authorities:
        total.add(check_authority(authority))
    with capsys.disabled():
        print(
            f"\n{len(authorities)} authorities: {total.sentences} comparison sentences, {total.rows} "
            f"comparison rows and {total.ratings} benchmark ratings checked; {len(total.wrong)} wrong"
        )
    assert total.sentences >= 20 * 5 and total.ratings >= 20
    assert not total.wrong, "\n".join(total.wrong[:20])


def test_each_authority_is_ranked_among_its_region_and_named_neighbours(authorities: list[Authority]) -> None:
    authority = authorities[2]
    project = load_project(authority.root)
    assert project.areas is not None and len(project.areas.neighbours) == 10
    report = compute_report(project, parse_month(REPORT))
    caseload = next(f for f in report.indicators if f.definition.id == "caseload")
    assert caseload.standing is not None and caseload.standing.region == authority.region
    average = next(c for c in caseload.comparisons if c.area == NEIGHBOURS)
    assert average.of == 10 and average.count is not None and 1 <= average.count <= 10
    neutral = next(f for f in report.indicators if f.definition.id == "looked-after-rate")
    assert neutral.standing is None, "DfE ranks no indicator where neither higher nor lower is better"


def test_imports_cover_every_authority_region_and_england(imported: list[dict[str, str]]) -> None:
    by_indicator: dict[str, set[str]] = defaultdict(set)
    for row in imported:
        by_indicator[row["indicator"]].add(row["area"])
    for areas in by_indicator.values():
        assert {"England", "North East", "South West"} <= areas
        assert len(areas) > 150


@pytest.mark.e2e
def test_a_real_authoritys_pdf_shows_its_ranks_and_neighbours(
    authorities: list[Authority], tmp_path: Path
) -> None:
    from pypdf import PdfReader

    from kpicli.pipeline import build_papers

    authority = authorities[5]
    project = Path(shutil.copytree(authority.root, tmp_path / "project"))
    # A public build needs an action, or the reason there is none, on every amber or red indicator.
    narrative = project / "narrative" / REPORT
    narrative.mkdir(parents=True)
    for path in (project / "indicator_defs").glob("*.yaml"):
        reason = "---\nno_action_reason: Published national figures, reported for comparison.\n---\n"
        (narrative / f"{path.stem}.md").write_text(reason, encoding="utf-8")
    # One indicator's figures treated as the council's own (not published elsewhere): without
    # their counts Part 1 withholds them, so there is a Part 2 to check as well.
    own = project / "indicator_defs" / "looked-after-rate.yaml"
    document = yaml.safe_load(own.read_text(encoding="utf-8"))
    document.pop("disclosure")
    own.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    result = build_papers(project, REPORT, tmp_path / "out", jobs=1)
    text = " ".join(page.extract_text() for page in PdfReader(result.folder / "public.pdf").pages)
    text = " ".join(text.split())
    assert f"{authority.region} authorities" in text
    assert "Statistical neighbours are the authorities most like" in text
    assert "quartile" in text
    # Beyond the sample, both papers pass the PDF/UA checks a machine can make (issue 18).
    for paper in ("public", "exempt"):
        tagged = read_tagged_pdf(result.folder / f"{paper}.pdf")
        html = (result.folder / f"{paper}.html").read_text(encoding="utf-8")
        problems = [p for check in STRUCTURE_CHECKS.values() for p in check(tagged)]
        problems += check_one_element_per_html_element(tagged, html)
        assert not problems, "\n".join(problems[:20])
