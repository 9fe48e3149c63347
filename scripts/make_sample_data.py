"""Generate the kpicli sample project: the fictional London Borough of Kingsbridge.

    python scripts/make_sample_data.py [OUT]

Writes, into OUT (by default the repository root):

    kpicli.yaml, actions.yaml, papers.yaml, examples/next-cycle/actions.yaml
    indicator_defs/<id>.yaml
    sample_data/values.csv, benchmarks.csv, breakdowns.csv, SOURCES.md

The officers' narrative (narrative/<period>/<id>.md) is kept by hand, not generated.
tests/test_sample_generator.py checks that the committed files are what this script writes.

Local figures are invented (deterministic: fixed seeds, standard library only) but follow the
shape of a real outer London borough (Bromley, old LA code 305). Benchmarks are the real
published DfE figures in ../shared/real_data wherever they cover an indicator; the rest are
illustrative and SOURCES.md says so. The committee minutes the project grew from fix several
figures exactly (see PINNED below and the acceptance notes in SOURCES.md).
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
import os
import random
import re
import sys
import textwrap
from pathlib import Path
from typing import NamedTuple

SEED = 20190831
REPO = Path(__file__).resolve().parent.parent
REAL = Path(os.environ.get("KPICLI_REAL_DATA", REPO.parent / "shared" / "real_data"))

FIRST_MONTH = "2016-01"  # monthly and rolling series start here
LAST_MONTH = "2019-11"  # the second committee cycle
BROMLEY = "305"
SN_CODES = ("358", "919", "867", "319", "356", "822", "931", "334", "850", "823")  # 2021 model, checked below
LONDON, ENGLAND, SN, OUTER = "London", "England", "Statistical neighbours", "Outer London"
LAIT_AREAS = [LONDON, ENGLAND, SN]


class Commented(NamedTuple):
    """A value written with a comment line above its key."""

    value: object
    comment: str


# --------------------------------------------------------------------------------------------
# Periods: YYYY-MM is the month the measurement period ends.
# --------------------------------------------------------------------------------------------

def month_index(code: str) -> int:
    year, month = code.split("-")
    return int(year) * 12 + int(month) - 1


def month_code(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


END_MONTHS = {
    "month": range(1, 13),
    "rolling_12_months": range(1, 13),
    "quarter": (3, 6, 9, 12),
    "academic_year": (8,),
    "financial_year": (3,),
    "calendar_year": (12,),
}

# Annual series: the local figures known by the November 2019 paper.
ANNUAL_RANGE = {
    "academic_year": ("2016-08", "2019-08"),  # 2015/16 to 2018/19
    "financial_year": ("2016-03", "2019-03"),  # 2015/16 to 2018/19
    "calendar_year": ("2015-12", "2018-12"),  # 2015 to 2018
}


def periods_for(frequency: str, first: str | None = None, last: str | None = None) -> list[str]:
    default_first, default_last = ANNUAL_RANGE.get(frequency, (FIRST_MONTH, LAST_MONTH))
    start, stop = month_index(first or default_first), month_index(last or default_last)
    return [month_code(i) for i in range(start, stop + 1) if i % 12 + 1 in END_MONTHS[frequency]]


# --------------------------------------------------------------------------------------------
# Series helpers
# --------------------------------------------------------------------------------------------

def level_at(anchors: dict[str, float], period: str) -> float:
    """Linear interpolation between anchor periods; flat beyond the ends."""
    points = sorted((month_index(p), v) for p, v in anchors.items())
    x = month_index(period)
    if x <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return points[-1][1]


def split_exactly(total: int, weights: list[float]) -> list[int]:
    """Split a whole number in proportion to weights so that the parts sum exactly (largest remainder)."""
    scale = sum(weights)
    raw = [total * w / scale for w in weights]
    parts = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (raw[i] - parts[i], -i), reverse=True)
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def row(period: str, value=None, numerator=None, denominator=None, variant="", note="") -> dict:
    return {"period": period, "value": value, "numerator": numerator, "denominator": denominator,
            "variant": variant, "note": note}


def season_factor(season: dict[int, float] | None, period: str) -> float:
    return (season or {}).get(month_index(period) % 12 + 1, 1.0)


def counts(anchors, sd, frequency, pins=None, season=None, minimum=0):
    """Whole numbers around a trend."""
    def generate(rng: random.Random) -> list[dict]:
        out = []
        for p in periods_for(frequency):
            level = level_at(anchors, p) * season_factor(season, p)
            out.append(row(p, max(minimum, round(rng.gauss(level, sd)))))
        return apply_pins(out, pins)
    return generate


def small_counts(choices, frequency, pins=None):
    """Small counts drawn from a list of equally likely values."""
    def generate(rng: random.Random) -> list[dict]:
        return apply_pins([row(p, rng.choice(choices)) for p in periods_for(frequency)], pins)
    return generate


def measures(anchors, sd, decimals, frequency, pins=None, season=None, first=None, last=None):
    """Figures that are not counts (averages, percentages without counts, money)."""
    def generate(rng: random.Random) -> list[dict]:
        out = []
        for p in periods_for(frequency, first, last):
            level = level_at(anchors, p) * season_factor(season, p)
            value = round(rng.gauss(level, sd), decimals)
            out.append(row(p, int(value) if decimals == 0 else value))
        return apply_pins(out, pins)
    return generate


def percentages(den_anchors, den_sd, pct_anchors, pct_sd, frequency, pins=None, season=None,
                first=None, last=None):
    """Numerator and denominator; the loader derives the percentage."""
    def generate(rng: random.Random) -> list[dict]:
        out = []
        for p in periods_for(frequency, first, last):
            den = max(1, round(rng.gauss(level_at(den_anchors, p), den_sd)))
            pct = rng.gauss(level_at(pct_anchors, p) * season_factor(season, p), pct_sd)
            num = min(den, max(0, round(den * pct / 100)))
            out.append(row(p, None, num, den))
        return apply_pins(out, pins)
    return generate


def apply_pins(rows: list[dict], pins: dict | None) -> list[dict]:
    """Overwrite generated rows with figures fixed by the minutes (value or (numerator, denominator))."""
    for r in rows:
        pinned = (pins or {}).get(r["period"])
        if pinned is None:
            continue
        if isinstance(pinned, tuple):
            r["value"], r["numerator"], r["denominator"] = None, pinned[0], pinned[1]
        else:
            r["value"] = pinned
    return rows


# --------------------------------------------------------------------------------------------
# Series that are linked to each other, or fixed by the minutes
# --------------------------------------------------------------------------------------------

POPULATION_0_17 = {"2016-01": 72_300, "2017-06": 72_900, "2018-06": 73_400, "2019-11": 73_600}
SECONDARY_ROLL = {"2016-08": 22_410, "2017-08": 22_790, "2018-08": 23_310, "2019-08": 23_870}
PRIMARY_ROLL = {"2016-08": 26_950, "2017-08": 27_240, "2018-08": 27_480, "2019-08": 27_610}

PINNED = {
    "secondary-permanent-exclusions": {"2016-08": 48, "2017-08": 46, "2018-08": 53, "2019-08": 62},
    "placement-stability-long-term": {"2019-08": (58, 107)},
    "care-leavers-suitable-accommodation": {"2019-06": (112, 149)},
    "ehcp-within-20-weeks": {"2019-03": (41, 88), "2019-06": (50, 93)},
    # EHC needs assessments, calendar year to date: August and December totals.
    "ehc-needs-assessments": {2016: (168, 238), 2017: (199, 281), 2018: (252, 356), 2019: (343, None)},
}


def exclusions(counts_by_year: dict[str, int], roll: dict[str, int], note_latest: str):
    def generate(rng: random.Random) -> list[dict]:
        out = []
        for p in periods_for("academic_year"):
            note = note_latest if p == "2019-08" else ""
            out.append(row(p, counts_by_year[p], None, roll[p], note=note))
        return out
    return generate


def ehc_needs_assessments(rng: random.Random) -> list[dict]:
    """Year-to-date counts that reset each January; the August and December totals are fixed."""
    weights = {1: 1.0, 2: 1.05, 3: 1.15, 4: 0.95, 5: 1.1, 6: 1.15, 7: 1.1, 8: 0.7,
               9: 1.05, 10: 1.2, 11: 1.15, 12: 0.8}
    out = []
    for year, (to_august, full_year) in PINNED["ehc-needs-assessments"].items():
        jitter = {m: w * rng.uniform(0.85, 1.15) for m, w in weights.items()}
        monthly = split_exactly(to_august, [jitter[m] for m in range(1, 9)])
        if full_year is None:  # 2019: September to November at a higher run rate
            monthly += [48, 51, 47]
        else:
            monthly += split_exactly(full_year - to_august, [jitter[m] for m in range(9, 13)])
        total = 0
        for month, count in enumerate(monthly, start=1):
            total += count
            period = f"{year}-{month:02d}"
            if month_index(FIRST_MONTH) <= month_index(period) <= month_index(LAST_MONTH):
                out.append(row(period, total, note="Calendar year to date"))
    return out


# Referrals are generated from January 2015 so that the 12-month re-referral rate has a
# full year behind it from the first reported month.
REFERRAL_TREND = {"2015-01": 236, "2016-06": 248, "2017-06": 262, "2018-06": 281, "2019-08": 305, "2019-11": 312}
REFERRAL_SEASON = {8: 0.82, 12: 0.86, 4: 0.93, 1: 1.05, 3: 1.06, 10: 1.07}


def referral_history(rng: random.Random) -> dict[str, int]:
    history = {}
    for i in range(month_index("2015-01"), month_index(LAST_MONTH) + 1):
        p = month_code(i)
        history[p] = round(rng.gauss(level_at(REFERRAL_TREND, p) * season_factor(REFERRAL_SEASON, p), 14))
    return history


def referrals_received(rng: random.Random) -> list[dict]:
    history = referral_history(random.Random(f"{SEED}-referrals"))
    return [row(p, history[p]) for p in periods_for("month")]


def re_referrals(rng: random.Random) -> list[dict]:
    history = referral_history(random.Random(f"{SEED}-referrals"))
    pct = {"2016-01": 20.8, "2016-12": 19.6, "2017-12": 17.2, "2018-09": 15.6, "2019-03": 16.4,
           "2019-08": 17.6, "2019-11": 18.1}
    out = []
    for p in periods_for("rolling_12_months"):
        i = month_index(p)
        den = sum(history[month_code(j)] for j in range(i - 11, i + 1))
        num = round(den * rng.gauss(level_at(pct, p), 0.35) / 100)
        out.append(row(p, None, num, den))
    return out


CLA_TREND = {"2016-01": 284, "2017-03": 291, "2018-03": 313, "2019-03": 344, "2019-08": 352, "2019-11": 349}


def cla_counts() -> dict[str, int]:
    rng = random.Random(f"{SEED}-cla")
    counts_ = {p: round(rng.gauss(level_at(CLA_TREND, p), 3.5)) for p in periods_for("month")}
    counts_["2019-08"] = 352
    return counts_


def children_looked_after(rng: random.Random) -> list[dict]:
    return [row(p, n) for p, n in cla_counts().items()]


def children_looked_after_rate(rng: random.Random) -> list[dict]:
    return [row(p, None, n, round(level_at(POPULATION_0_17, p))) for p, n in cla_counts().items()]


def short_term_stability(rng: random.Random) -> list[dict]:
    pct = {"2016-01": 10.6, "2017-03": 12.4, "2018-03": 10.8, "2019-03": 9.4, "2019-11": 9.9}
    out = []
    for p, n in cla_counts().items():
        out.append(row(p, None, round(n * rng.gauss(level_at(pct, p), 0.6) / 100), n))
    return out


CARE_LEAVER_COHORT = {"2016-03": 162, "2017-03": 152, "2018-03": 153, "2019-03": 150, "2019-09": 151}


def care_leaver_cohort() -> dict[str, int]:
    rng = random.Random(f"{SEED}-care-leavers")
    cohort = {p: round(rng.gauss(level_at(CARE_LEAVER_COHORT, p), 2.5)) for p in periods_for("quarter")}
    cohort["2019-06"] = 149
    return cohort


# Care leavers who decline support, per quarter: a small count (often 1 to 4), so the gap
# between the two sets of figures is itself disclosive.
DECLINED_SUPPORT = [2, 3, 1, 4, 2, 0, 3, 2, 5, 3, 1, 2, 4, 3, 2]


def care_leavers_accommodation(rng: random.Random) -> list[dict]:
    pct = {"2016-03": 70.5, "2017-03": 73.5, "2018-03": 75.5, "2018-12": 77.0, "2019-03": 76.0,
           "2019-09": 76.5}
    out, variant_rows = [], []
    for (p, den), declined in zip(care_leaver_cohort().items(), DECLINED_SUPPORT, strict=False):
        num = round(den * rng.gauss(level_at(pct, p), 1.3) / 100)
        if p == "2019-06":
            num, declined = PINNED["care-leavers-suitable-accommodation"][p][0], 3
        out.append(row(p, None, num, den))
        variant_rows.append(row(p, None, num, den - declined, variant="excluding-declined"))
    return out + variant_rows


def care_leavers_eet(rng: random.Random) -> list[dict]:
    pct = {"2016-03": 43.0, "2017-03": 45.5, "2018-03": 46.5, "2019-03": 46.0, "2019-09": 48.0}
    out = []
    for p, den in care_leaver_cohort().items():
        num = round(den * rng.gauss(level_at(pct, p), 1.4) / 100)
        if p == "2019-06":
            num = 70
        out.append(row(p, None, num, den))
    return out


def ehcp_quarters() -> dict[str, tuple[int, int]]:
    """New EHC plans issued per quarter (denominator) and how many within 20 weeks."""
    rng = random.Random(f"{SEED}-ehcp")
    issued = {"2016-03": 44, "2016-12": 50, "2017-06": 54, "2017-12": 58, "2018-06": 70, "2018-12": 74,
              "2019-06": 93, "2019-09": 98}
    pct = {"2016-03": 52.0, "2016-12": 57.0, "2017-06": 66.5, "2017-12": 63.0, "2018-06": 53.5,
           "2018-12": 50.0, "2019-09": 58.0}
    quarters = {}
    for p in periods_for("quarter"):
        den = round(rng.gauss(level_at(issued, p), 4))
        quarters[p] = (round(den * rng.gauss(level_at(pct, p), 2.5) / 100), den)
    quarters.update(PINNED["ehcp-within-20-weeks"])
    return quarters


def ehcp_within_20_weeks(rng: random.Random) -> list[dict]:
    return [row(p, None, num, den) for p, (num, den) in ehcp_quarters().items()]


def ehc_plans_issued(rng: random.Random) -> list[dict]:
    quarters = ehcp_quarters()
    out = [row("2015-12", 171, note="Before quarterly recording: annual SEN2 return")]
    for p in periods_for("calendar_year", first="2016-12"):
        year = p[:4]
        out.append(row(p, sum(den for q, (_, den) in quarters.items() if q.startswith(year))))
    return out


def forecast_outturn_variance(rng: random.Random) -> list[dict]:
    """Forecast year-end variance against the children's services budget, reported monthly."""
    years = {2015: (150_000, 380_000), 2016: (220_000, 450_000), 2017: (310_000, 820_000),
             2018: (540_000, 1_350_000)}
    out = []
    for p in periods_for("month"):
        i = month_index(p)
        fy_start_year = i // 12 if i % 12 >= 3 else i // 12 - 1
        months_in = (i % 12 - 3) % 12  # 0 in April
        if fy_start_year in years:
            start, end = years[fy_start_year]
            level = start + (end - start) * months_in / 11
            value = round(rng.gauss(level, 60_000), -3)
            if months_in == 11:
                value = end
            out.append(row(p, int(value), note="Outturn" if months_in == 11 else ""))
    path_2019 = {"2019-04": 620_000, "2019-05": 770_000, "2019-06": 940_000, "2019-07": 1_110_000,
                 "2019-08": 1_240_000, "2019-09": 1_310_000, "2019-10": 1_180_000, "2019-11": 1_050_000}
    out += [row(p, v) for p, v in path_2019.items()]
    return out


HIGH_COST_PROVIDERS = ["Ashdown Therapeutic Care Ltd", "Harbour House Children's Services",
                       "Meadowbank Residential Care", "Northgate Specialist Placements",
                       "Riverside Secure Welfare (out of area)"]


def highest_cost_placements(rng: random.Random) -> list[dict]:
    trend = {"2016-03": 1_420_000, "2017-03": 1_560_000, "2018-03": 1_780_000, "2019-03": 2_060_000,
             "2019-09": 2_240_000}
    return [row(p, int(round(rng.gauss(level_at(trend, p), 45_000), -2))) for p in periods_for("quarter")]


# --------------------------------------------------------------------------------------------
# Real benchmarks (DfE LAIT, OGL v3)
# --------------------------------------------------------------------------------------------

def read_csv(name: str) -> list[dict]:
    with open(REAL / name, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def statistical_neighbours(la_code: str) -> tuple[str, ...]:
    with open(REAL / "ref_statistical_neighbours_2021.csv", encoding="utf-8-sig", newline="") as handle:
        for fields in csv.reader(handle):
            if fields[0] == la_code:
                return tuple(fields[5:25:2])
    raise SystemExit(f"LA {la_code} not in the statistical neighbour file")


def lait_period(measure_year: str, year_type: str) -> str:
    """The kpicli period of a LAIT year label (see PROVENANCE.md, 'Year to kpicli period')."""
    if year_type == "academic":  # 2017/18 -> 2018-08
        return f"{int(measure_year[:4]) + 1}-08"
    if year_type == "calendar":  # 2018 -> 2018-12
        return f"{measure_year}-12"
    if year_type == "march":  # year to 31 March 2018 -> 2018-03
        return f"{measure_year}-03"
    if year_type == "september":  # as at 30 September 2018 -> 2018-09
        return f"{measure_year}-09"
    if year_type == "financial":  # 2017-18 (OT) -> 2018-03
        return f"{int(measure_year[:4]) + 1}-03"
    raise ValueError(year_type)


def clean(value: float, places: int) -> float:
    return round(value, places)


class Lait:
    def __init__(self) -> None:
        self.values: dict[tuple[str, str, str], float] = {}
        self.codes: set[str] = set()
        for r in read_csv("lait_childrens_services_kpis.csv"):
            if r["value"] in ("-", ""):
                continue
            area = r["old_la_code"] if r["geographic_level"] == "Local authority" else r["area_name"]
            if r["geographic_level"] == "Local authority":
                self.codes.add(area)
            self.values[(r["measure_code"], r["year"], area)] = float(r["value"])

    def get(self, measure: str, year: str, area: str) -> float | None:
        return self.values.get((measure, year, area))


def reference_areas() -> dict[str, dict[str, str]]:
    """kpicli's own list of English authorities (kpicli/reference/areas.csv), by DfE code."""
    with open(REPO / "kpicli" / "reference" / "areas.csv", encoding="utf-8", newline="") as handle:
        return {r["code"]: r for r in csv.DictReader(handle) if r["kind"] == "local_authority"}


AUTHORITIES = reference_areas()


def authority_rows(period: str, figures: dict[str, float], places: int) -> list[tuple]:
    """Every authority's published figure for a period, named and coded as kpicli knows them:
    kpicli works out the statistical neighbours' average and the ranks from these."""
    out = []
    for code, value in sorted(figures.items(), key=lambda item: AUTHORITIES[item[0]]["name"]):
        area = AUTHORITIES[code]
        # The DfE code alone: kpicli knows each authority's ONS code and region from it.
        out.append((period, area["name"], clean(value, places), {"la_code": code}))
    return out


def lait_benchmarks(lait: Lait, measure: str, years: list[str], year_type: str, places: int,
                    exclusions: bool = False) -> list[tuple]:
    out = []
    for year in years:
        period = lait_period(year, year_type)
        if exclusions:
            # LAIT publishes no London figure for exclusions before 2022/23, only Inner and
            # Outer London: London is recorded as not published ([x]), and Outer London is real.
            out.append((period, LONDON, "[x]"))
            out.append((period, OUTER, clean(lait.get(measure, year, "London (Outer)"), places)))
        else:
            out.append((period, LONDON, clean(lait.get(measure, year, "London"), places)))
        out.append((period, ENGLAND, clean(lait.get(measure, year, "England"), places)))
        figures = {code: v for code in lait.codes if (v := lait.get(measure, year, code)) is not None}
        out += authority_rows(period, figures, places)
    return out


def spend_per_child_benchmarks() -> list[tuple[str, str, float]]:
    rows = read_csv("derived_cyp_spend_per_child.csv")
    out = []
    for fy in ("2016-17", "2017-18"):
        period = lait_period(fy, "financial")
        by_area = {}
        for r in rows:
            if r["fy"] == fy and r["spend_per_child_gbp"]:
                key = r["old_la_code"] if r["geographic_level"] == "Local authority" else r["area_name"]
                by_area[key] = float(r["spend_per_child_gbp"])
        out.append((period, LONDON, round(by_area["London"], 2)))
        out.append((period, ENGLAND, round(by_area["England"], 2)))
        out += authority_rows(period, {c: v for c, v in by_area.items() if c in AUTHORITIES}, 2)
    return out


def spend_per_child_looked_after_benchmarks(lait: Lait) -> list[tuple[str, str, float]]:
    """s251 gross spend on children looked after divided by the children looked after at 31 March."""
    out = []
    for fy, cla_year in (("2016-17 (OT)", "2017"), ("2017-18 (OT)", "2018")):
        period = lait_period(fy, "financial")

        def per_child(area: str, fy: str = fy, cla_year: str = cla_year) -> float | None:
            spend, number = lait.get("TotalLACFinance", fy, area), lait.get("LACnum", cla_year, area)
            return spend / number if spend is not None and number else None

        out.append((period, LONDON, round(per_child("London"))))
        out.append((period, ENGLAND, round(per_child("England"))))
        figures = {c: v for c in lait.codes if (v := per_child(c)) is not None}
        out += authority_rows(period, figures, 0)
    return out


def illustrative(table: dict[str, dict[str, float]]) -> list[tuple[str, str, float]]:
    return [(period, area, value) for period, areas in table.items() for area, value in areas.items()]


# Publication cut-off: only figures DfE had published by the end of August 2019 (the first
# report period) are included, so neither paper uses a comparator it could not have had.
#   exclusions 2017/18 (published July 2019); SEN2 calendar 2018 (May 2019);
#   CLA and CIN years to 31 March 2018 (November 2018); workforce at 30 September 2018
#   (February 2019); s251 outturn 2017-18 (early 2019).
EXCL_YEARS = ["2015/16", "2016/17", "2017/18"]
MARCH_YEARS = ["2016", "2017", "2018"]
SEN2_YEARS = ["2016", "2017", "2018"]
SEPT_YEARS = ["2016", "2017", "2018"]

# LAIT measure -> (years used, year type, decimals kept, is an exclusions measure)
LAIT_MEASURES = {
    "PriPermEx": (EXCL_YEARS, "academic", 5, True),
    "SecPermEx": (EXCL_YEARS, "academic", 5, True),
    "SecFixedEx": (EXCL_YEARS, "academic", 3, True),
    "ReReferral": (MARCH_YEARS, "march", 1, False),
    "CP_conf_15days": (MARCH_YEARS, "march", 1, False),
    "PrevRegCPR": (MARCH_YEARS, "march", 1, False),
    "LAC": (MARCH_YEARS, "march", 0, False),
    "LACStable_2016on": (MARCH_YEARS, "march", 1, False),
    "LAC_LongStable%": (["2018"], "march", 1, False),
    "CareLeaverAcc": (MARCH_YEARS, "march", 1, False),
    "CareLeaverEET": (MARCH_YEARS, "march", 1, False),
    "Work_Force_AvgNumCase_SW": (SEPT_YEARS, "september", 1, False),
    "Work_Force_Agecy_Rate": (SEPT_YEARS, "september", 1, False),
    "SEN_EHC_All_20wks": (SEN2_YEARS, "calendar", 1, False),
}


# --------------------------------------------------------------------------------------------
# The indicators
# --------------------------------------------------------------------------------------------

DIRECTOR_EDUCATION = "Director of Education"
AD_CSC = "Assistant Director, Children's Social Care"
HOS_CLA = "Head of Service, Children Looked After and Care Leavers"
HOS_SEND = "Head of SEND"
HOS_EARLY_HELP = "Head of Early Intervention and Family Support"
HOS_FINANCE = "Head of Finance, Children, Education and Families"
HOS_SAFEGUARDING = "Head of Service, Safeguarding and Quality Assurance"
HOS_INCLUSION = "Head of Inclusion and Access"

COMPARE_LAIT = [LONDON, ENGLAND, SN]
COMPARE_EXCL = [LONDON, OUTER, ENGLAND, SN]
COMPARE_ILLUSTRATIVE = [LONDON, ENGLAND]


def thresholds(green, red):
    return {"kind": "thresholds", "green": green, "red": red}


def tolerance(target, band, unit="absolute"):
    rule = {"kind": "tolerance", "target": target, "tolerance": band}
    if unit != "absolute":
        rule["tolerance_unit"] = unit
    return rule


def benchmark(*areas):
    return {"kind": "benchmark", "comparators": list(areas)}


PER_100_PUPILS = {"unit": "rate", "rate_per": 100, "decimals": 2, "label": "per 100 pupils"}

INDICATORS: list[dict] = [
    # ---------------------------------------------------------------- Education
    dict(
        id="ofsted-good-outstanding-schools", number=1, section="education",
        title="Schools judged good or outstanding by Ofsted",
        definition="State-funded schools in the borough whose most recent Ofsted inspection judged "
        "overall effectiveness good or outstanding, as a percentage of all state-funded schools with "
        "a published inspection, as at the end of the month.",
        unit="percent", polarity="higher_is_better", frequency="month", measure="snapshot", decimals=1,
        rag=thresholds(90, 80), comparators=COMPARE_ILLUSTRATIVE, control="partial",
        disclosure={"counts": "organisations"},
        owner=DIRECTOR_EDUCATION, source="Ofsted management information; school census",
        series=percentages({"2016-01": 96, "2019-11": 98}, 0.4,
                           {"2016-01": 89.5, "2017-06": 91.5, "2018-06": 93.0, "2019-11": 93.5}, 0.9, "month"),
        benchmarks=illustrative({
            "2016-08": {LONDON: 91.0, ENGLAND: 87.0}, "2017-08": {LONDON: 92.0, ENGLAND: 87.5},
            "2018-08": {LONDON: 92.0, ENGLAND: 86.0}}),
        benchmark_source="illustrative",
    ),
    dict(
        id="ks2-reading-writing-maths", number=2, section="education",
        title="Key stage 2: reading, writing and maths at the expected standard",
        subject="the percentage of pupils reaching the expected standard in reading, writing and maths at key stage 2",
        definition="Pupils at the end of key stage 2 in state-funded schools who reached the expected "
        "standard in reading, writing and maths combined, as a percentage of all eligible pupils in the "
        "academic year (DfE key stage 2 attainment measure).",
        unit="percent", polarity="higher_is_better", frequency="academic_year", measure="flow", decimals=0,
        rag=benchmark(LONDON, ENGLAND), comparators=COMPARE_ILLUSTRATIVE, control="partial",
        owner=DIRECTOR_EDUCATION, source="Key stage 2 results (unvalidated for the latest year)",
        series=percentages({"2016-08": 3_240, "2019-08": 3_410}, 20,
                           {"2016-08": 60.0, "2017-08": 67.0, "2018-08": 70.0, "2019-08": 71.0}, 0.3,
                           "academic_year"),
        benchmarks=illustrative({
            "2016-08": {LONDON: 59.0, ENGLAND: 53.0}, "2017-08": {LONDON: 66.0, ENGLAND: 61.0},
            "2018-08": {LONDON: 70.0, ENGLAND: 64.0}}),
        benchmark_source="illustrative",
    ),
    dict(
        id="ks4-attainment-8", number=3, section="education",
        title="Key stage 4: average Attainment 8 score",
        subject="the average Attainment 8 score at key stage 4",
        definition="The average Attainment 8 score per pupil at the end of key stage 4 in state-funded "
        "schools: a pupil's points across eight qualifications, with English and maths counted twice. "
        "Validated results are published in the January after the exams, so the latest academic year "
        "shown is the one before last.",
        unit="number", polarity="higher_is_better", frequency="academic_year", measure="flow", decimals=1,
        publication_lag_months=Commented(
            5, "Results for the academic year to August are validated and published in January."
        ),
        rag=benchmark(LONDON, ENGLAND), comparators=COMPARE_ILLUSTRATIVE, control="partial",
        owner=DIRECTOR_EDUCATION, source="DfE key stage 4 performance tables (validated)",
        series=measures({"2016-08": 53.8, "2017-08": 50.2, "2018-08": 50.6}, 0.0, 1, "academic_year",
                        last="2018-08"),
        benchmarks=illustrative({
            "2016-08": {LONDON: 51.9, ENGLAND: 48.5}, "2017-08": {LONDON: 48.0, ENGLAND: 44.6},
            "2018-08": {LONDON: 47.6, ENGLAND: 44.5}}),
        benchmark_source="illustrative",
    ),
    dict(
        id="primary-permanent-exclusions", number=4, section="education",
        title="Number of primary permanent exclusions",
        definition="Permanent exclusions of pupils from state-funded primary schools in the borough "
        "during the academic year (September to August). Compared with other areas as a rate: "
        "permanent exclusions per 100 pupils on the primary school roll.",
        unit="count", polarity="lower_is_better", frequency="academic_year", measure="flow", decimals=0,
        rag=thresholds(3, 6), comparators=COMPARE_EXCL, benchmark_basis=PER_100_PUPILS,
        control="partial", owner=HOS_INCLUSION, source="Local exclusions records; school census roll",
        series=exclusions({"2016-08": 6, "2017-08": 4, "2018-08": 3, "2019-08": 2}, PRIMARY_ROLL,
                          "Provisional: DfE publishes validated 2018/19 figures in July 2020"),
        benchmarks="lait:PriPermEx",
    ),
    dict(
        id="secondary-permanent-exclusions", number=5, section="education",
        title="Number of secondary permanent exclusions",
        definition="Permanent exclusions of pupils from state-funded secondary schools in the borough "
        "during the academic year (September to August). Compared with other areas as a rate: "
        "permanent exclusions per 100 pupils on the secondary school roll, the DfE measure.",
        unit="count", polarity="lower_is_better", frequency="academic_year", measure="flow", decimals=0,
        rag=benchmark(OUTER, ENGLAND), comparators=COMPARE_EXCL, benchmark_basis=PER_100_PUPILS,
        control="partial", owner=DIRECTOR_EDUCATION, source="Local exclusions records; school census roll",
        breakdowns=[
            {"dimension": "Ethnicity", "combine": [{"into": "Other ethnic groups", "categories": [
                "White other", "Other mixed background", "Asian or Asian British", "Other or not known"]}]},
            {"dimension": "Special educational needs", "combine": [
                {"into": "Any SEN", "categories": ["EHC plan", "SEN support"]}]},
        ],
        series=exclusions(PINNED["secondary-permanent-exclusions"], SECONDARY_ROLL,
                          "Provisional: DfE publishes validated 2018/19 figures in July 2020"),
        benchmarks="lait:SecPermEx",
    ),
    dict(
        id="secondary-fixed-term-exclusions", number=6, section="education",
        title="Number of secondary fixed-period exclusions",
        definition="Fixed-period exclusions (suspensions) from state-funded secondary schools in the "
        "borough during the academic year. A pupil excluded more than once is counted each time. "
        "Compared with other areas as fixed-period exclusions per 100 pupils on roll.",
        unit="count", polarity="lower_is_better", frequency="academic_year", measure="flow", decimals=0,
        rag=benchmark(OUTER, ENGLAND), comparators=COMPARE_EXCL, benchmark_basis=PER_100_PUPILS,
        control="partial", owner=HOS_INCLUSION, source="Local exclusions records; school census roll",
        series=exclusions({"2016-08": 821, "2017-08": 1_012, "2018-08": 1_243, "2019-08": 1_478},
                          SECONDARY_ROLL, "Provisional"),
        benchmarks="lait:SecFixedEx",
    ),
    dict(
        id="persistent-absence", number=7, section="education",
        title="Pupils persistently absent",
        definition="Pupils in state-funded primary, secondary and special schools who missed 10% or more "
        "of their possible sessions in the academic year, as a percentage of all pupils. DfE publishes "
        "the full-year figures in the following spring.",
        unit="percent", polarity="lower_is_better", frequency="academic_year", measure="flow", decimals=1,
        publication_lag_months=Commented(7, "The full year's figures to August are published in March."),
        rag=tolerance(10.5, 1.0), comparators=COMPARE_ILLUSTRATIVE, control="partial",
        disclosure={"published_elsewhere": {
            "source": "DfE, Pupil absence in schools in England (local authority tables)",
            "url": "https://explore-education-statistics.service.gov.uk/find-statistics/pupil-absence-in-schools-in-england"}},
        owner=HOS_INCLUSION, source="DfE pupil absence statistics (school census)",
        series=measures({"2016-08": 9.6, "2017-08": 10.1, "2018-08": 11.0}, 0.0, 1, "academic_year",
                        last="2018-08"),
        benchmarks=illustrative({
            "2016-08": {LONDON: 9.9, ENGLAND: 10.5}, "2017-08": {LONDON: 10.3, ENGLAND: 10.8},
            "2018-08": {LONDON: 10.6, ENGLAND: 11.2}}),
        benchmark_source="illustrative",
    ),
    dict(
        id="neet-16-17", number=8, section="education",
        title="16 and 17 year olds not in education, employment or training, or not known",
        definition="Young people of academic age 16 and 17 living in the borough who are not in "
        "education, employment or training, or whose activity is not known, as a percentage of all "
        "16 and 17 year olds the council tracks, as at the end of the month. The figure rises each "
        "autumn while new destinations are confirmed.",
        unit="percent", polarity="lower_is_better", frequency="month", measure="snapshot", decimals=1,
        rag=thresholds(4.5, 6.0), comparators=COMPARE_ILLUSTRATIVE, control="partial",
        owner=HOS_INCLUSION, source="Client caseload information system (CCIS)",
        series=percentages({"2016-01": 7_480, "2019-11": 7_720}, 30,
                           {"2016-01": 4.4, "2017-06": 4.1, "2018-06": 4.3, "2019-08": 4.6, "2019-11": 4.6}, 0.2,
                           "month", season={9: 1.9, 10: 1.55, 11: 1.3, 12: 1.1, 7: 1.05, 8: 1.12},
                           ),
        benchmarks=illustrative({
            "2017-02": {LONDON: 5.1, ENGLAND: 6.0}, "2018-02": {LONDON: 4.7, ENGLAND: 6.0},
            "2019-02": {LONDON: 4.6, ENGLAND: 5.5}}),
        benchmark_source="illustrative (DfE publishes the December to February average; shown at February)",
    ),
    dict(
        id="elective-home-education", number=9, section="education",
        title="Children electively home educated",
        definition="Children of compulsory school age known to the council to be electively home "
        "educated, as at the end of the month.",
        unit="count", polarity="neutral", frequency="month", measure="snapshot", decimals=0,
        control="partial", owner=HOS_INCLUSION, source="Elective home education register",
        series=counts({"2016-01": 168, "2017-01": 192, "2018-01": 221, "2019-01": 247, "2019-08": 266,
                       "2019-11": 284}, 4, "month", season={9: 0.93, 10: 1.02}),
    ),
    dict(
        id="elective-home-education-ehcp", number=10, section="education",
        title="Children electively home educated who have an EHC plan",
        definition="Children electively home educated, as at the end of the month, who have an "
        "education, health and care plan maintained by the council. Their provision is reviewed at "
        "each annual review.",
        unit="count", polarity="neutral", frequency="month", measure="snapshot", decimals=0,
        control="partial", owner=HOS_SEND, source="Elective home education register; SEND case records",
        series=counts({"2016-01": 2.4, "2017-01": 3.2, "2018-01": 4.3, "2019-01": 5.8, "2019-08": 7,
                       "2019-11": 8}, 0.8, "month", minimum=1, pins={"2019-08": 7, "2019-05": 4}),
    ),
    # ---------------------------------------------------------------- Early Help
    dict(
        id="early-help-open-cases", number=11, section="early-help",
        title="Children open to early help",
        definition="Children receiving a targeted early help service led by the council's early "
        "intervention and family support teams, as at the end of the month.",
        unit="count", polarity="neutral", frequency="month", measure="snapshot", decimals=0,
        control="partial", owner=HOS_EARLY_HELP, source="Early help case management system",
        series=counts({"2016-01": 910, "2017-06": 985, "2018-06": 1_060, "2019-08": 1_120, "2019-11": 1_150},
                      22, "month"),
    ),
    dict(
        id="early-help-outcomes-achieved", number=12, section="early-help",
        title="Early help cases closed with outcomes achieved",
        definition="Early help cases closed in the quarter where the family's plan was completed and its "
        "outcomes achieved, as a percentage of all early help cases closed in the quarter.",
        unit="percent", polarity="higher_is_better", frequency="quarter", measure="flow", decimals=1,
        rag=thresholds(80, 70), control="full", owner=HOS_EARLY_HELP,
        source="Early help case management system",
        series=percentages({"2016-03": 228, "2019-09": 286}, 9,
                           {"2016-03": 82.0, "2018-03": 84.5, "2019-03": 80.5, "2019-09": 79.5}, 1.0, "quarter",
                           pins={"2019-06": (209, 268)}),
    ),
    dict(
        id="early-help-families-disengaging", number=13, section="early-help",
        title="Early help cases closed because the family disengaged",
        definition="Early help cases closed in the quarter because the family withdrew consent or "
        "stopped engaging before the plan was completed, as a percentage of all early help cases closed "
        "in the quarter.",
        unit="percent", polarity="lower_is_better", frequency="quarter", measure="flow", decimals=1,
        rag=tolerance(10, 3), control="partial", owner=HOS_EARLY_HELP,
        source="Early help case management system",
        series=percentages({"2016-03": 228, "2019-09": 286}, 9,
                           {"2016-03": 9.0, "2018-03": 8.5, "2019-03": 11.0, "2019-09": 11.5}, 0.8, "quarter",
                           pins={"2019-06": (32, 268)}),
    ),
    dict(
        id="early-help-stepped-up", number=14, section="early-help",
        title="Early help cases stepped up to children's social care",
        definition="Early help cases closed in the quarter because concerns increased and the child was "
        "referred to children's social care, as a percentage of all early help cases closed in the "
        "quarter.",
        unit="percent", polarity="lower_is_better", frequency="quarter", measure="flow", decimals=1,
        rag=thresholds(10, 15), control="partial", owner=HOS_EARLY_HELP,
        source="Early help case management system",
        series=percentages({"2016-03": 228, "2019-09": 286}, 9,
                           {"2016-03": 8.0, "2018-03": 8.8, "2019-09": 9.3}, 0.8, "quarter"),
    ),
    dict(
        id="supporting-families-outcomes", number=15, section="early-help",
        title="Families turned around (Troubled Families programme)",
        definition="Families for whom the council made a payment-by-results claim under the national "
        "Troubled Families programme in the financial year, having achieved significant and sustained "
        "progress or continuous employment.",
        unit="count", polarity="higher_is_better", frequency="financial_year", measure="flow", decimals=0,
        rag=tolerance(380, 10, "percent_of_target"), control="partial", owner=HOS_EARLY_HELP,
        source="Troubled Families programme claims",
        series=counts({"2016-03": 142, "2017-03": 228, "2018-03": 296, "2019-03": 391}, 0, "financial_year"),
    ),
    # ---------------------------------------------------------------- Children's Social Care
    dict(
        id="referrals-received", number=16, section="childrens-social-care",
        title="Referrals to children's social care",
        definition="Referrals accepted by children's social care in the month: contacts that led to an "
        "assessment of whether the child is in need.",
        unit="count", polarity="neutral", frequency="month", measure="flow", decimals=0,
        control="partial", owner=AD_CSC, source="Children's social care case management system",
        series=referrals_received,
    ),
    dict(
        id="re-referrals-12-months", number=17, section="childrens-social-care",
        title="Re-referrals within 12 months of a previous referral",
        definition="Referrals in the 12 months to the end of the month for children who had been "
        "referred within the 12 months before, as a percentage of all referrals in those 12 months "
        "(DfE children in need measure; DfE publishes it for the year to 31 March).",
        unit="percent", polarity="lower_is_better", frequency="rolling_12_months", measure="flow", decimals=1,
        rag=benchmark(LONDON, ENGLAND), comparators=COMPARE_LAIT, control="partial", owner=AD_CSC,
        source="Children's social care case management system",
        series=re_referrals, benchmarks="lait:ReReferral",
    ),
    dict(
        id="assessments-within-45-days", number=18, section="childrens-social-care",
        title="Children and family assessments completed within 45 working days",
        definition="Children and family assessments completed in the month within 45 working days of "
        "the referral, as a percentage of all assessments completed in the month.",
        unit="percent", polarity="higher_is_better", frequency="month", measure="flow", decimals=1,
        rag=thresholds(90, 80), comparators=COMPARE_ILLUSTRATIVE, control="full", owner=AD_CSC,
        source="Children's social care case management system",
        series=percentages({"2016-01": 232, "2019-11": 281}, 12,
                           {"2016-01": 86.0, "2017-06": 90.0, "2018-06": 92.5, "2019-11": 92.0}, 1.6, "month"),
        benchmarks=illustrative({
            "2016-03": {LONDON: 84.1, ENGLAND: 83.4}, "2017-03": {LONDON: 84.9, ENGLAND: 82.9},
            "2018-03": {LONDON: 85.2, ENGLAND: 82.7}}),
        benchmark_source="illustrative",
    ),
    dict(
        id="icpc-within-15-days", number=19, section="childrens-social-care",
        title="Initial child protection conferences held within 15 working days",
        definition="Initial child protection conferences held in the quarter within 15 working days of "
        "the strategy discussion at which the section 47 enquiry started, as a percentage of all "
        "initial child protection conferences held in the quarter.",
        unit="percent", polarity="higher_is_better", frequency="quarter", measure="flow", decimals=1,
        rag=benchmark(LONDON, ENGLAND, SN), comparators=COMPARE_LAIT, control="full", owner=HOS_SAFEGUARDING,
        source="Children's social care case management system",
        series=percentages({"2016-03": 58, "2019-09": 76}, 5,
                           {"2016-03": 86.0, "2017-03": 85.0, "2018-03": 80.5, "2019-03": 79.0, "2019-09": 83.0},
                           2.5, "quarter"),
        benchmarks="lait:CP_conf_15days",
    ),
    dict(
        id="child-protection-plans-rate", number=20, section="childrens-social-care",
        title="Children subject to a child protection plan, rate per 10,000",
        definition="Children subject to a child protection plan at the end of the month, per 10,000 "
        "children aged under 18 living in the borough (ONS mid-year estimate).",
        unit="rate", rate_per=10_000, polarity="neutral", frequency="month", measure="snapshot", decimals=1,
        comparators=COMPARE_ILLUSTRATIVE, control="partial", owner=HOS_SAFEGUARDING,
        source="Children's social care case management system; ONS mid-year population estimates",
        series="cp-rate",
        benchmarks=illustrative({
            "2016-03": {LONDON: 39.3, ENGLAND: 43.1}, "2017-03": {LONDON: 39.9, ENGLAND: 43.3},
            "2018-03": {LONDON: 40.6, ENGLAND: 45.3}}),
        benchmark_source="illustrative",
    ),
    dict(
        id="repeat-child-protection-plans", number=21, section="childrens-social-care",
        title="Child protection plans starting that are a second or subsequent plan",
        definition="Children who became the subject of a child protection plan in the quarter and had "
        "been the subject of a plan before, at any time, as a percentage of all children who became "
        "the subject of a plan in the quarter.",
        unit="percent", polarity="lower_is_better", frequency="quarter", measure="flow", decimals=1,
        rag=tolerance(15, 3), comparators=COMPARE_LAIT, control="partial", owner=HOS_SAFEGUARDING,
        source="Children's social care case management system",
        series=percentages({"2016-03": 52, "2019-09": 64}, 7,
                           {"2016-03": 20.0, "2017-03": 19.0, "2018-03": 18.5, "2019-03": 14.5, "2019-09": 13.0},
                           3.5, "quarter", pins={"2019-06": (8, 58), "2018-12": (4, 47)}),
        benchmarks="lait:PrevRegCPR",
    ),
    dict(
        id="children-looked-after", number=22, section="childrens-social-care",
        title="Number of children looked after",
        definition="Children looked after by the council at the end of the month, under a care order, "
        "a placement order, section 20 of the Children Act 1989 (voluntary accommodation) or on remand.",
        unit="count", polarity="neutral", frequency="month", measure="snapshot", decimals=0,
        control="partial", owner=HOS_CLA, source="Children's social care case management system (SSDA903)",
        series=children_looked_after,
    ),
    dict(
        id="children-looked-after-rate", number=23, section="childrens-social-care",
        title="Children looked after, rate per 10,000",
        definition="Children looked after at the end of the month per 10,000 children aged under 18 "
        "living in the borough (ONS mid-year estimate). DfE publishes the rate at 31 March.",
        unit="rate", rate_per=10_000, polarity="neutral", frequency="month", measure="snapshot", decimals=0,
        comparators=COMPARE_LAIT, control="partial", owner=HOS_CLA,
        source="Children's social care case management system; ONS mid-year population estimates",
        series=children_looked_after_rate, benchmarks="lait:LAC",
    ),
    dict(
        id="placement-stability-short-term", number=24, section="childrens-social-care",
        title="Stability of placements of children looked after: number of placements",
        subject="the percentage of children looked after with three or more placements in the year",
        definition="Children looked after at the end of the month who had three or more placements "
        "during the previous 12 months, as a percentage of all children looked after at the end of the "
        "month (DfE measures it at 31 March).",
        unit="percent", polarity="lower_is_better", frequency="rolling_12_months", measure="flow", decimals=1,
        rag=benchmark(LONDON, ENGLAND), comparators=COMPARE_LAIT, control="partial", owner=HOS_CLA,
        source="Children's social care case management system (SSDA903)",
        series=short_term_stability, benchmarks="lait:LACStable_2016on",
    ),
    dict(
        id="placement-stability-long-term", number=25, section="childrens-social-care",
        title="Stability of placements of children looked after: length of placement",
        subject="the percentage of children looked after long term who have been in the same placement for two years",
        definition="Children under 16 who have been looked after continuously for at least two and a "
        "half years, the percentage who have been in the same placement for at least two years, or "
        "are placed for adoption and their adoptive placement together with their previous placement "
        "lasted at least two years, as at the end of the month (DfE measures it at 31 March).",
        unit="percent", polarity="higher_is_better", frequency="month", measure="snapshot", decimals=0,
        rag=tolerance(65, 5), comparators=COMPARE_LAIT, control="partial", owner=HOS_CLA,
        source="Children's social care case management system (SSDA903)",
        series=percentages({"2016-01": 96, "2017-06": 99, "2018-06": 103, "2019-08": 107, "2019-11": 108}, 2,
                           {"2016-01": 63.5, "2017-03": 65.5, "2018-03": 65.0, "2018-09": 60.0,
                            "2019-03": 56.0, "2019-08": 54.5, "2019-11": 56.5}, 1.2, "month",
                           pins=PINNED["placement-stability-long-term"]),
        benchmarks="lait:LAC_LongStable%",
    ),
    dict(
        id="missing-from-care-episodes", number=26, section="childrens-social-care",
        title="Episodes of children going missing from care",
        definition="Episodes in the month in which a child looked after was missing from their "
        "placement or from a place they were expected to be. One child may have several episodes.",
        unit="count", polarity="lower_is_better", frequency="month", measure="flow", decimals=0,
        rag=thresholds(40, 55), control="partial", owner=HOS_CLA,
        source="Children's social care case management system (SSDA903)",
        series=counts({"2016-01": 26, "2018-01": 31, "2019-11": 34}, 5, "month", season={7: 1.2, 8: 1.15},
                      pins={"2019-08": 38}),
    ),
    dict(
        id="care-leavers-suitable-accommodation", number=27, section="childrens-social-care",
        title="Care leavers aged 19, 20 and 21 in suitable accommodation (DfE definition)",
        definition="Former relevant care leavers aged 19, 20 and 21 whose accommodation the council "
        "considers suitable, as a percentage of all care leavers of those ages, as at the end of the "
        "quarter, from contact around each young person's birthday. Care leavers who decline support "
        "from the council are counted as not known to be suitably accommodated; the second set of "
        "figures leaves them out.",
        unit="percent", polarity="higher_is_better", frequency="quarter", measure="snapshot", decimals=0,
        rag=benchmark(LONDON, ENGLAND), comparators=COMPARE_LAIT, control="partial", owner=HOS_CLA,
        headline_label="including care leavers who decline support",
        variants=[{"id": "excluding-declined", "label": "excluding care leavers who decline support"}],
        source="Leaving care case records (SSDA903)",
        series=care_leavers_accommodation, benchmarks="lait:CareLeaverAcc",
    ),
    dict(
        id="care-leavers-eet", number=28, section="childrens-social-care",
        title="Care leavers aged 19, 20 and 21 in education, employment or training",
        definition="Former relevant care leavers aged 19, 20 and 21 in education, employment or "
        "training, as a percentage of all care leavers of those ages, as at the end of the quarter, "
        "from contact around each young person's birthday.",
        unit="percent", polarity="higher_is_better", frequency="quarter", measure="snapshot", decimals=0,
        rag=thresholds(50, 45), comparators=COMPARE_LAIT, control="partial", owner=HOS_CLA,
        source="Leaving care case records (SSDA903)",
        series=care_leavers_eet, benchmarks="lait:CareLeaverEET",
    ),
    dict(
        id="social-worker-caseload", number=29, section="childrens-social-care",
        title="Average caseload of children and family social workers",
        definition="Cases held by case-holding children and family social workers divided by their "
        "full-time equivalent number, as at the end of the month (DfE measures it at 30 September). "
        "Newly qualified social workers carry lower caseloads by design.",
        unit="number", polarity="lower_is_better", frequency="month", measure="snapshot", decimals=1,
        rag=tolerance(15, 2), comparators=COMPARE_LAIT, control="full", owner=AD_CSC,
        source="Children's social care case management system; HR establishment records",
        series=measures({"2016-01": 16.8, "2016-09": 16.2, "2017-09": 13.6, "2018-09": 14.5, "2019-07": 14.6,
                         "2019-08": 14.6}, 0.3, 1, "month",
                        pins={"2019-08": 14.6, "2019-09": 15.1, "2019-10": 15.4, "2019-11": 15.8}),
        benchmarks="lait:Work_Force_AvgNumCase_SW",
    ),
    dict(
        id="agency-social-workers", number=30, section="childrens-social-care",
        title="Agency children and family social workers",
        definition="Agency children and family social workers (full-time equivalent) as a percentage of "
        "all children and family social workers, agency and employed, as at the end of the quarter "
        "(DfE measures it at 30 September).",
        unit="percent", polarity="lower_is_better", frequency="quarter", measure="snapshot", decimals=1,
        rag=thresholds(20, 30), comparators=COMPARE_LAIT, control="full", owner=AD_CSC,
        source="HR establishment records",
        # Full-time equivalents of agency and all social workers, so Part 1 can check the counts.
        series=percentages({"2016-03": 171, "2019-09": 178}, 2,
                           {"2016-03": 43.0, "2016-09": 41.0, "2017-09": 45.0, "2018-09": 31.5, "2019-06": 26.4,
                            "2019-09": 24.8}, 0.9, "quarter", pins={"2019-06": (47, 178), "2019-09": (44, 177)}),
        benchmarks="lait:Work_Force_Agecy_Rate",
    ),
    dict(
        id="upheld-complaints", number=31, section="childrens-social-care",
        title="Complaints about children's social care upheld",
        definition="Complaints about children's social care under the Children Act 1989 representations "
        "procedure that were upheld or partly upheld at any stage in the quarter.",
        unit="count", polarity="lower_is_better", frequency="quarter", measure="flow", decimals=0,
        rag=thresholds(2, 4), control="full", owner=HOS_SAFEGUARDING, source="Complaints register",
        series=small_counts([0, 1, 1, 2, 2, 3, 3, 4, 5, 6], "quarter", pins={"2019-06": 3, "2019-09": 2}),
    ),
    dict(
        id="private-fostering-arrangements", number=32, section="childrens-social-care",
        title="Private fostering arrangements",
        definition="Children in private fostering arrangements notified to the council (under 16, or "
        "under 18 if disabled, cared for by someone who is not a close relative for 28 days or more), "
        "as at the end of the month.",
        unit="count", polarity="neutral", frequency="month", measure="snapshot", decimals=0,
        control="partial", owner=HOS_SAFEGUARDING, source="Private fostering register",
        disclosure={"suppress_zero": True},
        series=small_counts([0, 1, 2, 2, 3, 3, 4, 4, 5, 6], "month", pins={"2019-08": 3, "2019-11": 4}),
    ),
    dict(
        id="young-people-remanded", number=33, section="childrens-social-care",
        title="Young people remanded to youth detention accommodation",
        definition="Young people aged 10 to 17 remanded to youth detention accommodation by a court in "
        "the quarter. They become looked after by the council while on remand.",
        unit="count", polarity="lower_is_better", frequency="quarter", measure="flow", decimals=0,
        rag=thresholds(1, 2), control="partial", owner="Head of Youth Offending Service",
        source="Youth offending service case records",
        series=small_counts([0, 0, 1, 1, 1, 2, 3], "quarter", pins={"2019-06": 1, "2019-09": 2}),
    ),
    # ---------------------------------------------------------------- Education: SEND
    dict(
        id="ehcp-within-20-weeks", number=34, section="education",
        title="Education, health and care plans issued within the statutory 20 weeks",
        definition="New education, health and care (EHC) plans issued in the quarter within 20 weeks of "
        "the request for an EHC needs assessment, including cases where an exception to the time limit "
        "applies, as a percentage of all new EHC plans issued in the quarter. DfE publishes the figure "
        "for each calendar year.",
        unit="percent", polarity="higher_is_better", frequency="quarter", measure="flow", decimals=0,
        rag=benchmark(LONDON, ENGLAND), comparators=COMPARE_LAIT, control="full", owner=HOS_SEND,
        source="SEND case management system (SEN2 return)",
        series=ehcp_within_20_weeks, benchmarks="lait:SEN_EHC_All_20wks",
    ),
    dict(
        id="ehc-needs-assessments", number=35, section="education",
        title="EHC needs assessments undertaken",
        definition="EHC needs assessments the council agreed to carry out, counted by calendar year to "
        "date (January to the end of the month). The year-end figure is projected from the share of "
        "each of the previous two years' assessments that had been reached by the same month.",
        unit="count", polarity="neutral", frequency="month", measure="flow", decimals=0,
        cumulative={"year": "calendar_year"}, projection={"method": "seasonal", "profile_years": 2},
        control="partial", owner=HOS_SEND, source="SEND case management system",
        series=ehc_needs_assessments,
    ),
    dict(
        id="ehc-plans-maintained", number=36, section="education",
        title="Education, health and care plans maintained",
        definition="Children and young people aged 0 to 25 with an education, health and care plan "
        "maintained by the council, as at the end of the month.",
        unit="count", polarity="neutral", frequency="month", measure="snapshot", decimals=0,
        control="partial", owner=HOS_SEND, source="SEND case management system",
        series=counts({"2016-01": 1_652, "2017-01": 1_866, "2018-01": 2_094, "2019-01": 2_352, "2019-08": 2_488,
                       "2019-11": 2_566}, 8, "month"),
    ),
    dict(
        id="ehc-plans-issued", number=37, section="education",
        title="New education, health and care plans issued",
        definition="New education, health and care plans issued by the council in the calendar year "
        "(the denominator of indicator 34, summed over the year).",
        unit="count", polarity="neutral", frequency="calendar_year", measure="flow", decimals=0,
        control="partial", owner=HOS_SEND, source="SEND case management system (SEN2 return)",
        series=ehc_plans_issued,
    ),
    # ---------------------------------------------------------------- Finance
    dict(
        id="forecast-outturn-variance", number=38, section="finance",
        title="Forecast outturn variance against the children's services budget",
        definition="The forecast year-end overspend (positive) or underspend (negative) against the net "
        "revenue budget for children's social care, early help and education, as reported at the end "
        "of the month. The March figure is the outturn for the financial year.",
        unit="currency", polarity="lower_is_better", frequency="month", measure="snapshot", decimals=0,
        rag=thresholds(0, 1_500_000), control="full", owner=HOS_FINANCE, source="Council budget monitoring",
        series=forecast_outturn_variance,
    ),
    dict(
        id="spend-per-child", number=39, section="finance",
        title="Children and young people's services spend per child",
        definition="Gross expenditure on children and young people's services (section 251 outturn, "
        "excluding capital expenditure from revenue) in the financial year, divided by the number of "
        "children aged 0 to 17 living in the borough at the mid-year estimate at its start.",
        unit="currency", polarity="lower_is_better", frequency="financial_year", measure="flow", decimals=0,
        rag=benchmark(LONDON, ENGLAND), comparators=COMPARE_LAIT, control="full", owner=HOS_FINANCE,
        source="Section 251 outturn return; ONS mid-year population estimates",
        series=measures({"2016-03": 571, "2017-03": 583, "2018-03": 612, "2019-03": 698}, 0, 0,
                        "financial_year"),
        benchmarks="derived:spend-per-child",
    ),
    dict(
        id="spend-per-child-looked-after", number=40, section="finance",
        title="Spend on children looked after per child looked after",
        definition="Gross expenditure on children looked after (section 251 outturn) in the financial "
        "year, divided by the number of children looked after at 31 March at its end.",
        unit="currency", polarity="lower_is_better", frequency="financial_year", measure="flow", decimals=0,
        rag=benchmark(LONDON, ENGLAND), comparators=COMPARE_LAIT, control="partial", owner=HOS_FINANCE,
        source="Section 251 outturn return; SSDA903",
        series=measures({"2016-03": 62_900, "2017-03": 64_800, "2018-03": 67_600, "2019-03": 72_900}, 0, 0,
                        "financial_year"),
        benchmarks="derived:spend-per-child-looked-after",
    ),
    dict(
        id="residential-placement-weekly-cost", number=41, section="finance",
        title="Average weekly cost of a residential children's home placement",
        definition="The average weekly fee for children looked after placed in residential children's "
        "homes run by independent providers, for placements open at the end of the quarter.",
        unit="currency", polarity="lower_is_better", frequency="quarter", measure="snapshot", decimals=0,
        rag=tolerance(4_200, 5, "percent_of_target"), comparators=[LONDON], control="partial",
        owner=HOS_FINANCE, source="Placements commissioning records",
        series=measures({"2016-03": 3_420, "2017-03": 3_610, "2018-03": 3_880, "2019-03": 4_240,
                         "2019-09": 4_410}, 45, 0, "quarter", pins={"2019-06": 4_380}),
        benchmarks=illustrative({
            "2016-03": {LONDON: 3_380}, "2017-03": {LONDON: 3_570}, "2018-03": {LONDON: 3_760},
            "2019-03": {LONDON: 4_120}}),
        benchmark_source="illustrative (a fictional London placements benchmarking group)",
    ),
    dict(
        id="care-proceedings-legal-costs", number=42, section="finance",
        title="External legal costs of care proceedings",
        definition="Counsel's fees and other external legal costs of care proceedings paid in the "
        "quarter.",
        unit="currency", polarity="lower_is_better", frequency="quarter", measure="flow", decimals=0,
        rag=tolerance(150_000, 10, "percent_of_target"), control="partial", owner="Head of Legal Services",
        exempt={"paragraph": 5, "reason": "Information in respect of which a claim to legal professional "
                "privilege could be maintained in legal proceedings: the costs relate to live care "
                "proceedings."},
        source="Legal services case costs",
        series=measures({"2016-03": 118_000, "2017-03": 131_000, "2018-03": 142_000, "2019-03": 151_000,
                         "2019-09": 149_000}, 9_000, 0, "quarter", pins={"2019-06": 158_200}),
    ),
    dict(
        id="highest-cost-placements", number=43, section="finance",
        title="Annual cost of the five highest-cost placements",
        definition="The combined annualised cost of the five most expensive placements of children "
        "looked after open at the end of the quarter, with the provider of each.",
        unit="currency", polarity="neutral", frequency="quarter", measure="snapshot", decimals=0,
        control="partial", owner=HOS_FINANCE,
        exempt={"paragraph": 3, "reason": "Information relating to the financial or business affairs "
                "of particular persons: the fees agreed with named providers."},
        source="Placements commissioning records",
        series=highest_cost_placements,
    ),
    dict(
        id="children-at-risk-of-cse", number=44, section="childrens-social-care",
        title="Children assessed as at risk of child sexual exploitation",
        definition="Children open to children's social care assessed as at risk of child sexual "
        "exploitation and discussed at the multi-agency sexual exploitation panel, as at the end of the "
        "month.",
        unit="count", polarity="neutral", frequency="month", measure="snapshot", decimals=0,
        control="partial", owner=HOS_SAFEGUARDING,
        exempt={"paragraph": 2, "reason": "Information likely to reveal the identity of an individual: "
                "the cohort is small and known to partners by school and area."},
        source="Multi-agency sexual exploitation panel records",
        series=counts({"2016-01": 12, "2018-01": 16, "2019-11": 19}, 2.2, "month"),
    ),
]


def child_protection_plans_rate(rng: random.Random) -> list[dict]:
    trend = {"2016-01": 262, "2017-01": 251, "2018-01": 268, "2019-01": 281, "2019-11": 276}
    return [row(p, None, round(rng.gauss(level_at(trend, p), 7)), round(level_at(POPULATION_0_17, p)))
            for p in periods_for("month")]


SPECIAL_SERIES = {"cp-rate": child_protection_plans_rate}

# Where the comparators' periods are longer or shorter than the indicator's own. DfE's "year to
# 31 March" measures are financial years; SEN2 timeliness is a calendar year; the workforce
# census is a snapshot at 30 September (a month). Snapshots at 31 March (children looked after
# rate, child protection plans rate) stay monthly, like the indicator.
BENCHMARK_FREQUENCY = {
    "re-referrals-12-months": "financial_year",
    "assessments-within-45-days": "financial_year",
    "icpc-within-15-days": "financial_year",
    "repeat-child-protection-plans": "financial_year",
    "placement-stability-short-term": "financial_year",
    "placement-stability-long-term": "financial_year",
    "care-leavers-suitable-accommodation": "financial_year",
    "care-leavers-eet": "financial_year",
    "agency-social-workers": "month",
    "ehcp-within-20-weeks": "calendar_year",
    "residential-placement-weekly-cost": "financial_year",
}
for _spec in INDICATORS:
    if _spec["id"] in BENCHMARK_FREQUENCY:
        _spec["benchmark_frequency"] = BENCHMARK_FREQUENCY[_spec["id"]]

DEFINITION_KEYS = ["id", "number", "title", "subject", "section", "definition", "unit", "rate_per", "polarity",
                   "frequency", "publication_lag_months", "measure", "cumulative", "projection", "decimals", "rag", "comparators",
                   "benchmark_frequency", "benchmark_basis", "control", "exempt", "disclosure", "headline_label", "variants",
                   "breakdowns", "owner", "source"]


# --------------------------------------------------------------------------------------------
# Breakdowns: the categories of each (indicator, period, dimension) sum to the indicator's value
# --------------------------------------------------------------------------------------------

SCHOOLS = ["Kingsbridge Academy", "Hollowell Park School", "St Aldhelm's Church of England School",
           "Northfield Academy", "Ravenscourt School", "Beechwood Grammar School",
           "Marlow Vale Academy", "Eastbrook School", "Langley Hall Girls' School", "Kingsbridge Studio College"]


def breakdown_rows(values: dict[tuple[str, str], float]) -> list[dict]:
    rng = random.Random(f"{SEED}-breakdowns")
    out = []

    def add(indicator, period, dimension, categories, parts):
        assert sum(parts) == values[(indicator, period)], (indicator, period, dimension)
        out.extend({"indicator": indicator, "period": period, "dimension": dimension, "category": c, "value": v}
                   for c, v in zip(categories, parts, strict=True))

    excl = "secondary-permanent-exclusions"
    add(excl, "2019-08", "School", SCHOOLS, [14, 11, 9, 8, 7, 5, 4, 2, 1, 1])
    add(excl, "2018-08", "School", SCHOOLS, [12, 6, 10, 7, 5, 4, 3, 3, 2, 1])
    add(excl, "2019-08", "Ethnicity", ["White British", "White other", "Black Caribbean", "Black African",
                                       "Mixed White and Black Caribbean", "Other mixed background",
                                       "Asian or Asian British", "Other or not known"],
        [27, 4, 10, 5, 7, 3, 2, 4])
    add(excl, "2019-08", "Sex", ["Boys", "Girls"], [49, 13])
    add(excl, "2019-08", "Special educational needs", ["EHC plan", "SEN support", "No identified SEN"],
        [4, 21, 37])

    age_bands = ["Under 1", "1 to 4", "5 to 9", "10 to 15", "16 and 17"]
    legal = ["Care order", "Placement order", "Section 20 (voluntary accommodation)", "Remanded or other"]
    for period in ("2019-08", "2019-11"):
        total = int(values[("children-looked-after", period)])
        add("children-looked-after", period, "Age band", age_bands,
            split_exactly(total, [4.2 * rng.uniform(0.9, 1.1), 10.8, 17.6, 39.0, 28.4]))
        add("children-looked-after", period, "Legal status", legal,
            split_exactly(total, [67.5, 7.9, 23.1, 1.2 * rng.uniform(0.8, 1.2)]))

    year_groups = ["Reception"] + [f"Year {n}" for n in range(1, 12)]
    weights = [0.9, 1.6, 2.2, 3.0, 4.1, 5.6, 7.4, 9.2, 11.8, 14.9, 18.2, 21.1]
    for period in ("2019-08", "2019-11"):
        total = int(values[("elective-home-education", period)])
        add("elective-home-education", period, "Year group", year_groups,
            split_exactly(total, [w * rng.uniform(0.85, 1.15) for w in weights]))

    for period in ("2019-06", "2019-09"):
        total = int(values[("highest-cost-placements", period)])
        add("highest-cost-placements", period, "Provider", HIGH_COST_PROVIDERS,
            split_exactly(total, [26.0, 21.5, 19.0, 17.5, 16.0]))
    return out


# --------------------------------------------------------------------------------------------
# Project files
# --------------------------------------------------------------------------------------------

MEETINGS = [  # report period, meeting date, report reference (numbered within each calendar year)
    ("2018-02", "2018-03-20", "CEF18002"),
    ("2018-05", "2018-07-10", "CEF18003"),
    ("2018-08", "2018-11-13", "CEF18004"),
    ("2018-11", "2019-01-22", "CEF19001"),
    ("2019-02", "2019-03-19", "CEF19002"),
    ("2019-05", "2019-07-09", "CEF19003"),
    ("2019-08", "2019-11-12", "CEF19004"),
    ("2019-11", "2020-01-21", "CEF20001"),
]

CONFIG = {
    "$schema": "schema/config.schema.json",
    "authority": "London Borough of Kingsbridge",
    "committee": "Children, Education and Families Select Committee",
    "title": "Children's Scrutiny Dataset",
    "department": "Children, Education and Families",
    "contact": {"name": "Priya Ramsden", "role": "Head of Performance and Information, Children's Services",
                "email": "priya.ramsden@kingsbridge.gov.uk", "phone": "020 7946 0321"},
    "sections": [
        {"id": "childrens-social-care", "title": "Children's Social Care"},
        {"id": "early-help", "title": "Early Help"},
        {"id": "education", "title": "Education"},
        {"id": "finance", "title": "Finance"},
    ],
    "meetings": [{"period": p, "date": dt.date.fromisoformat(d), "reference": r} for p, d, r in MEETINGS],
    "disclosure": {"suppress_below": 5, "suppress_zero": False, "symbol": "[c]", "min_denominator": 10},
    "data_folder": "sample_data",
    "stale_after_months": 6,
    # Kingsbridge is fictional, so it names no area of its own: its figures are ranked as one more
    # London authority. Its neighbours are Bromley's, the borough it is modelled on.
    "benchmarking": {
        "region": "London",
        "statistical_neighbours": [AUTHORITIES[code]["name"] for code in SN_CODES],
        "neighbours_source": "DfE children's services statistical neighbour benchmarking tool, April 2021, "
        "the neighbours of Bromley",
    },
}


def month_name(period: str) -> str:
    return dt.date(int(period[:4]), int(period[5:]), 1).strftime("%B %Y")


def papers_register() -> dict:
    papers = []
    for period, date, reference in MEETINGS:
        if month_index(period) >= month_index("2019-08"):
            continue
        papers.append({"reference": reference, "meeting_date": dt.date.fromisoformat(date), "period": period,
                       "title": f"Children's Scrutiny Dataset: performance to the end of {month_name(period)}",
                       "url": f"https://democracy.kingsbridge.gov.uk/documents/{reference}.pdf"})
    return {"$schema": "schema/papers.schema.json", "papers": papers}


DIRECTOR_CS = "Director of Children's Services"

ACTIONS = [
    dict(number="CEF18004/1", raised="2018-11-13", owner=HOS_SEND, due="2019-01-22", status="completed",
         completed="2019-01-22",
         text="That the Head of SEND report on the capacity of the EHC assessment team in the light of the "
         "rise in requests for EHC needs assessments.",
         update="Reported to the meeting on 22 January 2019 (CEF19001). Two additional EHC coordinators "
         "were recruited from April 2019."),
    dict(number="CEF19001/2", raised="2019-01-22", owner=HOS_CLA, due="2019-03-19", status="open",
         text="That the findings of the audit of the suitability of care leavers' accommodation be "
         "circulated to Members.",
         update="The audit was extended to include care leavers living out of the borough; findings "
         "are now expected in December 2019."),
    dict(number="CEF19002/1", raised="2019-03-19", owner=DIRECTOR_EDUCATION, due="2019-07-09",
         status="completed", completed="2019-07-09",
         text="That officers provide Members with a breakdown of secondary permanent exclusions by school "
         "and by pupil characteristics.",
         update="Circulated to Members on 2 July 2019 as a Part 2 briefing note."),
    dict(number="CEF19003/1", raised="2019-07-09", owner=AD_CSC, due="2019-11-12", status="open",
         text="That the Assistant Director of Children's Social Care report on the recruitment and "
         "retention of permanent social workers and the reduction of agency staff.",
         update="The agency rate fell from 33% to 26% in the year to June 2019 (indicator 30). A full "
         "workforce report is on the agenda for 12 November 2019."),
    dict(number="CEF19003/2", raised="2019-07-09", owner=HOS_EARLY_HELP, due="2019-11-12", status="dropped",
         text="That Members visit the Kingsbridge family hub before the November meeting.",
         update="Superseded: the family hub opening moved to spring 2020; a visit will be offered then."),
    dict(number="CEF19004/1", raised="2019-11-12", owner=DIRECTOR_CS, due="2020-01-21", status="open",
         text="That future performance reports be accompanied by a Part 1 summary detailing as much "
         "information as possible, with only figures that could identify individuals reported in Part 2."),
    dict(number="CEF19004/2", raised="2019-11-12", owner=DIRECTOR_EDUCATION, due="2020-01-21", status="open",
         text="That at the January meeting the Director of Education provides the Committee with an update "
         "concerning the external review on early intervention in relation to permanent exclusions."),
    dict(number="CEF19004/3", raised="2019-11-12", owner=DIRECTOR_CS, due="2020-01-21", status="open",
         text="That more detail be included in reports to support Members in their scrutiny role."),
    dict(number="CEF19004/4", raised="2019-11-12", owner=AD_CSC, due="2020-01-21", status="open",
         text="That officers consider tracking the number of complaints upheld as a performance measure, as "
         "upheld complaints could indicate a service issue."),
    dict(number="CEF19004/5", raised="2019-11-12", owner=HOS_CLA, due="2020-01-21", status="open",
         text="That the care leavers accommodation indicator show two sets of figures: one including care "
         "leavers who decline support and one excluding them."),
]

NEXT_CYCLE_UPDATES = {
    "CEF19001/2": ("2020-01-21", "Audit findings circulated to Members on 9 January 2020: 11 care leavers "
                   "moved to more suitable accommodation as a result."),
    "CEF19004/1": ("2020-01-21", "This report has a Part 1 summary; indicators withheld in whole or in "
                   "part are listed with the Schedule 12A paragraph that applies."),
    "CEF19004/2": ("2020-01-21", "The external review reported in November 2019. Its recommendations on "
                   "inclusion support and a fair access protocol are in the update on the agenda."),
    "CEF19004/3": ("2020-01-21", "Each amber or red indicator now has context and the action being taken, "
                   "with links to earlier reports for indicators that have stayed red."),
    "CEF19004/4": ("2020-01-21", "Upheld complaints are reported quarterly as indicator 31."),
    "CEF19004/5": ("2020-01-21", "Indicator 27 now shows both sets of figures."),
}


def action_log(next_cycle: bool) -> dict:
    actions = []
    for action in ACTIONS:
        item = dict(action)
        if next_cycle and item["number"] in NEXT_CYCLE_UPDATES:
            item["completed"], item["update"] = NEXT_CYCLE_UPDATES[item["number"]]
            item["status"] = "completed"
        if item["number"] == "CEF19003/1" and next_cycle:
            item.update(status="completed", completed="2019-11-12",
                        update="Workforce report considered on 12 November 2019 (CEF19004).")
        for key in ("raised", "due", "completed"):
            if key in item:
                item[key] = dt.date.fromisoformat(item[key])
        actions.append({k: item[k] for k in ("number", "raised", "text", "owner", "due", "status", "completed",
                                             "update") if k in item})
    if next_cycle:
        actions.append({"number": "CEF20001/1", "raised": dt.date(2020, 1, 21), "owner": HOS_INCLUSION,
                        "text": "That the next education report include the monitoring arrangements for "
                        "electively home educated children, especially those with EHC plans.",
                        "due": dt.date(2020, 3, 17), "status": "open"})
    schema = "../../schema/actions.schema.json" if next_cycle else "schema/actions.schema.json"
    return {"$schema": schema, "actions": actions}




# --------------------------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------------------------

RESERVED = {"yes", "no", "true", "false", "on", "off", "null", "y", "n", "~"}
PLAIN = re.compile(r"^[A-Za-z][^\n]*$")


def yaml_scalar(value, flow: bool = False) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    plain = (PLAIN.match(text) and ": " not in text and " #" not in text and not text.endswith(":")
             and text.lower() not in RESERVED and text == text.strip()
             and not (flow and any(c in text for c in ",[]{}")))
    return text if plain else json.dumps(text, ensure_ascii=False)


def yaml_lines(data, indent: int = 0) -> list[str]:
    pad = " " * indent
    lines = []
    for key, value in data.items():
        if value is None or value == [] or value == {}:
            continue
        if isinstance(value, Commented):
            lines.append(f"{pad}# {value.comment}")
            value = value.value
        if isinstance(value, dict):
            lines.append(f"{pad}{key}:")
            lines += yaml_lines(value, indent + 2)
        elif isinstance(value, list) and all(isinstance(v, dict) for v in value):
            lines.append(f"{pad}{key}:")
            for item in value:
                item_lines = yaml_lines(item, indent + 4)
                lines.append(f"{pad}  - {item_lines[0].lstrip()}")
                lines += item_lines[1:]
        elif isinstance(value, list):
            lines.append(f"{pad}{key}: [{', '.join(yaml_scalar(v, flow=True) for v in value)}]")
        elif isinstance(value, str) and len(value) > 80:
            lines.append(f"{pad}{key}: >-")
            lines += textwrap.wrap(value, width=96, initial_indent=pad + "  ", subsequent_indent=pad + "  ",
                                   break_long_words=False, break_on_hyphens=False)
        else:
            lines.append(f"{pad}{key}: {yaml_scalar(value)}")
    return lines


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def write_yaml(path: Path, data: dict, comment: str | None = None) -> None:
    header = f"# {comment}\n" if comment else ""
    if "$schema" in data:
        # VS Code's YAML extension (yaml-language-server) reads the schema only from this
        # comment; the `$schema` key serves JetBrains editors and kpicli's own tests.
        header = f"# yaml-language-server: $schema={data['$schema']}\n" + header
    write_text(path, header + "\n".join(yaml_lines(data)) + "\n")


def write_csv(path: Path, header: list[str], rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        for r in rows:
            writer.writerow({k: "" if r.get(k) is None else r[k] for k in header})


def format_number(value) -> str | int | None:
    if value is None or isinstance(value, int):
        return value
    return f"{value:.6f}".rstrip("0").rstrip(".")


# --------------------------------------------------------------------------------------------
# Building everything
# --------------------------------------------------------------------------------------------

def build_values() -> list[dict]:
    out = []
    for spec in INDICATORS:
        generator = spec["series"]
        if isinstance(generator, str):
            generator = SPECIAL_SERIES[generator]
        rows = generator(random.Random(f"{SEED}-{spec['id']}"))
        rows.sort(key=lambda r: (r["variant"], month_index(r["period"])))
        for r in rows:
            out.append({"indicator": spec["id"], **r, "value": format_number(r["value"])})
    return out


def build_benchmarks() -> tuple[list[dict], dict[str, str]]:
    lait = Lait()
    assert statistical_neighbours(BROMLEY) == SN_CODES, "statistical neighbour list changed"
    out, sources = [], {}
    area_order = {LONDON: 0, OUTER: 1, ENGLAND: 2, SN: 3}
    for spec in INDICATORS:
        source = spec.get("benchmarks")
        if source is None:
            continue
        if isinstance(source, list):
            rows, source = source, "illustrative"
        elif source.startswith("lait:"):
            measure = source[5:]
            years, year_type, places, is_exclusion = LAIT_MEASURES[measure]
            rows = lait_benchmarks(lait, measure, years, year_type, places, is_exclusion)
        elif source == "derived:spend-per-child":
            rows = spend_per_child_benchmarks()
        elif source == "derived:spend-per-child-looked-after":
            rows = spend_per_child_looked_after_benchmarks(lait)
        else:
            raise ValueError(source)
        sources[spec["id"]] = source
        rows = sorted(rows, key=lambda r: (month_index(r[0]), area_order.get(r[1], 9) if len(r) == 3 else 10))
        out += [
            {"indicator": spec["id"], "period": r[0], "area": r[1],
             "value": r[2] if isinstance(r[2], str) else format_number(r[2]), **(r[3] if len(r) > 3 else {})}
            for r in rows
        ]
    return out, sources


def definition_document(spec: dict) -> dict:
    doc = {"$schema": "../schema/indicator.schema.json"}
    for key in DEFINITION_KEYS:
        if key in spec:
            doc[key] = spec[key]
    return doc


LAIT_DESCRIPTIONS = {
    "PriPermEx": "primary permanent exclusion rate (% of school population), academic year",
    "SecPermEx": "secondary permanent exclusion rate (% of school population), academic year",
    "SecFixedEx": "secondary fixed-period exclusion (suspension) rate (% of school population), academic year",
    "ReReferral": "% referrals within 12 months of a previous referral, year to 31 March",
    "CP_conf_15days": "% initial child protection conferences within 15 working days, year to 31 March",
    "PrevRegCPR": "% child protection plans that were a second or subsequent plan, year to 31 March",
    "LAC": "children looked after rate per 10,000 children under 18, at 31 March",
    "LACStable_2016on": "% children looked after with three or more placements in the year, at 31 March",
    "LAC_LongStable%": "% long-term placement stability, at 31 March (published from 2018)",
    "CareLeaverAcc": "% care leavers aged 19-21 in suitable accommodation, year to 31 March",
    "CareLeaverEET": "% care leavers aged 19-21 in education, employment or training, year to 31 March",
    "Work_Force_AvgNumCase_SW": "average caseload per FTE children and family social worker, at 30 September",
    "Work_Force_Agecy_Rate": "% agency children and family social workers (FTE), at 30 September",
    "SEN_EHC_All_20wks": "% new EHC plans issued within 20 weeks including exceptions, calendar year",
}

YEAR_MAPPING = {
    "academic": "academic year 2017/18 → `2018-08`",
    "march": "year to (or snapshot at) 31 March 2018 → `2018-03`",
    "september": "30 September 2018 → `2018-09`",
    "calendar": "calendar year 2018 → `2018-12`",
}


def sources_markdown(sources: dict[str, str]) -> str:
    lines = [
        "# Sample data: sources",
        "",
        "Written by `scripts/make_sample_data.py`; do not edit by hand. The London Borough of Kingsbridge "
        "is fictional. Its local figures (`values.csv`, `breakdowns.csv`) are invented, deterministically, "
        "to look like a real outer London borough (they are close to Bromley's published figures, old LA "
        "code 305). **Benchmarks are real published DfE figures** wherever `../shared/real_data` covers "
        "the indicator; the others are marked *illustrative* and are plausible invented values, not "
        "official statistics.",
        "",
        "## Attribution",
        "",
        "Contains public sector information licensed under the Open Government Licence v3.0 "
        "(https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/). Source: Department "
        "for Education (Local Authority Interactive Tool, children's services statistical neighbour "
        "benchmarking tool) and Office for National Statistics (mid-year population estimates). See "
        "`../shared/real_data/PROVENANCE.md` for the files, commits and checksums.",
        "",
        "## Method",
        "",
        "- **Periods.** A benchmark's period is the month its measurement period ends (PROVENANCE.md, "
        "\"Year to kpicli period\"): " + "; ".join(YEAR_MAPPING.values()) + "; s251 financial year "
        "2017-18 (OT) → `2018-03`.",
        "- **Publication cut-off.** Only figures DfE had published by the end of August 2019 (the first "
        "report period) are included, so neither sample paper uses a comparator it could not have had: "
        "exclusions to 2017/18 (published July 2019), SEN2 timeliness to calendar 2018 (May 2019), "
        "children looked after and children in need to the year ending 31 March 2018 (November 2018), "
        "the social work workforce to 30 September 2018 (February 2019), and s251 outturn to 2017-18.",
        "- **London** and **England** are the published regional and national figures in "
        "`lait_childrens_services_kpis.csv`, except for exclusions (below).",
        "- **Every authority.** For each real indicator `benchmarks.csv` gives every English local "
        "authority's published figure (named, with its DfE code, from which kpicli knows its ONS code and "
        "region: `kpicli/reference/areas.csv`), rounded to the decimals shown. kpicli ranks "
        "Kingsbridge among them (as one more London authority: it is not in DfE's data) and works out "
        "the statistical neighbours' average itself.",
        "- **Statistical neighbours** are Bromley's ten in the DfE 2021 model "
        "(`ref_statistical_neighbours_2021.csv`, row 305), named in `kpicli.yaml`: Trafford (358), "
        "Hertfordshire (919), Bracknell Forest (867), Sutton (319), Stockport (356), Bedford Borough "
        "(822), Oxfordshire (931), Solihull (334), Hampshire (850) and Central Bedfordshire (823). "
        "kpicli's average is the unweighted mean of those with a figure for the period, as DfE's own "
        "averages are, and the paper says how many had one.",
        "- **Exclusions: London.** LAIT publishes no London figure for exclusions before 2022/23, only "
        "Inner London and Outer London, so `benchmarks.csv` records London as not published (`[x]`): "
        "the paper says so once, beside the comparison, rather than warning on every build. The "
        "comparator named **Outer London** is the real published Outer London rate (Kingsbridge, like "
        "Bromley, is an outer London borough), and the exclusions rated against benchmarks are rated "
        "against Outer London and England.",
        "- **Counts compared as rates.** Exclusion indicators are counts; `values.csv` gives the school "
        "roll (January school census) as `denominator`, and each definition's `benchmark_basis` turns "
        "the count into a rate per 100 pupils, the unit of the LAIT measures.",
        "",
        "## Acceptance figures from the committee minutes (CEF19004, 12 November 2019)",
        "",
        "- Indicator 5: 62 secondary permanent exclusions in 2018/19 (2015/16 48, 2016/17 46, 2017/18 53: "
        "risen two years running); rate above Outer London and England.",
        "- Indicator 25: 54% long-term placement stability as at the end of August 2019 (58 of 107).",
        "- Indicator 27: 75% of care leavers in suitable accommodation as at the end of June 2019 "
        "(112 of 149; 112 of 146 excluding the 3 who declined support).",
        "- Indicator 34: 50 of 93 new EHC plans within 20 weeks in April to June 2019 (54%), up from 41 "
        "of 88 in January to March; below London (54.6%) and England (58.0%) for 2018.",
        "- Indicator 35: EHC needs assessments 281 in 2017, 356 in 2018, 343 to the end of August 2019; "
        "199 and 252 to the end of August 2017 and 2018, so the seasonal projection is "
        "343 / ((199/281 + 252/356) / 2) = 484.",
        "",
        "## Indicators",
        "",
        "| No. | Indicator | Benchmarks |",
        "|---|---|---|",
    ]
    for spec in sorted(INDICATORS, key=lambda s: s["number"]):
        source = sources.get(spec["id"])
        if source is None:
            text = "none (local figures only)"
        elif source.startswith("lait:"):
            measure = source[5:]
            _, year_type, _, is_exclusion = LAIT_MEASURES[measure]
            text = (f"real: `lait_childrens_services_kpis.csv`, `{measure}` ({LAIT_DESCRIPTIONS[measure]}); "
                    f"{YEAR_MAPPING[year_type]}")
            if is_exclusion:
                text += "; London not published (`[x]`), Outer London real"
            if measure == "LAC_LongStable%":
                text += "; 2018 only (first published year within the cut-off)"
        elif source == "derived:spend-per-child":
            text = ("real: `derived_cyp_spend_per_child.csv` `spend_per_child_gbp` (s251 `C&YPExpenditure` / "
                    "ONS 0-17 population); 2016-17 → `2017-03`, 2017-18 → `2018-03`; every authority's value")
        elif source == "derived:spend-per-child-looked-after":
            text = ("derived here from real LAIT figures: `TotalLACFinance` (s251 gross spend on children "
                    "looked after, financial year) / `LACnum` (children looked after at 31 March at the end "
                    "of that year), to the nearest pound; 2017-18 (OT) with LACnum 2018 → `2018-03`; "
                    "statistical neighbours the mean of the ten LAs' quotients. Not an official statistic")
        else:
            detail = spec.get("benchmark_source", "illustrative").removeprefix("illustrative").strip()
            text = "*illustrative*: plausible invented comparator values, not official statistics"
            text += f" {detail}" if detail else ""
        lines.append(f"| {spec['number']} | `{spec['id']}` | {text} |")
    lines += ["", "Local figures for every indicator are invented (see the generator for each series).", ""]
    return "\n".join(lines)


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO
    numbers = [s["number"] for s in INDICATORS]
    assert len(set(numbers)) == len(numbers), "committee numbers must be unique"

    definitions_dir = out / "indicator_defs"
    definitions_dir.mkdir(parents=True, exist_ok=True)
    for old in definitions_dir.glob("*.yaml"):
        old.unlink()
    for spec in INDICATORS:
        write_yaml(definitions_dir / f"{spec['id']}.yaml", definition_document(spec))

    values = build_values()
    write_csv(out / "sample_data" / "values.csv",
              ["indicator", "period", "value", "numerator", "denominator", "variant", "note"], values)

    benchmarks, sources = build_benchmarks()
    write_csv(out / "sample_data" / "benchmarks.csv",
              ["indicator", "period", "area", "value", "la_code"], benchmarks)

    headline = {(r["indicator"], r["period"]): float(r["value"]) for r in values
                if not r["variant"] and r["value"] is not None}
    write_csv(out / "sample_data" / "breakdowns.csv", ["indicator", "period", "dimension", "category", "value"],
              breakdown_rows(headline))
    write_text(out / "sample_data" / "SOURCES.md", sources_markdown(sources))

    write_yaml(out / "kpicli.yaml", CONFIG)
    write_yaml(out / "papers.yaml", papers_register())
    write_yaml(out / "actions.yaml", action_log(next_cycle=False))
    write_yaml(out / "examples" / "next-cycle" / "actions.yaml", action_log(next_cycle=True),
               comment="The action log as it stands for the next cycle (report CEF20001, 21 January 2020).")


if __name__ == "__main__":
    main()
