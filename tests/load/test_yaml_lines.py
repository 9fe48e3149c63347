"""The YAML loader records the line of every key and list item, and parses no dates itself."""

from __future__ import annotations

import textwrap

import pytest
import yaml

from kpicli.load.yaml_lines import line_of, parse_yaml

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
