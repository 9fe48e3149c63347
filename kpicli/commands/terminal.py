"""What the CLI shows: problems and warnings, a progress bar while building, and what was built
or listed.

Rich output only on a terminal; plain lines otherwise, so CI logs stay greppable.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING

import typer
from rich.console import Console

from kpicli.errors import Problem, Severity

if TYPE_CHECKING:
    # Type names only: importing listing would load compute and pydantic before any work.
    from kpicli.commands.listing import IndicatorList
    from kpicli.output_folder import BuildResult, Progress
    from kpicli.pipeline import Validation


SEVERITY_STYLES = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.NOTE: "default"}


def print_problems(problems: Sequence[Problem]) -> None:
    """Each problem as `file:line: field: message (hint)` on stderr; a table on a terminal."""
    from rich.table import Table

    console = Console(stderr=True, highlight=False, soft_wrap=True)
    if not console.is_terminal:
        for problem in problems:
            console.print(f"{problem.severity}: {problem}", markup=False)
        return
    table = Table("where", "field", "problem", "how to fix it", show_lines=False, title_justify="left")
    for problem in problems:
        style = SEVERITY_STYLES[problem.severity]
        table.add_row(problem.location, problem.field, f"[{style}]{problem.message}[/]", problem.hint)
    console.print(table)


def stdout_console() -> Console:
    return Console(highlight=False, soft_wrap=True)


def rating_counts(result: BuildResult) -> str:
    return ", ".join(
        f"{count} {rating.replace('_', ' ')}" for rating, count in sorted(result.ratings.items())
    )


@contextmanager
def build_progress(total: int, enabled: bool) -> Iterator[Progress | None]:
    """A bar over the periods being built; nothing when quiet or not on a terminal."""
    console = stdout_console()
    if not enabled or not console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    with Bar(
        TextColumn("building papers"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("build", total=total)

        def advance(_: BuildResult) -> None:
            bar.advance(task)

        yield advance


def warning_count(result: BuildResult) -> int:
    return len(result.warnings) + len(result.exempt_warnings)


def result_line(result: BuildResult) -> str:
    if result.skipped:
        return f"{result.period} is up to date; use --force to rebuild"
    line = (
        f"Built {result.period}: {result.folder}/ ({', '.join(result.files)}); "
        f"public ratings: {rating_counts(result)}; {warning_count(result)} warning(s)."
    )
    if "exempt.pdf" not in result.files:
        line += " No Part 2 paper: nothing in this report is exempt or withheld."
    return line


def print_results(results: Sequence[BuildResult]) -> None:
    """One line per period; a table as well for a range on a terminal."""
    console = stdout_console()
    if len(results) > 1 and console.is_terminal:
        from rich.table import Table

        table = Table(
            "period",
            "public ratings",
            "warnings",
            "files",
            title="Papers built",
            title_justify="left",
        )
        for result in results:
            files = (
                "up to date (skipped)" if result.skipped else f"{result.folder}/ ({len(result.files)} files)"
            )
            table.add_row(result.period, rating_counts(result), str(warning_count(result)), files)
        console.print(table)
        return
    for result in results:
        console.print(result_line(result), markup=False)


def print_indicator_list(listing: IndicatorList) -> None:
    console = stdout_console()
    columns = (
        "number",
        "indicator",
        "section",
        "frequency",
        "latest period",
        f"RAG at {listing.period}",
    )
    rows = [(str(i.number), i.id, i.section, i.frequency, i.latest, i.rating) for i in listing.lines]
    if listing.not_for_publication:
        from kpicli.models.policy import NOT_FOR_PUBLICATION

        console.print(NOT_FOR_PUBLICATION, markup=False)
    if not console.is_terminal:
        # Tab-separated for scripts: written raw, as rich would expand the tabs to spaces.
        console.file.write("".join("\t".join(row) + "\n" for row in [columns, *rows]))
        return
    from rich.table import Table

    table = Table(*columns, title=f"Indicators as at {listing.period}", title_justify="left")
    for row in rows:
        table.add_row(*row)
    console.print(table)


NOT_FOR_PUBLICATION = "Not for publication"
PRIVATE_HEADING = f"{NOT_FOR_PUBLICATION}: warnings about exempt indicators or figures withheld from Part 1"


def print_build_warnings(results: Sequence[BuildResult]) -> None:
    """Each warning once. For a range, warnings are grouped under a heading naming the months
    they apply to ("Warnings for 2019-04..2019-09:"), so a stale extract is said once, not once
    a month. Warnings about exempt indicators or withheld figures follow under their own
    heading: they are in no output file, and a log holding them must not be published."""
    built = [result for result in results if not result.skipped]
    print_grouped({r.period: r.warnings for r in built}, "Warnings for {months}:", len(results) > 1)
    print_grouped(
        {r.period: r.exempt_warnings for r in built},
        PRIVATE_HEADING + (" ({months})" if len(results) > 1 else "") + ":",
        True,
    )


def print_grouped(by_period: dict[str, tuple[Problem, ...]], heading: str, headed: bool) -> None:
    months: dict[Problem, list[str]] = {}
    for period, found in by_period.items():
        for warning in found:
            months.setdefault(warning, []).append(period)
    groups: dict[tuple[str, ...], list[Problem]] = {}
    for warning, periods in months.items():
        groups.setdefault(tuple(periods), []).append(warning)
    for months_of_group, warnings in sorted(groups.items()):
        if headed:
            typer.echo(heading.format(months=month_runs(list(months_of_group))), err=True)
        print_problems(sorted(warnings))


def month_runs(periods: list[str]) -> str:
    """'2019-04..2019-06, 2019-09': consecutive months written as a range."""
    from kpicli.periods import month_text, parse_month

    months = sorted(parse_month(period) for period in periods)
    runs: list[list[int]] = []
    for month in months:
        if runs and month == runs[-1][-1] + 1:
            runs[-1].append(month)
        else:
            runs.append([month])
    return ", ".join(
        month_text(run[0]) if len(run) == 1 else f"{month_text(run[0])}..{month_text(run[-1])}"
        for run in runs
    )


def print_validation(found: Validation, strict: bool) -> int:
    """What `validate` found: its notes; then, with --strict, every warning as the error it is
    (as `build --strict` prints them), or else the warnings, those not for publication under
    their own heading. Returns how many warnings there are."""
    for note in found.notes:
        typer.echo(f"note: {note}", err=True)
    warnings, private = found.warnings, found.private
    count = len(warnings) + len(private)
    if count and strict:
        print_strict(warnings, private)
        return count
    if warnings:
        print_problems(list(warnings))
    if private:
        typer.echo(f"{PRIVATE_HEADING}:", err=True)
        print_problems(list(private))
    return count


def print_strict(public: Sequence[Problem], private: Sequence[Problem]) -> None:
    """--strict: every warning printed as an error, those not for publication still under their
    heading, so a CI log that is shared never holds them unmarked."""
    print_problems(sorted({replace(w, severity=Severity.ERROR) for w in public}))
    if private:
        typer.echo(f"{PRIVATE_HEADING} (errors under --strict):", err=True)
        print_problems(sorted({replace(w, severity=Severity.ERROR) for w in private}))
