"""The command line: parse, call one pipeline function, print. Exit 0 ok, 1 bad input, 2 usage."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, NoReturn, ParamSpec

import typer

from kpicli.errors import InputError, Severity, UsageError, WarningsAsErrors, errors_only, notes_only

app = typer.Typer(
    help="Turn children's services performance data into committee papers: "
    "a public Part 1 and an exempt Part 2.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    # Plain help text: rich-formatted help imports rich's markdown stack, which alone costs
    # more than the 0.3 s budget for `kpicli --help`.
    rich_markup_mode=None,
)


def show_version(value: bool) -> None:
    if value:
        from kpicli import __version__

        typer.echo(f"kpicli {__version__}")
        raise typer.Exit()


@app.callback()
def global_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=show_version, is_eager=True, help="Show kpicli's version and exit."
        ),
    ] = False,
) -> None:
    """Turn children's services performance data into committee papers: a public Part 1 and an
    exempt Part 2."""


ProjectOption = Annotated[
    Path, typer.Option("--project", "-p", help="The papers project folder.", show_default=True)
]
PeriodOption = Annotated[
    str, typer.Option("--period", help="Report period YYYY-MM: the month the paper is 'as at'.")
]
OutOption = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        help="Folder for outputs; each period gets OUT/YYYY-MM/ [default: out/ in the project folder].",
        show_default=False,
    ),
]


def plural(count: int) -> str:
    return "" if count == 1 else "s"


def fail_with(error: InputError, outcome: str = "nothing was built") -> NoReturn:
    from kpicli.commands.terminal import print_problems

    errors = errors_only(error.problems)
    # Notes are information, errors or not: said as validate says them.
    for note in notes_only(error.problems):
        typer.echo(f"note: {note}", err=True)
    print_problems([p for p in error.problems if p.severity is not Severity.NOTE])
    typer.echo(f"Error: {len(errors)} problem{plural(len(errors))} in the input; {outcome}.", err=True)
    raise typer.Exit(1)


def usage_error(message: str) -> NoReturn:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(2)


# Exit codes: 0 success, 1 invalid input, 2 usage error, 3 a bug in kpicli.
BUG_EXIT = 3
Params = ParamSpec("Params")


def reports_errors(outcome: str) -> Callable[[Callable[Params, None]], Callable[Params, None]]:
    """The one error boundary: input errors become `file:line: field: message (hint)` lines and
    exit 1, usage errors exit 2, and anything else is a bug in kpicli: one line saying so and
    where its traceback was written (never the traceback itself, whose frames could hold
    figures, in a CI log), exit 3."""

    def decorate(command: Callable[Params, None]) -> Callable[Params, None]:
        @functools.wraps(command)
        def run(*args: Params.args, **kwargs: Params.kwargs) -> None:
            try:
                command(*args, **kwargs)
            except WarningsAsErrors as error:
                from kpicli.commands.terminal import print_strict

                print_strict(error.public, error.private)
                fail_strict(len(error.problems))
            except InputError as error:
                fail_with(error, outcome)
            except UsageError as error:
                usage_error(str(error))
            except (typer.Exit, typer.Abort, KeyboardInterrupt):
                raise
            except Exception as error:
                report_bug(error)

        return run

    return decorate


def report_bug(error: Exception) -> NoReturn:
    import tempfile
    import traceback

    from kpicli import __version__

    handle, name = tempfile.mkstemp(prefix="kpicli-bug-", suffix=".log")
    with open(handle, "w", encoding="utf-8") as log:
        log.write(f"kpicli {__version__}, Python {sys.version.split()[0]}, {sys.platform}\n")
        log.write(f"command: {' '.join(sys.argv)}\n\n")
        log.write("".join(traceback.format_exception(type(error), error, error.__traceback__)))
    typer.echo(
        f"Error: this is a bug in kpicli ({type(error).__name__}), not a problem with your files; "
        f"nothing was changed. Please report it with the log {name}",
        err=True,
    )
    raise typer.Exit(BUG_EXIT)


def checked_periods(period: str) -> list[str]:
    from kpicli.periods import PeriodError, expand_periods

    try:
        return expand_periods(period)
    except PeriodError as error:
        usage_error(f"--period: {error}")


def checked_period(period: str) -> str:
    periods = checked_periods(period)
    if len(periods) != 1:
        usage_error("--period: give one month YYYY-MM here, not a range.")
    return periods[0]


@app.command()
@reports_errors("nothing was built")
def build(
    period: Annotated[
        str,
        typer.Option("--period", help="Report period YYYY-MM, or a range YYYY-MM..YYYY-MM (every month)."),
    ],
    project: ProjectOption = Path("."),
    out: OutOption = None,
    force: Annotated[bool, typer.Option("--force", help="Rebuild even when no input has changed.")] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Treat warnings as errors (exit 1): for CI.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")] = False,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="PDF renderers at once [default: cores, at least 2]."),
    ] = None,
) -> None:
    """Build the public and exempt papers for a report period or a range of them."""
    from kpicli.commands.terminal import build_progress, print_build_warnings, print_results
    from kpicli.pipeline import build_periods

    periods = checked_periods(period)
    # The project's own out/ wherever kpicli is run from; an --out given is taken as given.
    out_dir = out if out is not None else project / "out"
    with build_progress(len(periods), enabled=not quiet and len(periods) > 1) as on_done:
        results = build_periods(
            project, periods, out_dir, force=force, strict=strict, jobs=jobs, on_done=on_done
        )
    if quiet:
        return
    print_build_warnings(results)
    print_results(results)


def fail_strict(count: int, command: str = "build") -> NoReturn:
    outcome = "nothing was built" if command == "build" else "the project does not pass"
    typer.echo(
        f"Error: {count} warning{plural(count)} treated as errors (--strict); {outcome}.",
        err=True,
    )
    raise typer.Exit(1)


@app.command()
@reports_errors("fix them and validate again")
def validate(
    project: ProjectOption = Path("."),
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            help="Also make every check a build as at this report period YYYY-MM makes "
            "(stale figures, comparators, actions, rows later than it), without rendering.",
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors (exit 1).")] = False,
) -> None:
    """Check the definitions, config and extracts; list every problem at once."""
    from kpicli.commands.terminal import print_validation
    from kpicli.pipeline import validate_project

    checked = checked_period(period) if period is not None else None
    count = print_validation(validate_project(project, checked), strict)
    if count and strict:
        fail_strict(count, "validate")
    typer.echo(f"OK: the project in {project.resolve()} is valid ({count} warning(s)).")


@app.command(name="list")
@reports_errors("fix them and try again")
def list_command(
    project: ProjectOption = Path("."),
    period: Annotated[
        str | None,
        typer.Option("--period", help="Rate as at this period YYYY-MM [default: the latest data]."),
    ] = None,
) -> None:
    """List the indicators: number, section, frequency, latest period and RAG."""
    from kpicli.commands.listing import list_indicators
    from kpicli.commands.terminal import print_indicator_list

    if period is not None:
        period = checked_period(period)
    print_indicator_list(list_indicators(project, period))


@app.command()
@reports_errors("nothing was created")
def init(
    directory: Annotated[Path, typer.Argument(help="A new or empty folder for the project.")],
    blank: Annotated[
        bool,
        typer.Option(
            "--blank", help="One example indicator and its figures to fill in, instead of the whole sample."
        ),
    ] = False,
) -> None:
    """Start a new papers project in DIRECTORY, copied from the sample (or, with --blank, one
    example indicator to copy for your own)."""
    from kpicli.commands.scaffold import create_blank_project, create_project

    made = create_blank_project(directory) if blank else create_project(directory)
    typer.echo(f"Created a papers project in {directory}: {', '.join(made)}")
    typer.echo(
        f"Next: kpicli validate --project {directory}, "
        f"then kpicli build --period YYYY-MM --project {directory}"
    )


@app.command()
@reports_errors("nothing was written")
def schema(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the JSON Schema files.")] = Path(
        "schema"
    ),
) -> None:
    """Write JSON Schemas for kpicli.yaml, indicator definitions, actions.yaml and papers.yaml."""
    from kpicli.commands.schema import write_schemas

    if out.exists() and not out.is_dir():
        raise UsageError(f"--out: {out} is a file; give a folder for the JSON Schema files")
    try:
        written = write_schemas(out)
    except OSError as error:
        raise UsageError(f"--out: cannot write to {out}: {error.strerror}") from None
    for path in written:
        typer.echo(f"Wrote {path.as_posix()}")


import_app = typer.Typer(
    help="Read published data into the project's extracts.", no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(import_app, name="import")


@import_app.command("dfe")
def import_dfe(
    file: Annotated[
        Path, typer.Argument(help="A DfE long CSV: an Explore Education Statistics data file or LAIT's.")
    ],
    indicator: Annotated[
        str, typer.Option("--indicator", "-i", help="The indicator id the figures are for.")
    ],
    measure: Annotated[
        str, typer.Option("--measure", "-m", help="The measure: its column (EES) or measure_code (LAIT).")
    ],
    authority: Annotated[
        str | None,
        typer.Option(
            "--authority", help="Also write this authority's own figures into values.csv (name or code)."
        ),
    ] = None,
    numerator: Annotated[str | None, typer.Option(help="EES column of the authority's numerator.")] = None,
    denominator: Annotated[
        str | None, typer.Option(help="EES column of the authority's denominator.")
    ] = None,
    where: Annotated[
        list[str] | None, typer.Option(help="Keep only rows where COLUMN=VALUE (a breakdown); repeatable.")
    ] = None,
    published: Annotated[
        str | None, typer.Option(help="The date DfE published the figures, YYYY-MM-DD.")
    ] = None,
    year_end: Annotated[
        int | None,
        typer.Option(
            min=1, max=12, help="Month a LAIT year such as 2019 ends in, when not December or March."
        ),
    ] = None,
    project: ProjectOption = Path("."),
) -> None:
    """Write every authority's, region's and England's figures for a measure into benchmarks.csv."""
    import datetime as dt

    from kpicli.commands.dfe_files import ImportRequest
    from kpicli.commands.import_dfe import import_dfe, project_target
    from kpicli.periods import short_period_label

    filters = []
    for item in where or []:
        column, separator, value = item.partition("=")
        if not separator or not column:
            usage_error(f"--where: '{item}' is not COLUMN=VALUE")
        filters.append((column.strip(), value.strip()))
    try:
        day = dt.date.fromisoformat(published) if published else None
    except ValueError:
        usage_error(f"--published: '{published}' is not a date YYYY-MM-DD")
    try:
        definition, folder, definition_file = project_target(project, indicator)
        request = ImportRequest(
            file, definition, measure, authority, numerator, denominator, tuple(filters), day, year_end
        )
        result = import_dfe(request, file.as_posix(), folder)
    except InputError as error:
        fail_with(error, "nothing was written")
    first, last = result.periods[0], result.periods[-1]
    typer.echo(
        f"Wrote {result.rows:,} rows for {indicator} to {result.benchmarks.as_posix()}: "
        f"{result.authorities} local authorities, {result.regions} regions and England, "
        f"{short_period_label(first)} to {short_period_label(last)}."
    )
    if day is not None:
        typer.echo(
            f"Dated the {short_period_label(last)} figures as published {day.isoformat()}; earlier years keep the "
            "date benchmarks.csv gave them, or none (published before any paper uses them)."
        )
    if result.values is not None:
        typer.echo(f"Wrote {result.own_rows} figures for {result.authority} to {result.values.as_posix()}.")
    if result.published_elsewhere:
        typer.echo(
            f"\nThese are percentages or rates without their counts, which Part 1 withholds unless they "
            f"are published elsewhere. DfE publishes them: to show them in Part 1, put this in "
            f"{definition_file} (in place of any disclosure: block; give the publication's url: too):\n\n"
            f"{result.published_elsewhere}"
        )


@app.command()
@reports_errors("fix them and try again")
def explain(
    indicator: Annotated[str, typer.Argument(help="Indicator id or committee number.")],
    period: PeriodOption,
    project: ProjectOption = Path("."),
) -> None:
    """Show every step of the computation for one indicator: figures, RAG, trend, disclosure."""
    from kpicli.commands.explain import UnknownIndicator
    from kpicli.commands.explain import explain as explain_indicator
    from kpicli.periods import parse_month

    period = checked_period(period)
    try:
        text = explain_indicator(project, indicator, parse_month(period))
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
