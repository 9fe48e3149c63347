"""YAML that remembers where every key was written, so errors can name the line."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from typing import Any

import yaml


class LineDict(dict[Any, Any]):
    """A mapping that knows the 1-based line of itself and of each of its keys."""

    start_line: int
    key_lines: dict[Any, int]


class LineList(list[Any]):
    start_line: int
    item_lines: list[int]


# libyaml's parser is about ten times faster, and it reports the same marks.
BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineLoader(BaseLoader):  # type: ignore[valid-type,misc]
    """SafeLoader that records lines and leaves dates as text for the models to parse."""


def without_timestamps() -> dict[Any, list[tuple[str, re.Pattern[str]]]]:
    resolvers: dict[Any, list[tuple[str, re.Pattern[str]]]] = {}
    for first, entries in yaml.SafeLoader.yaml_implicit_resolvers.items():
        resolvers[first] = [entry for entry in entries if entry[0] != "tag:yaml.org,2002:timestamp"]
    return resolvers


LineLoader.yaml_implicit_resolvers = without_timestamps()

MAPPING_TAG = yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG
SEQUENCE_TAG = yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG
PLAIN_SCALARS = frozenset("tag:yaml.org,2002:" + kind for kind in ("str", "int", "float", "bool", "null"))


def line_mapping(node: yaml.MappingNode, construct: Callable[[yaml.Node], Any]) -> LineDict:
    mapping = LineDict()
    mapping.start_line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = construct(key_node)
        if not isinstance(key, Hashable):
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be a plain value", key_node.start_mark
            )
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"the key '{key}' appears twice", key_node.start_mark
            )
        mapping[key] = construct(value_node)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


def line_sequence(node: yaml.SequenceNode, construct: Callable[[yaml.Node], Any]) -> LineList:
    sequence = LineList(construct(child) for child in node.value)
    sequence.start_line = node.start_mark.line + 1
    sequence.item_lines = [child.start_mark.line + 1 for child in node.value]
    return sequence


# PyYAML's constructors, for the nodes parse_yaml leaves to it (merge keys, explicit tags).
def construct_line_mapping(loader: LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    return line_mapping(node, lambda child: loader.construct_object(child, deep=True))


def construct_line_sequence(loader: LineLoader, node: yaml.SequenceNode) -> LineList:
    return line_sequence(node, lambda child: loader.construct_object(child, deep=True))


LineLoader.add_constructor(MAPPING_TAG, construct_line_mapping)
LineLoader.add_constructor(SEQUENCE_TAG, construct_line_sequence)


def parse_yaml(text: str) -> Any:
    """The document, built by walking the composed nodes directly: PyYAML's own construction
    keeps state for anchors and recursive structures that plain definition files never
    need, and costs more than parsing for a thousand of them. Any node the walk does not
    know (an explicit tag such as !!set) is left to PyYAML's SafeLoader constructors."""
    loader = LineLoader(text)
    try:
        node = loader.get_single_node()
        return None if node is None else construct_node(loader, node)
    finally:
        loader.dispose()


def construct_node(loader: LineLoader, node: yaml.Node) -> Any:
    tag = node.tag
    if tag in PLAIN_SCALARS:
        return loader.yaml_constructors[tag](loader, node)
    if isinstance(node, yaml.MappingNode) and tag == MAPPING_TAG and not has_merge_key(node):
        return line_mapping(node, lambda child: construct_node(loader, child))
    if isinstance(node, yaml.SequenceNode) and tag == SEQUENCE_TAG:
        return line_sequence(node, lambda child: construct_node(loader, child))
    return loader.construct_object(node, deep=True)


def has_merge_key(node: yaml.MappingNode) -> bool:
    return any(key.tag == "tag:yaml.org,2002:merge" for key, _ in node.value)


def line_of(document: Any, location: tuple[int | str, ...]) -> int | None:
    """The line where the value at `location` (a pydantic `loc`) was written, or the nearest
    enclosing line that exists (a missing key is reported at its parent)."""
    line: int | None = getattr(document, "start_line", None)
    node = document
    for step in location:
        if isinstance(node, LineDict) and step in node:
            line = node.key_lines.get(step, line)
            node = node[step]
        elif isinstance(node, LineDict) and step == node.get("kind"):
            continue  # pydantic's loc names a union member by its tag; the YAML does not
        elif isinstance(node, LineList) and isinstance(step, int) and 0 <= step < len(node):
            line = node.item_lines[step]
            node = node[step]
        else:
            break
    return line
