"""JSON Schemas for the YAML files, generated from the models so editors can autocomplete.

The files are committed under schema/ and a test fails when they are stale, so the schema an
editor checks against is always the one kpicli enforces.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from kpicli.models.config import ActionLog, PaperRegister, ProjectConfig
from kpicli.models.definition import IndicatorDefinition

DRAFT = "https://json-schema.org/draft/2020-12/schema"

SCHEMAS: dict[str, type[BaseModel]] = {
    "indicator.schema.json": IndicatorDefinition,
    "config.schema.json": ProjectConfig,
    "actions.schema.json": ActionLog,
    "papers.schema.json": PaperRegister,
}

TITLES: dict[str, str] = {
    "indicator.schema.json": "kpicli indicator definition (indicator_defs/*.yaml)",
    "config.schema.json": "kpicli project configuration (kpicli.yaml)",
    "actions.schema.json": "kpicli committee action log (actions.yaml)",
    "papers.schema.json": "kpicli register of earlier papers (papers.yaml)",
}


def schema_text(name: str) -> str:
    """One schema as deterministic JSON text: sorted keys, two-space indent, final newline."""
    schema = SCHEMAS[name].model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = DRAFT
    schema["title"] = TITLES[name]
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def render_schemas() -> dict[str, str]:
    return {name: schema_text(name) for name in sorted(SCHEMAS)}


def write_schemas(out_dir: Path) -> list[Path]:
    """Write every schema into `out_dir`; return the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, text in render_schemas().items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written
