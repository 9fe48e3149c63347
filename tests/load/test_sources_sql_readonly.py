"""A configured query can read the database and nothing else: SQLite is opened read-only with an
authorizer, PostgreSQL runs each extract in a read-only transaction, and no secret is printed."""

from __future__ import annotations

from pathlib import Path

import pytest
from sources_builders import (
    drop_tables,
    load_tables,
    postgres_url,
    project_without_data,
    set_source,
    table_prefix,
)

from kpicli.errors import InputError, errors_only
from kpicli.load import load_project

__all__ = ["postgres_url", "project_without_data", "table_prefix"]  # fixtures
VARIABLE = "KPICLI_DATABASE_URL"
SMALL = Path(__file__).resolve().parents[2] / "sample_data"


def errors_for(root: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_project(root)
    return [str(problem) for problem in errors_only(caught.value.problems)]


def table_count(url: str, table: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as connection:
        count = int(connection.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one())
    engine.dispose()
    return count


@pytest.fixture
def sqlite_db(project_without_data: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    load_tables(SMALL, f"sqlite:///{project_without_data / 'kpi.db'}", "")
    monkeypatch.setenv(VARIABLE, "sqlite:///kpi.db")
    return project_without_data


@pytest.mark.parametrize(
    "statement",
    [
        'DROP TABLE "values"',
        'DELETE FROM "values" RETURNING *',
        "VACUUM INTO 'copy.db'",
        "ATTACH DATABASE 'made.db' AS made",
        "PRAGMA journal_mode = DELETE",
    ],
)
def test_a_sqlite_query_that_writes_is_refused_and_changes_nothing(sqlite_db: Path, statement: str) -> None:
    before = sorted(path.name for path in sqlite_db.iterdir())
    set_source(sqlite_db, {"kind": "sql", "extracts": {"values": {"query": statement}}})
    [error] = [e for e in errors_for(sqlite_db) if e.startswith("sql[values query]")]
    assert "kpicli only reads: give a SELECT" in error, error
    assert table_count(f"sqlite:///{sqlite_db / 'kpi.db'}", "values") > 0
    assert sorted(path.name for path in sqlite_db.iterdir()) == before


def test_a_statement_that_returns_no_rows_says_it_must_be_a_select(
    project_without_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_tables(SMALL, f"sqlite:///{project_without_data / 'kpi.db'}", "")
    monkeypatch.setenv(VARIABLE, "sqlite:///kpi.db")
    set_source(project_without_data, {"kind": "sql", "extracts": {"values": {"query": "-- to do"}}})
    [error] = [e for e in errors_for(project_without_data) if e.startswith("sql[values query]")]
    assert error.startswith("sql[values query]: the query returned no rows (it must be a SELECT")


@pytest.mark.parametrize(
    "statement",
    [
        "DROP TABLE {t}",
        "DELETE FROM {t} RETURNING *",
        "SELECT * FROM {t}; DROP TABLE {t}",
        "SET TRANSACTION READ WRITE",
    ],
)
def test_a_postgresql_query_that_writes_is_refused(
    project_without_data: Path,
    postgres_url: str,
    table_prefix: str,
    monkeypatch: pytest.MonkeyPatch,
    statement: str,
) -> None:
    load_tables(SMALL, postgres_url, table_prefix)
    table = f'"{table_prefix}values"'
    before = table_count(postgres_url, f"{table_prefix}values")
    extracts = {
        "values": {"query": statement.format(t=table)},
        # Runs after the values query: it would write if that one had made the transaction writable.
        "benchmarks": {"query": f"DELETE FROM {table} RETURNING indicator, period, 'x' AS area, value"},
        "breakdowns": {"table": table_prefix + "breakdowns"},
    }
    set_source(project_without_data, {"kind": "sql", "extracts": extracts})
    monkeypatch.setenv(VARIABLE, postgres_url)
    try:
        errors = errors_for(project_without_data)
        assert table_count(postgres_url, f"{table_prefix}values") == before
    finally:
        drop_tables(postgres_url, table_prefix)
    assert any(e.startswith("sql[values query]: ") for e in errors), errors
    assert any("read-only transaction" in e for e in errors if e.startswith("sql[benchmarks query]")), errors


@pytest.mark.parametrize("where", ["password", "query"])
def test_no_secret_is_printed_wherever_it_sits_in_the_url(
    project_without_data: Path, postgres_url: str, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    from sqlalchemy.engine import make_url

    secret = "Wr0ng-s3cret-Pa55"
    url = make_url(postgres_url).set(password=None)
    url = url.set(password=secret) if where == "password" else url.update_query_dict({"password": secret})
    monkeypatch.setenv(VARIABLE, url.render_as_string(hide_password=False))
    set_source(project_without_data, {"kind": "sql"})
    [error] = errors_for(project_without_data)
    assert secret not in error
    assert "password authentication failed" in error


def test_a_postgresql_query_running_past_the_statement_timeout_is_cancelled_by_the_server(
    project_without_data: Path, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A query stuck on a slow view or a lock fails the build within the configured time, saying
    which setting to change, instead of hanging the nightly job."""
    import time

    slow = "SELECT 'x' AS indicator, '2019-01' AS period, 1 AS value FROM pg_sleep(60)"
    source = {"kind": "sql", "extracts": {"values": {"query": slow}}, "statement_timeout_seconds": 1}
    set_source(project_without_data, source)
    monkeypatch.setenv(VARIABLE, postgres_url)
    started = time.monotonic()
    errors = errors_for(project_without_data)
    assert time.monotonic() - started < 20
    [error] = [e for e in errors if e.startswith("sql[values query]")]
    assert "canceling statement due to statement timeout" in error, error
    assert "source.statement_timeout_seconds (1 s) in kpicli.yaml" in error, error
