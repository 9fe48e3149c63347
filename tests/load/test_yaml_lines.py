"""The YAML loader records the line of every key and list item, and parses no dates itself."""

from __future__ import annotations

import textwrap

import pytest
import yaml

from kpicli.load.yaml_lines import LineLoader, line_of, parse_yaml

DOCUMENT = textwrap.dedent(
    """\
    title: Children's Scrutiny Dataset
    meetings:
      - period: "2019-05"
        date: 2019-07-09
      - period: "2019-08"

        date: 2019-11-12
    rag:
      kind: thresholds
      green: 10
    """
)


def test_dates_stay_text_for_the_models_to_parse() -> None:
    document = parse_yaml(DOCUMENT)
    assert document["meetings"][0]["date"] == "2019-07-09"
    assert parse_yaml("when: 2019-07-09 10:00:00")["when"] == "2019-07-09 10:00:00"


@pytest.mark.parametrize(
    ("location", "line"),
    [
        (("title",), 1),
        (("meetings",), 2),
        (("meetings", 0), 3),
        (("meetings", 1, "period"), 5),
        (("meetings", 1, "date"), 7),
        (("meetings", 1, "reference"), 5),  # a missing key is reported at its mapping
        (("meetings", 9), 2),
        (("rag", "thresholds", "green"), 10),  # pydantic's union tag is skipped
        (("nowhere",), 1),
    ],
)
def test_line_of_a_pydantic_location(location: tuple[int | str, ...], line: int) -> None:
    assert line_of(parse_yaml(DOCUMENT), location) == line


def test_a_key_written_twice_is_an_error_at_the_second() -> None:
    with pytest.raises(yaml.MarkedYAMLError) as raised:
        parse_yaml("title: One\nowner: Me\ntitle: Two\n")
    assert raised.value.problem == "the key 'title' appears twice"
    assert raised.value.problem_mark is not None and raised.value.problem_mark.line + 1 == 3


def with_lines(value: object) -> object:
    """A document with the lines parse_yaml records, for comparing two loads of it."""
    if isinstance(value, dict):
        lines = (getattr(value, "start_line", None), getattr(value, "key_lines", None))
        return ("map", lines, [(key, with_lines(item)) for key, item in value.items()])
    if isinstance(value, list):
        lines = (getattr(value, "start_line", None), getattr(value, "item_lines", None))
        return ("seq", lines, [with_lines(item) for item in value])
    return (type(value).__name__, value)


@pytest.mark.parametrize(
    "text",
    [
        DOCUMENT,
        "id: a\nnumber: 3\nratio: 0.5\nflag: yes\nnothing: ~\nlist: [1, two, 3.0]\n",
        "base: &base {kind: thresholds, green: 10}\nrag:\n  <<: *base\n  red: 20\n",
        "anchor: &a [1, 2]\nagain: *a\n",
        "tagged: !!set {a, b}\nbinary: !!binary aGVsbG8=\nstr: !!str 12\n",
        "- a\n- {b: 1, c: [2, 3]}\n- - nested\n",
        "just text\n",
        "",
    ],
)
def test_walking_the_nodes_gives_what_pyyaml_constructs(text: str) -> None:
    """parse_yaml builds plain documents itself and leaves anything else to PyYAML: the same
    values and the same lines either way."""
    assert with_lines(parse_yaml(text)) == with_lines(yaml.load(text, Loader=LineLoader))


@pytest.mark.parametrize(
    ("text", "message"),
    [("a: 1\na: 2\n", "the key 'a' appears twice"), ("? [1, 2]\n: x\n", "a key must be a plain value")],
)
def test_repeated_and_unhashable_keys_are_errors(text: str, message: str) -> None:
    with pytest.raises(yaml.constructor.ConstructorError, match=message.replace("[", r"\[")):
        parse_yaml(text)
