"""Write the trimmed copies of DfE's published data that the tests read (tests/data/dfe/).

Run by hand beside ../shared/real_data (see its PROVENANCE.md); the output is committed so the
tests need nothing outside the repository. Rows are copied as they are, never changed: only
measures, years and authorities are left out. Contains public sector information licensed under
the Open Government Licence v3.0 (Department for Education).

    python scripts/make_test_fixtures.py REAL_DATA_FOLDER
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL_DATA = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "real_data"
OUT = ROOT / "tests" / "data" / "dfe"
# Each measure's last four years: a polarity, unit and kind of year each.
LAIT_MEASURES = {
    "SecPermEx": ("2019/20", "2020/21", "2021/22", "2022/23"),  # academic year, lower is better
    "SEN_EHC_All_20wks": ("2020", "2021", "2022", "2023"),  # calendar year, higher is better
    "CareLeaverAcc": ("2020", "2021", "2022", "2023"),  # year to 31 March, higher is better
    "Work_Force_AvgNumCase_SW": ("2020", "2021", "2022", "2023"),  # at 30 September, lower
    "LAC": ("2020", "2021", "2022", "2023"),  # rate per 10,000 at 31 March, neither
}
CIN_YEARS = ("2022", "2023", "2024")
# Twenty-four authorities outside London, every region, large and small (DfE codes).
AUTHORITIES = (
    "390", "394", "805", "352", "358", "890", "895", "383", "373", "815", "810", "892",
    "855", "857", "330", "334", "893", "919", "822", "850", "886", "846", "801", "838",
)  # fmt: skip


def copy_lines(source: Path, target: Path, keep) -> int:  # type: ignore[no-untyped-def]
    """Copy the header and the lines `keep` accepts, byte for byte."""
    with source.open(encoding="utf-8-sig", newline="") as handle:
        lines = handle.read().splitlines(keepends=True)
    header = next(csv.reader([lines[0]]))
    kept = [line for line in lines[1:] if keep(dict(zip(header, next(csv.reader([line])), strict=False)))]
    target.write_text(lines[0] + "".join(kept), encoding="utf-8")
    return len(kept)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    lait = copy_lines(
        REAL_DATA / "lait_childrens_services_kpis.csv",
        OUT / "lait_kpis.csv",
        lambda row: row["year"] in LAIT_MEASURES.get(row["measure_code"], ()),
    )
    cin = copy_lines(
        REAL_DATA / "ees_cin_referrals_rereferrals_2013_2025.csv",
        OUT / "ees_cin_referrals.csv",
        lambda row: row["time_period"] in CIN_YEARS,
    )
    neighbours = copy_lines(
        REAL_DATA / "ref_statistical_neighbours_2021.csv",
        OUT / "statistical_neighbours_2021.csv",
        lambda row: row["LA num"] in AUTHORITIES,
    )
    print(
        f"wrote {lait} LAIT rows, {cin} EES rows and {neighbours} neighbour lists to {OUT.relative_to(ROOT)}"
    )


if __name__ == "__main__":
    main()
