"""Read the extracts from a SQL database named by an environment variable.

The URL never appears in kpicli.yaml or in a message with its password: messages show it
redacted, and any text from the driver is scrubbed of the password before it is shown.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kpicli.errors import Problem
from kpicli.load.extracts import OPTIONAL_FILES, RawRow
from kpicli.load.sources.table import cell_text, table_rows
from kpicli.models.config import EXTRACT_NAMES, ExtractName, QueryChoice, SqlSource

if TYPE_CHECKING:
    from sqlalchemy import URL, Connection

CONFIG_FILE = "kpicli.yaml"
URL_EXAMPLE = "e.g. sqlite:///kpi.db or postgresql+psycopg://user:password@host/database"
CONNECT_TIMEOUT_SECONDS = 10
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([ T][0-9:.+-]*)?$")


def read_database(source: SqlSource, root: Path) -> tuple[dict[str, list[RawRow]], list[Problem]]:
    raw: dict[str, list[RawRow]] = {f"{name}.csv": [] for name in EXTRACT_NAMES}
    url, problems = database_url(source.url_env, root)
    if url is None:
        return raw, problems
    from sqlalchemy import create_engine
    from sqlalchemy.exc import SQLAlchemyError

    label = url.render_as_string(hide_password=True)
    try:
        engine = create_engine(url, connect_args=connect_args(url))
    except (SQLAlchemyError, ImportError) as error:
        return raw, [
            Problem(
                label,
                None,
                "",
                f"cannot be used: {scrub(error, url)}",
                f"check {source.url_env}; {URL_EXAMPLE}",
            )
        ]
    try:
        with engine.connect() as connection:
            for name in EXTRACT_NAMES:
                raw[f"{name}.csv"], found = read_extract(connection, source, name, url)
                problems += found
    except SQLAlchemyError as error:
        return raw, [
            Problem(
                label,
                None,
                "",
                f"cannot connect: {scrub(error, url)}",
                f"check the server is running and {source.url_env} is right",
            )
        ]
    finally:
        engine.dispose()
    return raw, problems


def database_url(variable: str, root: Path) -> tuple[URL | None, list[Problem]]:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    text = os.environ.get(variable, "").strip()
    if not text:
        return None, [
            Problem(
                CONFIG_FILE,
                None,
                "source.url_env",
                f"environment variable {variable} is not set",
                f"set it to the database's SQLAlchemy URL, {URL_EXAMPLE}",
            )
        ]
    try:
        url = make_url(text)
    except ArgumentError:
        # The text itself may hold a password, so it is not repeated.
        return None, [
            Problem(
                CONFIG_FILE, None, "source.url_env", f"{variable} does not hold a database URL", URL_EXAMPLE
            )
        ]
    return anchored(url, root), []


def anchored(url: URL, root: Path) -> URL:
    """A relative SQLite file is found beside kpicli.yaml, wherever kpicli is run from."""
    database = url.database
    if (
        url.get_backend_name() != "sqlite"
        or not database
        or database == ":memory:"
        or database.startswith("file:")
    ):
        return url
    path = Path(database)
    return url if path.is_absolute() else url.set(database=str(root / path))


def connect_args(url: URL) -> dict[str, object]:
    # An unreachable server must fail in seconds, not hang a nightly job.
    return {"connect_timeout": CONNECT_TIMEOUT_SECONDS} if url.get_backend_name() == "postgresql" else {}


def scrub(error: BaseException, url: URL) -> str:
    """The driver's own words, first line only, with the password and the raw URL taken out."""
    original = getattr(error, "orig", None) or error
    text = (str(original).strip().splitlines() or [type(original).__name__])[0]
    text = text.replace(url.render_as_string(hide_password=False), url.render_as_string(hide_password=True))
    if url.password:
        text = text.replace(str(url.password), "***")
    return text


def read_extract(
    connection: Connection, source: SqlSource, name: ExtractName, url: URL
) -> tuple[list[RawRow], list[Problem]]:
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError, StatementError

    choice = source.extracts.get(name)
    statement, shown = extract_statement(connection, choice or QueryChoice(table=name), name)
    try:
        # text() lets the dialect escape % for drivers whose placeholders use it (psycopg).
        result = connection.execute(text(statement))
        columns = [str(column) for column in result.keys()]  # noqa: SIM118 - iterating a result gives rows
        records = [tuple(record) for record in result]
    except (DBAPIError, StatementError) as error:
        connection.rollback()
        if choice is None and f"{name}.csv" in OPTIONAL_FILES:
            return [], []
        hint = (
            "check the query runs in the database"
            if choice and choice.query
            else "check the table or view exists and this account can read it"
        )
        return [], [Problem(shown, None, "", f"failed: {scrub(error, url)}", hint)]
    return table_rows(columns, None, text_rows(columns, records), shown, f"{name}.csv")


def extract_statement(connection: Connection, choice: QueryChoice, name: str) -> tuple[str, str]:
    if choice.query is not None:
        return choice.query, f"sql[{name} query]"
    assert choice.table is not None
    quote = connection.dialect.identifier_preparer.quote_identifier
    qualified = ".".join(quote(part) for part in choice.table.split("."))
    return f"SELECT * FROM {qualified}", f"sql[{choice.table}]"


def sql_cell_text(value: object, column: str) -> str:
    # SQLite (and drivers read without type information) hand dates over as ISO text.
    if column == "period" and isinstance(value, str) and ISO_DATE.match(value.strip()):
        return value.strip()[:7]
    return cell_text(value, column)


def text_rows(columns: Sequence[str], records: Sequence[Sequence[object]]) -> Iterator[tuple[int, list[str]]]:
    names = [column.strip().lower() for column in columns]
    for number, record in enumerate(records, start=1):
        yield number, [sql_cell_text(value, names[i]) for i, value in enumerate(record)]
