"""The papers project: kpicli.yaml, actions.yaml and papers.yaml."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from kpicli.models.base import StrictModel
from kpicli.models.definition import IDENTIFIER
from kpicli.periods import PeriodError, parse_month


def check_period_text(value: str) -> str:
    try:
        parse_month(value)
    except PeriodError as error:
        raise ValueError(str(error)) from None
    return value


def check_suppression(value: int | None) -> int | None:
    """suppress_below: 1 would turn suppression off without a word; say so instead."""
    if value == 1:
        raise PydanticCustomError("suppresses_nothing", "1 suppresses nothing")
    return value


PUBLISHED_SCHEMES = ("http://", "https://", "mailto:")


def check_link(value: str | None) -> str | None:
    """Only web and email links are published: never javascript:, data: or file:."""
    if value is not None and not value.strip().lower().startswith(PUBLISHED_SCHEMES):
        raise PydanticCustomError("unsafe_link", "not a web or email link")
    return value


class Section(StrictModel):
    id: str = Field(pattern=IDENTIFIER, description="Used by indicator definitions' `section`.")
    title: str = Field(description="Heading in the paper, e.g. Children's Social Care.")


class Contact(StrictModel):
    name: str = Field(description="The report author's name, printed on the cover.")
    role: str = Field(description="The author's job title.")
    email: str | None = Field(default=None, description="Contact email address.")
    phone: str | None = Field(default=None, description="Contact telephone number.")


class Meeting(StrictModel):
    """One committee meeting: the paper for `period` goes to it."""

    period: str = Field(description="Report period YYYY-MM this meeting considers.")
    date: dt.date = Field(description="Meeting date, YYYY-MM-DD.")
    reference: str = Field(description="The paper's report reference, e.g. CEF19004.")

    _check_period = field_validator("period")(check_period_text)


class DisclosurePolicy(StrictModel):
    """Statistical disclosure control for the public paper (GSS conventions)."""

    suppress_below: int = Field(
        default=5, ge=1, description="Counts from 1 to this minus 1 are suppressed (2 or more)."
    )
    suppress_zero: bool = Field(default=False, description="Also suppress zero counts.")
    symbol: str = Field(default="[c]", min_length=1, description="Shown in place of a suppressed figure.")
    footnote: str = Field(
        default="[c] confidential: the figure is withheld because it is small enough that "
        "individual children could be identified, or it would reveal such a figure.",
        description="Explains the symbol wherever it appears.",
    )
    round_to: int | None = Field(
        default=None, ge=1, description="Round published counts to a multiple of this."
    )
    min_denominator: int = Field(
        default=10, ge=1, description="Smallest denominator for a published percentage or rate."
    )

    _check_suppression = field_validator("suppress_below")(check_suppression)


ExtractName = Literal["values", "benchmarks", "breakdowns"]
EXTRACT_NAMES: tuple[ExtractName, ...] = ("values", "benchmarks", "breakdowns")


class CsvSource(StrictModel):
    """The extracts as CSV files in a folder (the default)."""

    kind: Literal["csv"] = Field(default="csv", description="csv: CSV files in a folder.")
    folder: str | None = Field(
        default=None, description="Folder holding the CSV extracts; defaults to data_folder."
    )


class SheetChoice(StrictModel):
    """Where one extract lives in the workbook: a sheet, or a named table on any visible sheet."""

    sheet: str | None = Field(default=None, description="Sheet whose first row names the columns.")
    table: str | None = Field(default=None, description="Excel table (Insert > Table) holding the extract.")

    @model_validator(mode="after")
    def check_one(self) -> SheetChoice:
        if (self.sheet is None) == (self.table is None):
            raise ValueError("give either sheet or table")
        return self


class ExcelSource(StrictModel):
    """The extracts in one .xlsx workbook, with the same columns as the CSV files."""

    kind: Literal["excel"] = Field(description="excel: one workbook, a sheet or table per extract.")
    workbook: str = Field(description="Path to the .xlsx workbook, relative to the project.")
    extracts: dict[ExtractName, SheetChoice] = Field(
        default_factory=dict, description="Where each extract is; by default a sheet named after it."
    )


class QueryChoice(StrictModel):
    """Where one extract comes from in the database: a table or view, or a query."""

    table: str | None = Field(default=None, description="Table or view returning the extract's columns.")
    query: str | None = Field(default=None, description="SELECT returning the extract's columns.")

    @model_validator(mode="after")
    def check_one(self) -> QueryChoice:
        if (self.table is None) == (self.query is None):
            raise ValueError("give either table or query")
        return self


class SqlSource(StrictModel):
    """The extracts from a SQL database; its URL (and password) stays out of this file."""

    kind: Literal["sql"] = Field(description="sql: a database, a table or query per extract.")
    url_env: str = Field(
        default="KPICLI_DATABASE_URL",
        pattern=r"^[A-Za-z_][A-Za-z0-9_]*$",
        description="Environment variable holding the SQLAlchemy URL, e.g. sqlite:///kpi.db.",
    )
    extracts: dict[ExtractName, QueryChoice] = Field(
        default_factory=dict, description="Where each extract is; by default a table or view named after it."
    )
    statement_timeout_seconds: int = Field(
        default=300,
        ge=1,
        le=86_400,
        description="PostgreSQL: the server cancels any extract's query running longer than this, "
        "so a slow view or a lock fails the nightly build instead of hanging it.",
    )


Source = Annotated[CsvSource | ExcelSource | SqlSource, Field(discriminator="kind")]


class Benchmarking(StrictModel):
    """The council's place among other authorities: its own area in DfE's data, the region it
    is ranked within, and its statistical neighbours, whose average kpicli works out from
    every authority's figures in benchmarks.csv."""

    area: str | None = Field(
        default=None,
        description="The council's own area as DfE publishes it: name (Bromley), ONS code (E09000006) "
        "or DfE code (305). Leave it out if the council is not in DfE's data: its figures are then "
        "ranked as one more authority among the others.",
    )
    region: str | None = Field(
        default=None,
        description="The region it is ranked within (London, North West...); by default the area's region.",
    )
    statistical_neighbours: list[str] = Field(
        default_factory=list,
        description="Its statistical neighbours, by name or code, e.g. from DfE's children's services "
        "statistical neighbour benchmarking tool. kpicli averages their figures for the comparator "
        "'Statistical neighbours'.",
    )
    neighbours_source: str | None = Field(
        default=None,
        description="Where the list of neighbours comes from, for the paper's appendix.",
    )


class ProjectConfig(StrictModel):
    """kpicli.yaml: who the paper is from and for, and how it is published."""

    schema_: str | None = Field(default=None, alias="$schema", description="Editor hint; ignored.")
    authority: str = Field(description="The council, e.g. London Borough of Kingsbridge.")
    committee: str = Field(description="The committee the paper goes to.")
    title: str = Field(default="Children's Scrutiny Dataset", description="The paper's title.")
    department: str | None = Field(default=None, description="Department presenting the paper.")
    contact: Contact = Field(description="Who members contact about the paper.")
    sections: list[Section] = Field(min_length=1, description="Sections in the order the paper shows them.")
    meetings: list[Meeting] = Field(default_factory=list, description="Meetings and their report references.")
    disclosure: DisclosurePolicy = Field(
        default_factory=DisclosurePolicy, description="Disclosure control for the public paper."
    )
    data_folder: str = Field(default="sample_data", description="Folder holding the CSV extracts.")
    source: Source = Field(
        default_factory=CsvSource, description="Where the extracts are read from: csv, excel or sql."
    )
    benchmarking: Benchmarking | None = Field(
        default=None,
        description="The council's own area, region and statistical neighbours, for ranks, "
        "quartiles and the neighbours' average.",
    )
    stale_after_months: int = Field(
        default=6,
        ge=1,
        description="Warn when an indicator's latest figure is older than this, beyond its normal lag.",
    )

    def meeting_for(self, period_code: str) -> Meeting | None:
        return next((meeting for meeting in self.meetings if meeting.period == period_code), None)

    def meeting_before(self, meeting: Meeting | None) -> Meeting | None:
        """The committee's previous meeting: the last paper members saw before this one."""
        if meeting is None:
            return None
        earlier = [m for m in self.meetings if m.date < meeting.date]
        return max(earlier, key=lambda m: m.date, default=None)

    def report_before(self, period_code: str) -> str | None:
        """The report period of the paper to the meeting before this period's: its narrative says
        what 'Last time we said'."""
        before = self.meeting_before(self.meeting_for(period_code))
        return before.period if before is not None else None


class ActionStatus(StrEnum):
    OPEN = "open"
    COMPLETED = "completed"
    DROPPED = "dropped"


class ActionPoint(StrictModel):
    """An action point recorded in the minutes, reported back at a later meeting."""

    number: str = Field(description="As numbered in the minutes, e.g. CEF19004/2 or 2.")
    raised: dt.date = Field(description="Date of the meeting that raised it.")
    text: str = Field(description="The action as minuted.")
    owner: str = Field(description="Who is responsible.")
    due: dt.date = Field(description="Meeting date by which it is to be reported back.")
    status: ActionStatus = Field(description="open, completed or dropped.")
    completed: dt.date | None = Field(default=None, description="When it was completed or dropped.")
    update: str | None = Field(default=None, description="The latest update for members.")

    @model_validator(mode="after")
    def check_dates_and_status(self) -> ActionPoint:
        if self.due < self.raised:
            raise ValueError(f"due ({self.due}) is before the meeting that raised it ({self.raised})")
        if self.status is ActionStatus.COMPLETED and self.completed is None:
            raise ValueError("a completed action needs the date it was completed (completed: YYYY-MM-DD)")
        if self.status is ActionStatus.OPEN and self.completed is not None:
            raise ValueError("has a completed date but its status is open; set status: completed")
        if self.completed is not None and self.completed < self.raised:
            raise ValueError(f"completed ({self.completed}) is before it was raised ({self.raised})")
        return self


class ActionLog(StrictModel):
    """actions.yaml: action points from earlier meetings."""

    schema_: str | None = Field(default=None, alias="$schema", description="Editor hint; ignored.")
    actions: list[ActionPoint] = Field(default_factory=list, description="Action points, oldest first.")

    @model_validator(mode="after")
    def check_unique_numbers(self) -> ActionLog:
        counts = Counter(action.number for action in self.actions)
        repeated = sorted(number for number, count in counts.items() if count > 1)
        if repeated:
            raise ValueError("action numbers must be unique; repeated: " + ", ".join(repeated))
        return self


class EarlierPaper(StrictModel):
    """A paper already taken to the committee, so persistent reds can link back to it."""

    reference: str = Field(description="The paper's report reference, e.g. CEF19002.")
    meeting_date: dt.date = Field(description="Date of the meeting it went to, YYYY-MM-DD.")
    period: str = Field(description="Report period YYYY-MM the paper covered.")
    title: str = Field(description="The paper's title.")
    url: str | None = Field(
        default=None, description="Where the published paper can be read: an http: or https: link."
    )

    _check_period = field_validator("period")(check_period_text)
    _check_url = field_validator("url")(check_link)


class PaperRegister(StrictModel):
    """papers.yaml: papers already taken to the committee."""

    schema_: str | None = Field(default=None, alias="$schema", description="Editor hint; ignored.")
    papers: list[EarlierPaper] = Field(default_factory=list, description="Earlier papers, oldest first.")
