"""Presentation values that the templates print as they are."""

from __future__ import annotations

import pytest

from kpicli.render.context import paragraph_list


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        ([2], "paragraph 2"),
        ([5, 2, 3], "paragraphs 2, 3 and 5"),
        ([3, 3], "paragraph 3"),
        ([1, 2], "paragraphs 1 and 2"),
        ([], "paragraph 1"),
    ],
)
def test_exempt_paragraphs_are_cited_as_the_act_is(paragraphs: list[int], expected: str) -> None:
    assert paragraph_list(paragraphs) == expected
