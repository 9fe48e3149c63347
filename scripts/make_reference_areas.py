"""Write kpicli/reference/areas.csv: England, its regions and every local authority DfE has
published children's services figures for since 2013, with their codes and other names.

Run by hand from a checkout beside ../shared/real_data (see its PROVENANCE.md); the output is
committed, so kpicli needs no network and no DfE file to know that 305, E09000006 and Bromley
are one authority in London. Contains public sector information licensed under the Open
Government Licence v3.0 (Department for Education).

    python scripts/make_reference_areas.py [REAL_DATA_FOLDER]
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL_DATA = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "real_data"
OUTPUT = ROOT / "kpicli" / "reference" / "areas.csv"
CIN = "ees_cin_referrals_rereferrals_2013_2025.csv"
LAIT = "lait_childrens_services_kpis.csv"
LONDON_PARTS = {"Inner London": "London", "Outer London": "London"}
# LAIT names the two parts of London the other way round from Explore Education Statistics.
REGION_ALIASES = {
    "Inner London": ["London (Inner)"],
    "Outer London": ["London (Outer)"],
    "Yorkshire and The Humber": ["Yorkshire and the Humber"],
}


def read(name: str) -> list[dict[str, str]]:
    with (REAL_DATA / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def main() -> None:
    cin, lait = read(CIN), read(LAIT)
    regions = {r["region_name"]: r["region_code"] for r in cin if r["geographic_level"] == "Regional"}
    dfe_codes = {
        r["new_la_code"]: r["old_la_code"] for r in lait if r["geographic_level"] != "Local authority"
    }
    rows = [["country", "970", "E92000001", "England", "", "", ""]]
    for name, gss in sorted(regions.items(), key=lambda item: item[1]):
        kind = "subregion" if name in LONDON_PARTS else "region"
        rows.append(
            [
                kind,
                dfe_codes.get(gss, ""),
                gss,
                name,
                LONDON_PARTS.get(name, ""),
                "",
                "|".join(REGION_ALIASES.get(name, [])),
            ]
        )
    seen: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in cin:
        if row["geographic_level"] == "Local authority":
            seen[row["old_la_code"]].append(row)
    other_names: dict[str, set[str]] = defaultdict(set)
    for row in lait:
        if row["geographic_level"] == "Local authority":
            other_names[row["old_la_code"]].add(row["area_name"])
    last_year = {code: max(r["time_period"] for r in history) for code, history in seen.items()}
    current_names = {
        max(history, key=lambda r: r["time_period"])["la_name"]
        for code, history in seen.items()
        if last_year[code] == max(last_year.values())
    }
    for code in sorted(seen, key=int):
        history = sorted(seen[code], key=lambda r: r["time_period"])
        latest = dict(history[-1])
        if latest["la_name"] in current_names and last_year[code] != max(last_year.values()):
            # An authority abolished in a reorganisation whose name a new one took (Dorset, 835,
            # before 2019): it keeps the name LAIT gives it, so every name means one authority.
            latest["la_name"] = next(name for name in sorted(other_names[code]) if name != latest["la_name"])
        part = latest["region_name"]
        aliases = ({r["la_name"] for r in history} | other_names[code]) - {latest["la_name"]}
        aliases |= {r["new_la_code"] for r in history} - {latest["new_la_code"]}
        rows.append(
            [
                "local_authority",
                code,
                latest["new_la_code"],
                latest["la_name"],
                LONDON_PARTS.get(part, part),
                part if part in LONDON_PARTS else "",
                "|".join(sorted(aliases)),
            ]
        )
    with OUTPUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["kind", "code", "gss_code", "name", "region", "part_of_region", "other_names"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} areas to {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
