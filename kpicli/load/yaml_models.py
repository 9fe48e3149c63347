"""Read a YAML file into a strict model, turning every validation error into a Problem."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from kpicli.errors import Problem
from kpicli.load.yaml_lines import line_of, parse_yaml

ModelT = TypeVar("ModelT", bound=BaseModel)


def read_text(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """Read UTF-8 (with or without BOM); say how to fix a file saved in another encoding."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(shown, None, "", f"cannot be read: {error.strerror}")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [
            Problem(
                shown,
                line,
                "",
                "is not UTF-8 text",
                "it looks like it was saved as Windows-1252 (for example from Excel); "
                "save it again as 'CSV UTF-8' or UTF-8",
            )
        ]


def load_yaml_document(path: Path, shown: str) -> tuple[Any, list[Problem]]:
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    try:
        return parse_yaml(text), []
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        message = (error.problem or error.context or "is not valid YAML").strip()
        return None, [Problem(shown, line, "", f"YAML syntax: {message}", "check indentation and quoting")]
    except yaml.YAMLError as error:
        return None, [Problem(shown, None, "", f"YAML syntax: {error}")]


def load_model(path: Path, model: type[ModelT], shown: str) -> tuple[ModelT | None, list[Problem]]:
    document, problems = load_yaml_document(path, shown)
    if problems:
        return None, problems
    if not isinstance(document, dict):
        return None, [Problem(shown, 1, "", "must be a mapping of keys to values", "see the sample project")]
    try:
        return model.model_validate(document), []
    except ValidationError as error:
        return None, [problem_from_error(item, document, model, shown) for item in error.errors()]


def field_path(location: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    for step in location:
        if isinstance(step, int):
            parts.append(f"[{step}]")
        elif step in ("thresholds", "tolerance", "benchmark"):
            continue  # pydantic adds the union member's tag; the user never wrote it
        else:
            parts.append(("." if parts else "") + str(step))
    return "".join(parts)


def known_keys(model: type[BaseModel], location: tuple[int | str, ...]) -> list[str]:
    """The keys allowed at `location`, walking nested models; empty if unknown."""
    current: Any = model
    for step in location:
        if isinstance(step, int) or not (isinstance(current, type) and issubclass(current, BaseModel)):
            continue
        info = current.model_fields.get(str(step))
        if info is None:
            return []
        current = nested_model(info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [info.alias or name for name, info in current.model_fields.items()]
    return []


def nested_model(annotation: Any) -> Any:
    for candidate in getattr(annotation, "__args__", ()) or (annotation,):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
        inner = nested_model(candidate) if getattr(candidate, "__args__", None) else None
        if inner is not None:
            return inner
    return annotation if isinstance(annotation, type) else None


def problem_from_error(item: Any, document: Any, model: type[BaseModel], shown: str) -> Problem:
    location = tuple(item["loc"])
    kind = item["type"]
    line = line_of(document, location)
    path = field_path(location)
    if kind == "extra_forbidden":
        key = str(location[-1])
        allowed = known_keys(model, location[:-1])
        close = difflib.get_close_matches(key, allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else ("allowed keys: " + ", ".join(allowed) if allowed else "")
        return Problem(shown, line, path, "unknown key", hint)
    if kind == "missing":
        return Problem(shown, line, path, "is required but missing", "add it; see the sample project")
    if kind in ("enum", "literal_error"):
        expected = item.get("ctx", {}).get("expected", "")
        return Problem(shown, line, path, f"'{item.get('input')}' is not allowed", f"use one of {expected}")
    if kind == "union_tag_invalid":
        expected = item.get("ctx", {}).get("expected_tags", "")
        return Problem(shown, line, path + ".kind", f"unknown rule kind '{item.get('ctx', {}).get('tag')}'", f"use one of {expected}")
    if kind == "union_tag_not_found":
        return Problem(shown, line, path + ".kind", "is required", "kind: thresholds, tolerance or benchmark")
    if kind == "string_pattern_mismatch":
        return Problem(shown, line, path, f"'{item.get('input')}' has characters that are not allowed", "use lower-case letters, digits and hyphens")
    message = str(item["msg"])
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    return Problem(shown, line, path, message[:1].lower() + message[1:])
