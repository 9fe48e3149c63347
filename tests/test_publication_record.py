"""The sample's publication record is what its committee papers publish today, and the record
files are read forgivingly: a damaged one is written afresh by the next build of its period."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO_ROOT
from kpicli.compute import compute_report
from kpicli.disclose import disclose
from kpicli.load import load_project
from kpicli.periods import parse_month
from kpicli.publication import PublicationRecord, RecordRow, published_rows, read_records, record_text


def test_the_sample_publication_record_is_fresh() -> None:
    project = load_project(REPO_ROOT)
    committed = sorted(path.stem for path in (REPO_ROOT / "publication_record").glob("*.csv"))
    assert committed == sorted(meeting.period for meeting in project.config.meetings)
    for period in committed:
        view, _ = disclose(compute_report(project, parse_month(period)), project)
        expected = record_text(published_rows(view))
        assert (REPO_ROOT / "publication_record" / f"{period}.csv").read_text(encoding="utf-8") == expected, (
            f"publication_record/{period}.csv is stale: rebuild the committee papers "
            "(kpicli build --period 2018-02..2019-11 --out /tmp/papers) and review the diff"
        )


def test_a_damaged_record_is_passed_over(tmp_path: Path) -> None:
    folder = tmp_path / "publication_record"
    folder.mkdir()
    (folder / "2019-05.csv").write_text("not,a,record\n1,2,3\n", encoding="utf-8")
    (folder / "notes.csv").write_text("indicator\n", encoding="utf-8")
    good = "indicator,series,category,period,value,numerator,denominator\nmissing,,,2019-05,12,,\n"
    (folder / "2019-06.csv").write_text(good, encoding="utf-8")
    assert read_records(tmp_path) == {"2019-06": [(2, RecordRow("missing", "", "", "2019-05", "12", "", ""))]}


def test_a_record_passed_on_in_a_range_is_what_reading_its_file_gives(tmp_path: Path) -> None:
    """A range build checks each paper against the records of the papers before it in the range
    from their rows, never reading the files back: the rows and lines must be the file's."""
    rows = [
        RecordRow("a", "", "", "2019-05", "1,234", "", ""),
        RecordRow("a", "by age", 'the "under 1s",\nand 1s', "2019-05", "[c]", "", ""),
        RecordRow("b", "", "", "2019-05", "12.5", "5", "40"),
    ]
    record = PublicationRecord.of(rows)
    (tmp_path / "publication_record").mkdir()
    (tmp_path / "publication_record" / "2019-05.csv").write_text(record.text, encoding="utf-8")
    assert read_records(tmp_path) == {"2019-05": record.numbered()}
