"""The command line: parse, call one pipeline function, print. Exit 0 ok, 1 bad input, 2 usage."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from kpicli.errors import InputError, Problem, Severity, UsageError

app = typer.Typer(
    help="Turn children's services performance data into committee papers: a public Part 1 and an exempt Part 2.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)

ProjectOption = Annotated[Path, typer.Option("--project", "-p", help="The papers project folder.", show_default=True)]
PeriodOption = Annotated[str, typer.Option("--period", help="Report period YYYY-MM: the month the paper is 'as at'.")]
OutOption = Annotated[Path, typer.Option("--out", "-o", help="Folder for outputs; each period gets OUT/YYYY-MM/.")]


def print_problems(problems: tuple[Problem, ...] | list[Problem], stream: object = None) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(stderr=True, highlight=False, soft_wrap=True)
    if not console.is_terminal:
        for problem in problems:
            prefix = "warning: " if problem.severity is Severity.WARNING else "error: "
            console.print(prefix + str(problem), markup=False)
        return
    table = Table("where", "field", "problem", "how to fix it", show_lines=False, title_justify="left")
    for problem in problems:
        style = "yellow" if problem.severity is Severity.WARNING else "red"
        table.add_row(problem.location, problem.field, f"[{style}]{problem.message}[/]", problem.hint)
    console.print(table)


def fail_with(error: InputError) -> NoReturn:
    errors = [p for p in error.problems if p.severity is Severity.ERROR]
    print_problems(list(error.problems))
    typer.echo(f"Error: {len(errors)} problem{'s' if len(errors) != 1 else ''} in the input; nothing was built.", err=True)
    raise typer.Exit(1)


def usage_error(message: str) -> NoReturn:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(2)


def checked_period(period: str) -> str:
    from kpicli.periods import PeriodError, month_text, parse_month

    try:
        return month_text(parse_month(period))
    except PeriodError as error:
        usage_error(f"--period: {error}")


@app.command()
def build(
    period: PeriodOption,
    project: ProjectOption = Path("."),
    out: OutOption = Path("out"),
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors: nothing is built.")] = False,
) -> None:
    """Build the public and exempt papers for one report period."""
    from kpicli.pipeline import build_papers

    period = checked_period(period)
    try:
        result = build_papers(project, period, out, strict)
    except InputError as error:
        fail_with(error)
    except UsageError as error:
        usage_error(str(error))
    if result.warnings:
        print_problems(list(result.warnings))
    counts = ", ".join(f"{count} {rating.replace('_', ' ')}" for rating, count in sorted(result.ratings.items()))
    typer.echo(f"Built {period}: {result.folder}/ ({', '.join(result.files)}); public ratings: {counts}; {len(result.warnings)} warning(s).")


@app.command()
def validate(
    project: ProjectOption = Path("."),
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            help="Also warn about rows later than this report period YYYY-MM "
            "(a build as at it ignores them).",
        ),
    ] = None,
) -> None:
    """Check the definitions, config and extracts; list every problem at once."""
    from kpicli.pipeline import validate_project

    checked = checked_period(period) if period is not None else None
    try:
        warnings = validate_project(project, checked)
    except InputError as error:
        fail_with(error)
    if warnings:
        print_problems(list(warnings))
    typer.echo(f"OK: the project in {project.resolve()} is valid ({len(warnings)} warning(s)).")


@app.command()
def schema(
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder for the JSON Schema files.")
    ] = Path("schema"),
) -> None:
    """Write JSON Schemas for kpicli.yaml, indicator definitions, actions.yaml and papers.yaml."""
    from kpicli.schema import write_schemas

    for path in write_schemas(out):
        typer.echo(f"Wrote {path.as_posix()}")


@app.command()
def explain(
    indicator: Annotated[str, typer.Argument(help="Indicator id or committee number.")],
    period: PeriodOption,
    project: ProjectOption = Path("."),
) -> None:
    """Show every step of the computation for one indicator: figures, RAG, trend, disclosure."""
    from kpicli.explain import UnknownIndicator
    from kpicli.explain import explain as explain_indicator
    from kpicli.periods import parse_month

    period = checked_period(period)
    try:
        text = explain_indicator(project, indicator, parse_month(period))
    except InputError as error:
        fail_with(error)
    except UnknownIndicator as error:
        typer.echo(f"Error: {error}", err=True)
        raise typer.Exit(1) from None
    typer.echo(text, nl=False)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
