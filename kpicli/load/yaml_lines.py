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


# Far more values than any honest kpicli file holds (a definition has about fifty), and few
# enough to build in milliseconds.
MAX_VALUES = 100_000


class ExpansionError(yaml.MarkedYAMLError):
    """Anchors and aliases that would expand beyond MAX_VALUES (a "billion laughs" file), or
    an alias inside its own anchor."""


def parse_yaml(text: str) -> Any:
    """The document, built by walking the composed nodes directly: PyYAML's own construction
    keeps state for anchors and recursive structures that plain definition files never
    need, and costs more than parsing for a thousand of them. Any node the walk does not
    know (an explicit tag such as !!set) is left to PyYAML's SafeLoader constructors.

    The walk builds an alias's value afresh each time it is used, so a document that uses
    aliases (only they contain '*') is first measured as it would be built: time and memory
    stay proportional to the file, whatever its aliases."""
    loader = LineLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if "*" in text:
            expanded_size(node, {}, set())
        return construct_node(loader, node)
    finally:
        loader.dispose()


def expanded_size(node: yaml.Node, sizes: dict[int, int], open_nodes: set[int]) -> int:
    """How many values the node becomes once every alias is written out; each distinct node is
    measured once, so this costs time in proportion to the file."""
    key = id(node)
    known = sizes.get(key)
    if known is not None:
        return known
    if key in open_nodes:
        raise ExpansionError(None, None, "an alias is used inside its own anchor", node.start_mark)
    size = 1
    if isinstance(node, yaml.MappingNode | yaml.SequenceNode):
        open_nodes.add(key)
        children = (
            [child for pair in node.value for child in pair]
            if isinstance(node, yaml.MappingNode)
            else node.value
        )
        for child in children:
            size += expanded_size(child, sizes, open_nodes)
            if size > MAX_VALUES:
                raise ExpansionError(
                    None,
                    None,
                    f"its anchors and aliases expand to more than {MAX_VALUES:,} values",
                    node.start_mark,
                )
        open_nodes.discard(key)
    sizes[key] = size
    return size


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
    tagged = None
    for step in location:
        if isinstance(node, LineDict) and node is not tagged and step == node.get("kind"):
            # pydantic's loc names a union member by its tag, once, before its fields (the tag
            # may also be a key: a tolerance rule has a tolerance); the YAML does not
            tagged = node
            continue
        if isinstance(node, LineDict) and step in node:
            line = node.key_lines.get(step, line)
            node = node[step]
        elif isinstance(node, LineList) and isinstance(step, int) and 0 <= step < len(node):
            line = node.item_lines[step]
            node = node[step]
        else:
            break
    return line
