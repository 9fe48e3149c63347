"""Read a YAML file into a strict model, turning every validation error into a Problem.

Pydantic's wording is rewritten into the officer's language, with the fix as the hint.
"""

from __future__ import annotations

import difflib
import re
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from kpicli.errors import Problem
from kpicli.load.files import read_user_text
from kpicli.load.yaml_lines import ExpansionError, line_of, parse_yaml

ModelT = TypeVar("ModelT", bound=BaseModel)
RULE_KINDS = ("thresholds", "tolerance", "benchmark")


def load_yaml_document(path: Path, shown: str, root: Path | None = None) -> tuple[Any, list[Problem]]:
    text, problems = read_user_text(path, shown, root=root)
    if text is None:
        return None, problems
    return parse_yaml_text(text, shown)


def parse_yaml_text(text: str, shown: str) -> tuple[Any, list[Problem]]:
    try:
        return parse_yaml(text), []
    except ExpansionError as error:
        line = error.problem_mark.line + 1 if error.problem_mark is not None else None
        hint = "write the values out rather than repeating anchors and aliases"
        return None, [Problem(shown, line, "", f"YAML: {error.problem}", hint)]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        message = (error.problem or error.context or "is not valid YAML").strip()
        return None, [Problem(shown, line, "", f"YAML syntax: {message}", "check indentation and quoting")]
    except yaml.YAMLError as error:
        return None, [Problem(shown, None, "", f"YAML syntax: {error}")]
    except RecursionError:
        return None, [Problem(shown, None, "", "YAML syntax: nested too deeply")]


def load_model(path: Path, model: type[ModelT], shown: str) -> tuple[ModelT | None, list[Problem], Any]:
    """The model, its problems, and the line-recording document (None if unreadable)."""
    document, problems = load_yaml_document(path, shown)
    if problems:
        return None, problems, None
    if not isinstance(document, dict):
        return (
            None,
            [Problem(shown, 1, "", "must be a mapping of keys to values", "see the sample project")],
            None,
        )
    try:
        return model.model_validate(document), [], document
    except ValidationError as error:
        problems = [problem_from_error(item, document, model, shown) for item in error.errors()]
        return None, without_explained_missing(problems), document


def without_explained_missing(problems: list[Problem]) -> list[Problem]:
    """Drop 'X is required but missing' when an unknown key beside it is a typo of X: the
    did-you-mean already says how to fix both."""
    suggested: set[str] = set()
    for problem in problems:
        match = re.fullmatch(r"did you mean '(.+)'\?", problem.hint)
        if problem.message == "unknown key" and match:
            parent, _, _ = problem.field.rpartition(".")
            suggested.add(f"{parent}.{match.group(1)}" if parent else match.group(1))
    return [p for p in problems if not (p.message == "is required but missing" and p.field in suggested)]


def is_tag(location: tuple[int | str, ...], index: int) -> bool:
    """pydantic names the member of a discriminated union by its tag ('tolerance'), once, right
    after the union's field; a key of the member may have the same name (a tolerance rule's
    tolerance), and is not a tag."""
    step = location[index]
    return step in RULE_KINDS and not (index > 0 and is_tag(location, index - 1))


def field_path(location: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    for index, step in enumerate(location):
        if isinstance(step, int):
            parts.append(f"[{step}]")
        elif is_tag(location, index):
            continue  # the user never wrote it
        else:
            parts.append(("." if parts else "") + str(step))
    return "".join(parts)


def known_keys(model: type[BaseModel], location: tuple[int | str, ...]) -> list[str]:
    """The keys allowed at `location`, walking nested models; empty if unknown."""
    candidates = [model]
    for index, step in enumerate(location):
        if isinstance(step, int):
            continue
        if is_tag(location, index) and any(step in kind_tags(c) for c in candidates):
            candidates = [c for c in candidates if step in kind_tags(c)]
            continue
        fields = [c.model_fields[step] for c in candidates if step in c.model_fields]
        candidates = models_in(fields[0].annotation) if fields else []
    if len(candidates) != 1:
        return []
    return [info.alias or name for name, info in candidates[0].model_fields.items()]


def models_in(annotation: Any) -> list[type[BaseModel]]:
    """Every model class an annotation can hold: through Optional, list, Annotated, unions."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in typing.get_args(annotation) for model in models_in(arg)]


def kind_tags(model: type[BaseModel]) -> tuple[object, ...]:
    kind = model.model_fields.get("kind")
    return typing.get_args(kind.annotation) if kind is not None else ()


def suggestion(text: str, choices: list[str], fallback: str) -> str:
    close = difflib.get_close_matches(text, choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else fallback


def quoted_choices(expected: str) -> list[str]:
    return re.findall(r"'([^']*)'", expected)


def shown_input(item: dict[str, Any]) -> str:
    value = item.get("input")
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"'{value}'"


Describer = Callable[[dict[str, Any]], tuple[str, str]]


def describe_enum(item: dict[str, Any]) -> tuple[str, str]:
    choices = quoted_choices(str(item.get("ctx", {}).get("expected", "")))
    listed = "use one of " + ", ".join(choices)
    return f"{shown_input(item)} is not allowed", suggestion(str(item.get("input")), choices, listed)


def describe_bound(word: str) -> Describer:
    def describe(item: dict[str, Any]) -> tuple[str, str]:
        limit = next(iter(item.get("ctx", {}).values()), "")
        return f"{shown_input(item)} must be {word} {limit}", ""

    return describe


def fixed(message: str, hint: str = "") -> Describer:
    def describe(item: dict[str, Any]) -> tuple[str, str]:
        return message.format(value=shown_input(item)), hint

    return describe


DESCRIBERS: dict[str, Describer] = {
    "enum": describe_enum,
    "literal_error": describe_enum,
    "missing": fixed("is required but missing", "add it; see the sample project"),
    "int_parsing": fixed("{value} is not a whole number", "write digits only, e.g. 12"),
    "int_type": fixed("{value} is not a whole number", "write digits only, e.g. 12"),
    "int_from_float": fixed("{value} is not a whole number", "write it without decimals"),
    "float_parsing": fixed("{value} is not a number", "write digits only, e.g. 12.5"),
    "float_type": fixed("{value} is not a number", "write digits only, e.g. 12.5"),
    "finite_number": fixed("{value} is not a finite number", "write an ordinary number, e.g. 12.5"),
    "suppresses_nothing": fixed(
        "1 suppresses nothing: every small count would be published", "use 2 or more; 5 or 10 is usual"
    ),
    "unsafe_link": fixed(
        "{value} is not a web or email link", "only http:, https: and mailto: links are published"
    ),
    "bool_parsing": fixed("{value} is not true or false", "write true or false"),
    "bool_type": fixed("{value} is not true or false", "write true or false"),
    "string_type": fixed("{value} is not text", "put it in quotes"),
    "date_from_datetime_parsing": fixed("{value} is not a date", "write it as YYYY-MM-DD, e.g. 2019-11-12"),
    "date_parsing": fixed("{value} is not a date", "write it as YYYY-MM-DD, e.g. 2019-11-12"),
    "date_type": fixed("{value} is not a date", "write it as YYYY-MM-DD, e.g. 2019-11-12"),
    "date_from_datetime_inexact": fixed("{value} is not a date", "write the day only, as YYYY-MM-DD"),
    "list_type": fixed("{value} is not a list", "write one item a line, each starting with '- '"),
    "model_type": fixed("{value} is not a mapping", "write the keys indented under it"),
    "model_attributes_type": fixed("{value} is not a mapping", "write the keys indented under it"),
    "dict_type": fixed("{value} is not a mapping", "write the keys indented under it"),
    "string_too_short": fixed("{value} is too short", "write it out in full"),
    "too_short": fixed("is empty", "give at least one item"),
    "string_pattern_mismatch": fixed(
        "{value} has characters that are not allowed", "use lower-case letters, digits and hyphens"
    ),
    "greater_than_equal": describe_bound("at least"),
    "greater_than": describe_bound("more than"),
    "less_than_equal": describe_bound("at most"),
    "less_than": describe_bound("less than"),
    "union_tag_not_found": fixed("is required", "kind: thresholds, tolerance or benchmark"),
}


def problem_from_error(item: Any, document: Any, model: type[BaseModel], shown: str) -> Problem:
    location = tuple(item["loc"])
    kind = item["type"]
    ctx = item.get("ctx") or {}
    if kind == "inconsistent" and ctx.get("field"):
        location += (str(ctx["field"]),)  # a cross-field rule names the key to point at
    line = line_of(document, location)
    path = field_path(location)
    if kind == "extra_forbidden":
        key = str(location[-1])
        allowed = sorted(known_keys(model, location[:-1]))
        fallback = "allowed keys: " + ", ".join(allowed) if allowed else "remove it"
        return Problem(shown, line, path, "unknown key", suggestion(key, allowed, fallback))
    if kind == "union_tag_invalid":
        tags = quoted_choices(str(ctx.get("expected_tags", "")))
        hint = suggestion(str(ctx.get("tag")), tags, "use one of " + ", ".join(tags))
        line = line_of(document, (*location, "kind"))
        return Problem(shown, line, path + ".kind", f"unknown rule kind '{ctx.get('tag')}'", hint)
    if kind == "union_tag_not_found":
        path += ".kind"
    describer = DESCRIBERS.get(kind)
    if describer is not None:
        message, hint = describer(item)
        return Problem(shown, line, path, message, hint)
    message = str(item["msg"]).removeprefix("Value error, ")
    return Problem(shown, line, path, message[:1].lower() + message[1:])
