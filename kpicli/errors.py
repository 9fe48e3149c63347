"""User errors: every problem with an input names the file, the line or row, and the field."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    # Information, not a warning (rows later than the report period, which a re-run of an old
    # paper rightly ignores): neither strict mode counts it.
    NOTE = "note"


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


class WarningsAsErrors(InputError):
    """--strict found warnings; they are raised as errors and nothing is built. `problems` holds
    them all; `private` those among them not for publication (about exempt indicators or withheld
    figures), which the CLI prints under their own heading, in strict mode as in any other."""

    def __init__(self, public: Iterable[Problem], private: Iterable[Problem] = ()) -> None:
        self.public = tuple(sorted(public, key=sort_key))
        self.private = tuple(sorted(private, key=sort_key))
        super().__init__((*self.public, *self.private))


class UsageError(KpicliError):
    """The command line asked for something that cannot be done (exit code 2)."""


def sort_key(problem: Problem) -> tuple[str, int, str, str]:
    return (problem.file, problem.line or 0, problem.field, problem.message)


def errors_only(problems: Iterable[Problem]) -> list[Problem]:
    return [problem for problem in problems if problem.severity is Severity.ERROR]


def warnings_only(problems: Iterable[Problem]) -> list[Problem]:
    return [problem for problem in problems if problem.severity is Severity.WARNING]


def notes_only(problems: Iterable[Problem]) -> list[Problem]:
    return [problem for problem in problems if problem.severity is Severity.NOTE]


# The problems of one kind (one file, field and fix) shown before the rest are counted instead:
# a million duplicated rows make ten lines, not a million.
SHOWN_OF_A_KIND = 10


def capped(problems: Iterable[Problem]) -> list[Problem]:
    """Every problem, but at most SHOWN_OF_A_KIND of each kind, then "and N more like this"."""
    kinds: dict[tuple[str, str, str, Severity], list[Problem]] = {}
    for problem in sorted(problems, key=sort_key):
        kinds.setdefault((problem.file, problem.field, problem.hint, problem.severity), []).append(problem)
    result: list[Problem] = []
    for (file, field, hint, severity), found in kinds.items():
        result += found[:SHOWN_OF_A_KIND]
        if len(found) > SHOWN_OF_A_KIND:
            rest = found[SHOWN_OF_A_KIND:]
            result.append(
                Problem(file, rest[0].line, field, f"and {len(rest):,} more like this", hint, severity)
            )
    return result
