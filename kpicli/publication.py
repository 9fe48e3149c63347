"""The publication record: what each committee paper's Part 1 published, kept with the project.

`publication_record/YYYY-MM.csv` holds every figure the public paper for that report period
shows (the figures its charts and tables draw on, its variants and breakdown cells), as printed,
or the symbol where it is withheld. `kpicli build` writes it for each period that goes to the
committee (a meeting in kpicli.yaml, or a paper in papers.yaml) and the officer commits it: it is
sorted and has no dates or paths in it, so the same paper gives the same bytes on any machine.

What Part 1 withholds never depends on the record (that is decided from the figures alone, the
same in every build); the record is how the officer learns that a figure differs from what an
earlier paper published: a revision, to be explained, since a reader holds both papers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from kpicli.errors import Problem, Severity
from kpicli.manifest import RECORD_FOLDER
from kpicli.models.data import Project
from kpicli.models.facts import Figure, IndicatorFacts
from kpicli.models.views import PublicView
from kpicli.periods import month_label, parse_month
from kpicli.render.data_files import cell_value
from kpicli.shown_periods import history_points
from kpicli.staging import write_atomically

COLUMNS = ("indicator", "series", "category", "period", "value", "numerator", "denominator")


class RecordRow(NamedTuple):
    indicator: str
    series: str  # "" for the headline, a variant's id, or a breakdown's dimension
    category: str  # a breakdown's category, or ""
    period: str
    value: str
    numerator: str
    denominator: str

    @property
    def key(self) -> tuple[str, str, str, str]:
        return self.indicator, self.series, self.category, self.period

    def describe(self) -> str:
        what = f"{self.series}: {self.category}" if self.category else self.series
        return f"{self.indicator}{f' ({what})' if what else ''} for {month_label(parse_month(self.period))}"


def figure_rows(
    facts: IndicatorFacts, series: str, figures: Iterable[Figure], symbol: str
) -> list[RecordRow]:
    places = facts.definition.decimals
    return [
        RecordRow(
            facts.definition.id,
            series,
            "",
            figure.period.code,
            cell_value(figure.value, symbol, places),
            cell_value(figure.numerator, symbol, None),
            cell_value(figure.denominator, symbol, None),
        )
        for figure in figures
    ]


def published_rows(view: PublicView) -> list[RecordRow]:
    """Every figure the public paper shows, sorted."""
    symbol = view.context.policy.symbol
    rows: list[RecordRow] = []
    for facts in view.indicators:
        # The figures a paper shows of each series: its charts' points.
        shown = history_points(facts.definition.frequency)
        rows += figure_rows(facts, "", facts.headline.history[-shown:], symbol)
        for variant in facts.variants:
            rows += figure_rows(facts, variant.variant, variant.history[-shown:], symbol)
        for table in facts.breakdowns:
            cells = [*table.rows, ("Total", table.total)]
            rows += [
                RecordRow(
                    facts.definition.id,
                    table.dimension,
                    category,
                    table.period.code,
                    cell_value(cell, symbol, None),
                    "",
                    "",
                )
                for category, cell in cells
            ]
    return sorted(rows)


def record_text(rows: Iterable[RecordRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue()


class PublicationRecord(NamedTuple):
    """One paper's record: its rows, and the text of its file (what is written and hashed)."""

    rows: list[RecordRow]
    text: str

    @classmethod
    def of(cls, rows: list[RecordRow]) -> PublicationRecord:
        return cls(rows, record_text(rows))

    def numbered(self) -> list[tuple[int, RecordRow]]:
        """The rows with their lines in the file (the header is line 1), as read_records gives them."""
        return list(enumerate(self.rows, start=2))


def is_committee_paper(project: Project, period: str) -> bool:
    """A period whose public paper goes to the committee, so is published."""
    return any(meeting.period == period for meeting in project.config.meetings) or any(
        paper.period == period for paper in project.papers.papers
    )


def record_path(root: Path, period: str) -> Path:
    return root / RECORD_FOLDER / f"{period}.csv"


Records = dict[str, list[tuple[int, RecordRow]]]


def read_records(root: Path) -> Records:
    """Every paper's record, by report period, with each row's line. A file kpicli cannot read
    is passed over (the next build of that period writes it afresh)."""
    folder = root / RECORD_FOLDER
    records: Records = {}
    if not folder.is_dir():
        return records
    for path in sorted(folder.glob("*.csv")):
        try:
            parse_month(path.stem)
            with path.open(encoding="utf-8", newline="") as handle:
                reader = csv.reader(handle)
                if tuple(next(reader, ())) != COLUMNS:
                    continue
                records[path.stem] = [
                    (line, RecordRow(*row))
                    for line, row in enumerate(reader, start=2)
                    if len(row) == len(COLUMNS)
                ]
        except (OSError, ValueError, UnicodeDecodeError, csv.Error):
            continue
    return records


def revision_warnings(period: str, rows: list[RecordRow], records: Records) -> list[Problem]:
    """Each figure this paper shows that the last recorded paper before it to show it published
    differently: a revision, or a figure now withheld. A figure once withheld and now published
    is named too: the officer should know why. (A paper is not checked against its own record,
    which this build rewrites: git shows that change.)"""
    latest: dict[tuple[str, str, str, str], tuple[str, int, RecordRow]] = {}
    for earlier in sorted(p for p in records if p < period):
        for line, row in records[earlier]:
            latest[row.key] = (earlier, line, row)
    problems = []
    for row in rows:
        found = latest.get(row.key)
        if found is None:
            continue
        earlier, line, before = found
        if (before.value, before.numerator, before.denominator) == (
            row.value,
            row.numerator,
            row.denominator,
        ):
            continue
        paper = f"the paper for {month_label(parse_month(earlier))}"
        problems.append(
            Problem(
                f"{RECORD_FOLDER}/{earlier}.csv",
                line,
                row.describe(),
                f"{shown(before)} in {paper}; this paper has {shown(row)}",
                "a revision: say so in the paper, as a reader has both papers",
                Severity.WARNING,
            )
        )
    return problems


def shown(row: RecordRow) -> str:
    counts = f" ({row.numerator} of {row.denominator})" if row.numerator and row.denominator else ""
    return f"{row.value}{counts}"


def write_record(path: Path, text: str) -> None:
    """Write atomically; unchanged files are left alone (so their times do not change)."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except OSError:
        pass
    write_atomically(path, text)


def publication_record(
    project: Project, period: str, view: PublicView, records: Records
) -> tuple[PublicationRecord | None, list[Problem]]:
    """The paper's publication record (when it goes to the committee), and the figures it shows
    that earlier papers published differently."""
    recorded = is_committee_paper(project, period)
    if not recorded and not any(earlier < period for earlier in records):
        return None, []
    rows = published_rows(view)
    return (PublicationRecord.of(rows) if recorded else None), revision_warnings(period, rows, records)
