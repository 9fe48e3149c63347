"""The SQL source: the sample from SQLite and from a real PostgreSQL server, and its failures."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest
from sources_builders import (
    REPO_ROOT,
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


def load_errors(root: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_project(root)
    return [str(problem) for problem in errors_only(caught.value.problems)]


def prefixed(prefix: str, **overrides: Any) -> dict[str, Any]:
    extracts = {name: {"table": prefix + name} for name in ("values", "benchmarks", "breakdowns")}
    return {"kind": "sql", "extracts": {**extracts, **overrides}}


@pytest.fixture
def sqlite_project(project_without_data: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # A relative SQLite path is found beside kpicli.yaml, not in the working directory.
    load_tables(REPO_ROOT / "sample_data", f"sqlite:///{project_without_data / 'kpi.db'}", "")
    set_source(project_without_data, {"kind": "sql"})
    monkeypatch.setenv(VARIABLE, "sqlite:///kpi.db")
    return project_without_data


def test_the_sample_from_sqlite_matches_the_csv_extracts(sqlite_project: Path) -> None:
    from_csv = load_project(REPO_ROOT)
    from_sql = load_project(sqlite_project)
    assert from_sql.data == from_csv.data
    assert from_sql.warnings == from_csv.warnings


def test_the_sample_from_postgresql_matches_the_csv_extracts(
    project_without_data: Path, postgres_url: str, table_prefix: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_tables(REPO_ROOT / "sample_data", postgres_url, table_prefix)
    # Casts and a literal % exercise driver types (numeric, date) and placeholder escaping. The
    # values extract holds only numbers; benchmarks keep symbols such as [x], so stay text.
    query = (
        "SELECT indicator, period::date, value::numeric, numerator::numeric, denominator::numeric,"
        f" variant, note FROM {table_prefix}values WHERE indicator LIKE '%'"
    )
    set_source(project_without_data, prefixed(table_prefix, values={"query": query}))
    monkeypatch.setenv(VARIABLE, postgres_url)
    try:
        from_sql = load_project(project_without_data)
    finally:
        drop_tables(postgres_url, table_prefix)
    from_csv = load_project(REPO_ROOT)
    assert from_sql.data == from_csv.data
    assert from_sql.warnings == from_csv.warnings


def test_a_missing_table_and_wrong_columns_name_the_query(
    sqlite_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_source(
        sqlite_project,
        prefixed("", values={"table": "valuez"}, benchmarks={"query": "SELECT indicator FROM benchmarks"}),
    )
    errors = load_errors(sqlite_project)
    assert (
        "sql[valuez]: failed: no such table: valuez (check the table or view exists and this account can read it)"
        in errors
    )
    assert (
        "sql[benchmarks query]: area: required column is missing (the header must include indicator, period, area, value)"
        in errors
    )


def test_a_sql_error_in_a_query_is_reported_with_the_driver_words(sqlite_project: Path) -> None:
    set_source(sqlite_project, prefixed("", values={"query": "SELEC * FROM values"}))
    [error] = [e for e in load_errors(sqlite_project) if e.startswith("sql[values query]")]
    assert 'failed: near "SELEC": syntax error' in error


def test_a_bad_row_names_the_query_and_row(sqlite_project: Path) -> None:
    query = "SELECT indicator, period, 'n/a' AS value FROM \"values\" LIMIT 2"
    set_source(sqlite_project, prefixed("", values={"query": query}))
    errors = load_errors(sqlite_project)
    assert (
        "sql[values query]:2: value: 'n/a' is not a number (write a number with no symbols; leave the row out if there is no figure)"
        in errors
    )


def test_a_query_with_no_rows(sqlite_project: Path) -> None:
    set_source(sqlite_project, prefixed("", values={"query": 'SELECT * FROM "values" WHERE 1 = 0'}))
    assert (
        "sql[values query]: has no rows (it should hold the values extract; check the file, sheet, filter or query)"
        in load_errors(sqlite_project)
    )


def test_an_unset_variable_is_named(project_without_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(VARIABLE, raising=False)
    set_source(project_without_data, {"kind": "sql"})
    [error] = load_errors(project_without_data)
    assert error.startswith(f"kpicli.yaml: source.url_env: environment variable {VARIABLE} is not set")


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_an_unreachable_server_is_clear_and_hides_the_password(
    project_without_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    password = "s3cret-Pa55word"
    monkeypatch.setenv(VARIABLE, f"postgresql+psycopg://kpicli:{password}@127.0.0.1:{closed_port()}/kpi")
    set_source(project_without_data, {"kind": "sql"})
    [error] = load_errors(project_without_data)
    assert password not in error
    assert error.startswith("postgresql+psycopg://kpicli:***@127.0.0.1:")
    assert "cannot connect" in error and "KPICLI_DATABASE_URL" in error


def test_a_wrong_password_is_not_repeated(
    project_without_data: Path, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.engine import make_url

    wrong = "wrong-" + "Pa55word"
    monkeypatch.setenv(
        VARIABLE, make_url(postgres_url).set(password=wrong).render_as_string(hide_password=False)
    )
    set_source(project_without_data, {"kind": "sql"})
    [error] = load_errors(project_without_data)
    assert wrong not in error
    assert "password authentication failed" in error


def test_text_that_is_not_a_url_is_not_echoed(
    project_without_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(VARIABLE, "user:hunter2 at the warehouse")
    set_source(project_without_data, {"kind": "sql"})
    [error] = load_errors(project_without_data)
    assert "hunter2" not in error
    assert error.startswith(f"kpicli.yaml: source.url_env: {VARIABLE} does not hold a database URL")
