"""What the CLI shows while and after building: a progress bar and a summary table.

Rich output only on a terminal; plain lines otherwise, so CI logs stay greppable.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rich.console import Console

if TYPE_CHECKING:
    # Type names only: importing listing would load compute and pydantic before any work.
    from kpicli.commands.listing import IndicatorList
    from kpicli.pipeline import BuildResult, Progress


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

        def advance(result: BuildResult) -> None:
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
