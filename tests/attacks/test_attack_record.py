"""Class 4, the publication record: what each committee paper published, kept with the project,
the same bytes from any build; every paper checked against the papers before it, and the officer
told of a revision. What Part 1 withholds never depends on the record or on earlier outputs."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from conftest import CONFIG, definition, make_project, monthly
from kpicli import output_folder
from kpicli.pipeline import build_periods

MEETINGS = {
    **CONFIG,
    "meetings": [
        {"period": "2019-06", "date": "2019-07-09", "reference": "CYP19002"},
        {"period": "2019-08", "date": "2019-09-10", "reference": "CYP19003"},
    ],
}
PERIODS = ["2019-06", "2019-07", "2019-08"]


def project(root: Path, june: int = 147) -> Path:
    return make_project(
        root,
        definitions=[
            definition("referrals", 1, cumulative={"year": "financial_year"}, polarity="neutral"),
            definition("missing", 2, rag={"kind": "thresholds", "green": 10, "red": 20}),
        ],
        values=[
            *monthly("referrals", "2019-04", [60, 100, june, 150, 190]),
            *monthly("missing", "2019-01", [30, 31, 2, 33, 34, 35, 36, 3]),
        ],
        config=MEETINGS,
        narrative={"missing": "---\nno_action_reason: A test project, with nothing new being done.\n---\n"},
        narrative_periods=PERIODS,
    )


@pytest.fixture(autouse=True)
def no_pdfs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        output_folder, "render_pdf_file", lambda html, folders, target: target.write_bytes(b"%PDF")
    )


def records(root: Path) -> dict[str, str]:
    return {
        path.name: path.read_text(encoding="utf-8")
        for path in sorted((root / "publication_record").glob("*.csv"))
    }


def test_each_committee_paper_records_what_it_published(tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    build_periods(root, PERIODS, tmp_path / "out", jobs=1)
    written = records(root)
    assert list(written) == ["2019-06.csv", "2019-08.csv"], "only papers that go to the committee"
    rows = list(csv.DictReader(written["2019-08.csv"].splitlines()))
    assert rows == sorted(rows, key=lambda r: (r["indicator"], r["series"], r["category"], r["period"]))
    by_key = {(r["indicator"], r["period"]): r["value"] for r in rows}
    assert by_key[("referrals", "2019-06")] == "147"
    assert by_key[("referrals", "2019-07")] == "[c]", "150 would reveal July's 3"
    assert by_key[("missing", "2019-08")] == "[c]"


def test_the_record_is_the_same_from_a_range_or_one_paper_at_a_time(tmp_path: Path) -> None:
    together, apart = project(tmp_path / "together"), project(tmp_path / "apart")
    build_periods(together, PERIODS, tmp_path / "out-together", jobs=1)
    for period in PERIODS:
        build_periods(apart, [period], tmp_path / "out-apart", jobs=1)
    assert records(together) == records(apart)
    for period in PERIODS:
        for name in ("public.html", "public.csv"):
            assert (tmp_path / "out-together" / period / name).read_bytes() == (
                tmp_path / "out-apart" / period / name
            ).read_bytes()
        # A range is loaded as at its last period, so only the warnings about rows after the
        # report period may differ.
        summaries = [
            json.loads((tmp_path / out / period / "summary.json").read_text(encoding="utf-8"))
            for out in ("out-together", "out-apart")
        ]
        for summary in summaries:
            summary["warnings"] = [w for w in summary["warnings"] if "after the report period" not in w]
        assert summaries[0] == summaries[1]


def test_a_revision_to_a_published_figure_is_reported(tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    build_periods(root, ["2019-06"], tmp_path / "out", jobs=1)
    revised = project(tmp_path / "p", june=144)  # June's figure corrected after the paper went out
    [result] = build_periods(revised, ["2019-08"], tmp_path / "out", jobs=1)
    messages = [str(w) for w in result.warnings]
    [revision] = [m for m in messages if m.startswith("publication_record/2019-06.csv")]
    assert "referrals for June 2019" in revision and "147 in the paper for June 2019" in revision
    assert "this paper has 144" in revision


def test_what_part_1_withholds_does_not_depend_on_the_record_or_earlier_outputs(tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    build_periods(root, PERIODS, tmp_path / "first", jobs=1)
    first = (tmp_path / "first" / "2019-08" / "public.html").read_bytes()
    for path in (root / "publication_record").glob("*.csv"):
        path.unlink()
    build_periods(root, ["2019-08"], tmp_path / "clean", jobs=1)
    assert (tmp_path / "clean" / "2019-08" / "public.html").read_bytes() == first
