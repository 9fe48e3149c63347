"""The committed JSON Schemas are the ones the models generate, and document every field."""

from __future__ import annotations

import json
import re
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel
from typer.testing import CliRunner

from kpicli.cli import app
from kpicli.commands.schema import SCHEMAS, render_schemas
from kpicli.load.yaml_lines import parse_yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
SAMPLE_FILES = {
    "kpicli.yaml": "config.schema.json",
    "actions.yaml": "actions.schema.json",
    "papers.yaml": "papers.schema.json",
}


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_is_fresh(name: str) -> None:
    committed = (REPO_ROOT / "schema" / name).read_text(encoding="utf-8")
    assert committed == render_schemas()[name], f"schema/{name} is stale: run `kpicli schema --out schema`"


def test_schema_command_writes_every_schema(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["schema", "--out", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    written = {path.name: path.read_text(encoding="utf-8") for path in (tmp_path / "s").iterdir()}
    assert written == render_schemas()
    for text in written.values():
        schema = json.loads(text)
        assert schema["$schema"].startswith("https://json-schema.org/")
        assert schema["additionalProperties"] is False


def models_within(model: type[BaseModel]) -> set[type[BaseModel]]:
    found = {model}
    for info in model.model_fields.values():
        pending = [info.annotation]
        while pending:
            current = pending.pop()
            if isinstance(current, type) and issubclass(current, BaseModel) and current not in found:
                found |= models_within(current)
            pending += list(typing.get_args(current))
    return found


ALL_MODELS = sorted({m for model in SCHEMAS.values() for m in models_within(model)}, key=lambda m: m.__name__)


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.__name__)
def test_every_field_has_a_description(model: type[BaseModel]) -> None:
    undocumented = [name for name, info in model.model_fields.items() if not info.description]
    assert undocumented == []


def test_discriminated_rag_union_is_published_as_one_of_three_kinds() -> None:
    schema = json.loads(render_schemas()["indicator.schema.json"])
    rag = schema["properties"]["rag"]["anyOf"][0]
    assert rag["discriminator"]["propertyName"] == "kind"
    assert sorted(rag["discriminator"]["mapping"]) == ["benchmark", "thresholds", "tolerance"]


SAMPLE_DOCUMENTS = sorted(
    [(REPO_ROOT / file, schema) for file, schema in SAMPLE_FILES.items()]
    + [(REPO_ROOT / "examples/next-cycle/actions.yaml", "actions.schema.json")]
    + [(path, "indicator.schema.json") for path in (REPO_ROOT / "indicator_defs").glob("*.yaml")]
)
SAMPLE_IDS = [path.relative_to(REPO_ROOT).as_posix() for path, _ in SAMPLE_DOCUMENTS]
# How yaml-language-server (VS Code's YAML extension) finds a file's schema: a comment line.
MODELINE = re.compile(r"^#\s+(?:yaml-language-server\s*:|\$schema:).*?\$schema(?:=|:\s*)(\S+)")


def test_every_sample_file_is_checked() -> None:
    assert len(SAMPLE_DOCUMENTS) == len(SAMPLE_FILES) + 1 + len(
        list((REPO_ROOT / "indicator_defs").glob("*.yaml"))
    )
    assert len(SAMPLE_DOCUMENTS) > 10


@pytest.mark.parametrize(("file", "schema"), SAMPLE_DOCUMENTS, ids=SAMPLE_IDS)
def test_sample_files_point_editors_at_their_schema(file: Path, schema: str) -> None:
    text = file.read_text(encoding="utf-8")
    modelines = [m.group(1) for line in text.splitlines() if (m := MODELINE.match(line))]
    key = parse_yaml(text)["$schema"]
    expected = REPO_ROOT / "schema" / schema
    assert len(modelines) == 1, "one '# yaml-language-server: $schema=...' comment"
    for reference in (modelines[0], key):
        assert (file.parent / reference).resolve() == expected


def schema_errors(file: Path, schema_name: str) -> list[str]:
    """What an editor checking `file` against its schema would flag. The document is parsed
    as the loader parses it (dates left as text), as editors' YAML 1.2 parsers do."""
    from jsonschema import Draft202012Validator

    schema = json.loads((REPO_ROOT / "schema" / schema_name).read_text(encoding="utf-8"))
    document = parse_yaml(file.read_text(encoding="utf-8"))
    return [error.message for error in Draft202012Validator(schema).iter_errors(document)]


@pytest.mark.parametrize(("file", "schema"), SAMPLE_DOCUMENTS, ids=SAMPLE_IDS)
def test_sample_files_pass_their_schema(file: Path, schema: str) -> None:
    assert schema_errors(file, schema) == []


def test_schema_flags_a_misspelt_key_as_an_editor_would(tmp_path: Path) -> None:
    source = sorted((REPO_ROOT / "indicator_defs").glob("*.yaml"))[0]
    broken = tmp_path / "broken.yaml"
    broken.write_text(source.read_text(encoding="utf-8").replace("\ntitle:", "\ntitel:", 1), encoding="utf-8")
    errors = schema_errors(broken, "indicator.schema.json")
    assert any("titel" in message for message in errors), errors
