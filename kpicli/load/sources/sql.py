"""Read the extracts from a SQL database named by an environment variable.

The URL never appears in kpicli.yaml or in a message with its password: messages show it
redacted, and any text from the driver is scrubbed of the password before it is shown.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kpicli.errors import Problem
from kpicli.load.extracts import MAX_EXTRACT_ROWS, OPTIONAL_FILES, RawRow
from kpicli.load.sources.grid import cell_text, table_rows
from kpicli.models.config import EXTRACT_NAMES, ExtractName, QueryChoice, SqlSource

if TYPE_CHECKING:
    import sqlite3

    from sqlalchemy import URL, Engine
    from sqlalchemy.engine import Dialect

CONFIG_FILE = "kpicli.yaml"
URL_EXAMPLE = "e.g. sqlite:///kpi.db or postgresql+psycopg://user:password@host/database"
CONNECT_TIMEOUT_SECONDS = 10
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([ T][0-9:.+-]*)?$")


def read_database(source: SqlSource, root: Path) -> tuple[dict[str, list[RawRow]], list[Problem]]:
    """Every extract, read in read-only transactions: a configured statement can read the
    database but never change it (nor, in SQLite, write files with ATTACH or VACUUM INTO)."""
    raw: dict[str, list[RawRow]] = {f"{name}.csv": [] for name in EXTRACT_NAMES}
    url, problems = database_url(source.url_env, root)
    if url is None:
        return raw, problems
    from sqlalchemy.exc import SQLAlchemyError

    label = redacted(url)
    try:
        engine = read_only_engine(url, source.statement_timeout_seconds)
    except (SQLAlchemyError, ImportError, ValueError) as error:
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
        connection = engine.raw_connection()
    except (SQLAlchemyError, OSError, engine.dialect.loaded_dbapi.Error) as error:
        engine.dispose()
        return raw, [
            Problem(
                label,
                None,
                "",
                f"cannot connect: {scrub(error, url)}",
                f"check the server is running and {source.url_env} is right",
            )
        ]
    try:
        driver = connection.driver_connection
        assert driver is not None
        if url.get_backend_name() == "sqlite":
            # Set once SQLAlchemy has read its settings (a PRAGMA) from the new connection.
            driver.set_authorizer(sqlite_authorizer)
        for name in EXTRACT_NAMES:
            raw[f"{name}.csv"], found = read_extract(driver, engine.dialect, source, name, url)
            problems += found
    finally:
        connection.close()
        engine.dispose()
    return raw, problems


def read_only_engine(url: URL, timeout_seconds: int) -> Engine:
    """An engine whose every connection is read-only: SQLite opened with mode=ro and an
    authorizer that allows reading alone; PostgreSQL with read-only transactions and every
    statement cancelled by the server after `timeout_seconds`."""
    from sqlalchemy import create_engine

    if url.get_backend_name() == "sqlite":
        database = url.database or ""
        if not database or database == ":memory:" or database.startswith("file:"):
            raise ValueError("give the SQLite database as a file path, e.g. sqlite:///kpi.db")
        location = Path(database).resolve().as_uri() + "?mode=ro"
        return create_engine("sqlite://", creator=lambda: read_only_sqlite(location))
    return create_engine(url, connect_args=connect_args(url, timeout_seconds))


def read_only_sqlite(location: str) -> sqlite3.Connection:
    import sqlite3

    return sqlite3.connect(location, uri=True)


# SQLite's authorizer codes for reading: SELECT, READ, FUNCTION and RECURSIVE (a WITH RECURSIVE).
SQLITE_READING = frozenset({21, 20, 31, 33})


def sqlite_authorizer(action: int, *_: object) -> int:
    """Allow reading alone: a DROP, an ATTACH (which creates a file), VACUUM INTO, a PRAGMA or
    a temporary table is refused before it runs."""
    return 0 if action in SQLITE_READING else 1  # SQLITE_OK, SQLITE_DENY


def redacted(url: URL) -> str:
    """The URL as shown in messages: no password, and no query string (which can hold one)."""
    shown = url.set(query={}).render_as_string(hide_password=True)
    return shown + "?***" if url.query else shown


SECRET_KEYS = ("pass", "pwd", "secret", "token", "key", "auth")


def secrets_in(url: URL) -> list[str]:
    """Every text in the URL that may be secret: the password, and query values (any value of
    a key that names a secret; any other of three characters or more)."""
    found = [str(url.password)] if url.password else []
    for key, value in url.query.items():
        values = value if isinstance(value, tuple) else (value,)
        secret_key = any(word in key.lower() for word in SECRET_KEYS)
        found += [text for text in values if text and (secret_key or len(text) >= 3)]
    return sorted(found, key=len, reverse=True)


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


def connect_args(url: URL, timeout_seconds: int) -> dict[str, object]:
    # An unreachable server must fail in seconds and a query stuck on a lock or a slow view
    # in minutes, not hang a nightly job; and every transaction is read-only unless a statement
    # asks otherwise (read_extract never lets it).
    if url.get_backend_name() != "postgresql":
        return {}
    options = f"-c default_transaction_read_only=on -c statement_timeout={timeout_seconds}s"
    return {"connect_timeout": CONNECT_TIMEOUT_SECONDS, "options": options}


def scrub(error: BaseException, url: URL) -> str:
    """The driver's own words, first line only, with the URL and every secret in it taken out."""
    original = getattr(error, "orig", None) or error
    text = (str(original).strip().splitlines() or [type(original).__name__])[0]
    text = text.replace(url.render_as_string(hide_password=False), redacted(url))
    for secret in secrets_in(url):
        text = text.replace(secret, "***")
    return text


def read_extract(
    connection: Any, dialect: Dialect, source: SqlSource, name: ExtractName, url: URL
) -> tuple[list[RawRow], list[Problem]]:
    choice = source.extracts.get(name)
    statement, shown = extract_statement(dialect, choice or QueryChoice(table=name), name)
    try:
        columns, records = run_read_only(connection, statement, url.get_backend_name())
    except dialect.loaded_dbapi.Error as error:
        connection.rollback()
        if choice is None and f"{name}.csv" in OPTIONAL_FILES:
            return [], []
        hint = (
            "check the query runs in the database"
            if choice and choice.query
            else "check the table or view exists and this account can read it"
        )
        if (
            "read-only" in str(error)
            or "not authorized" in str(error)
            or "authorization denied" in str(error)
        ):
            hint = "kpicli only reads: give a SELECT that returns the extract's columns"
        if "statement timeout" in str(error):
            hint = (
                f"it ran longer than source.statement_timeout_seconds ({source.statement_timeout_seconds} s) "
                f"in {CONFIG_FILE}: make the query faster (an index, a narrower view) or raise the limit"
            )
        return [], [Problem(shown, None, "", f"failed: {scrub(error, url)}", hint)]
    if columns is None:
        return [], [
            Problem(
                shown,
                None,
                "",
                "the query returned no rows (it must be a SELECT)",
                "give a SELECT that returns the extract's columns; kpicli never changes the database",
            )
        ]
    return table_rows(columns, None, text_rows(columns, records), shown, f"{name}.csv")


def run_read_only(
    connection: Any, statement: str, backend: str
) -> tuple[list[str] | None, list[tuple[Any, ...]]]:
    """Run one statement in its own read-only transaction; its column names (None if it
    returns no rows) and its rows."""
    connection.rollback()
    if backend == "postgresql":
        connection.read_only = True
    cursor = connection.cursor()
    try:
        if backend == "postgresql":
            # The snapshot taken first stops the statement switching the transaction to
            # read-write; a prepared statement cannot hold a second one ("; DROP ...").
            cursor.execute("SELECT 1")
            cursor.execute(statement, prepare=True)
        else:
            cursor.execute(statement)
        if cursor.description is None:
            return None, []
        columns = [str(column[0]) for column in cursor.description]
        records = [tuple(record) for record in cursor.fetchmany(MAX_EXTRACT_ROWS + 1)]
        return columns, records
    finally:
        cursor.close()
        connection.rollback()


def extract_statement(dialect: Dialect, choice: QueryChoice, name: str) -> tuple[str, str]:
    if choice.query is not None:
        return choice.query, f"sql[{name} query]"
    assert choice.table is not None
    quote = dialect.identifier_preparer.quote_identifier
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
