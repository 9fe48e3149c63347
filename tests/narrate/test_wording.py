"""House style lives in sentences.yaml, and a project's own file overrides it key by key."""

from __future__ import annotations

from pathlib import Path

import pytest

from kpicli.errors import InputError
from kpicli.load.wording import read_sections
from kpicli.narrate.wording import load_wording
from kpicli.template_paths import default_templates_folder


def write_override(root: Path, text: str) -> Path:
    folder = root / "templates"
    folder.mkdir(parents=True)
    (folder / "sentences.yaml").write_text(text, encoding="utf-8")
    return folder


def test_override_replaces_only_the_sentences_it_names(tmp_path: Path) -> None:
    folder = write_override(tmp_path, 'sentences:\n  latest: "{subject} stood at {value} {when}."\n')
    words = load_wording(folder)
    assert (
        words.sentence("latest", subject="the number", value="5", when="in May 2019")
        == "The number stood at 5 in May 2019."
    )
    default = read_sections(default_templates_folder() / "sentences.yaml", "sentences.yaml")[0]
    assert words.sentences["run_up"] == default["sentences"]["run_up"]


def test_unknown_placeholder_is_an_input_error_with_a_hint(tmp_path: Path) -> None:
    folder = write_override(tmp_path, 'sentences:\n  latest: "{subject} was {valeu}."\n')
    with pytest.raises(InputError) as raised:
        load_wording(folder)
    problem = raised.value.problems[0]
    assert (
        problem.field == "sentences.latest" and "{valeu}" not in problem.hint and "valeu" in problem.message
    )


def test_unknown_sentence_key_is_an_input_error(tmp_path: Path) -> None:
    folder = write_override(tmp_path, 'sentences:\n  lattest: "{subject}"\n')
    with pytest.raises(InputError, match="problem"):
        load_wording(folder)


def test_placeholders_are_filled_without_str_format(tmp_path: Path) -> None:
    folder = write_override(tmp_path, 'sentences:\n  latest: "{subject.__class__} {value}"\n')
    words = load_wording(folder)
    assert words.sentence("latest", subject="x", value="5", when="") == "{subject.__class__} 5"
