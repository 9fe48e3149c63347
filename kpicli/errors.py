"""User errors: every problem with an input names the file, the line or row, and the field."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong with the input, with enough to find it and fix it."""

    file: str
    line: int | None
    field: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    def __str__(self) -> str:
        text = (
            f"{self.location}: {self.field}: {self.message}"
            if self.field
            else f"{self.location}: {self.message}"
        )
        return f"{text} ({self.hint})" if self.hint else text


class KpicliError(Exception):
    """Base for errors the user can act on: the CLI prints them without a traceback."""


class InputError(KpicliError):
    """The input has one or more problems; nothing was built."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted(problems, key=sort_key))
        super().__init__(f"{len(self.problems)} problem(s) in the input")


class UsageError(KpicliError):
    """The command line asked for something that cannot be done (exit code 2)."""


def sort_key(problem: Problem) -> tuple[str, int, str, str]:
    return (problem.file, problem.line or 0, problem.field, problem.message)


def errors_only(problems: Iterable[Problem]) -> list[Problem]:
    return [problem for problem in problems if problem.severity is Severity.ERROR]


def warnings_only(problems: Iterable[Problem]) -> list[Problem]:
    return [problem for problem in problems if problem.severity is Severity.WARNING]
