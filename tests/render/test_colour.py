"""Colour, computed from the stylesheet: every text colour reaches 4.5:1 against its background
(WCAG 1.4.3), chart lines 3:1 against white (1.4.11), and the RAG badges still differ when
printed in greyscale, by lightness and by shape."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pytest
import tinycss2

from kpicli.render import charts
from kpicli.template_paths import default_templates_folder

WHITE = "#ffffff"
# Elements that hold no text: their background is a shape, not something text sits on.
TEXTLESS = (".rag-shape",)


@dataclass(frozen=True)
class Rule:
    selector: str
    colour: str | None
    background: str | None


def hex_colour(tokens: list[tinycss2.ast.Node]) -> str | None:
    for token in tokens:
        if token.type == "hash":
            value = token.value.lower()
            return "#" + ("".join(c * 2 for c in value) if len(value) == 3 else value)
        if token.type == "ident" and token.value.lower() == "white":
            return WHITE
    return None


def rules_of(nodes: list[tinycss2.ast.Node], prefix: str = "") -> list[Rule]:
    """Every rule's text colour and background, at-rules (@page margins, @media) included."""
    found: list[Rule] = []
    for node in nodes:
        if node.type == "at-rule" and node.content is not None:
            name = f"{prefix}@{node.at_keyword} {tinycss2.serialize(node.prelude).strip()} "
            body = tinycss2.parse_blocks_contents(node.content, skip_whitespace=True, skip_comments=True)
            found += rules_of([n for n in body if n.type in ("qualified-rule", "at-rule")], name)
            found += rules_of_declarations(name.strip(), body)
        elif node.type == "qualified-rule":
            selector = prefix + tinycss2.serialize(node.prelude).strip()
            found += rules_of_declarations(selector, tinycss2.parse_blocks_contents(node.content))
    return found


def rules_of_declarations(selector: str, body: list[tinycss2.ast.Node]) -> list[Rule]:
    colour = background = None
    for declaration in body:
        if declaration.type != "declaration":
            continue
        if declaration.lower_name == "color":
            colour = hex_colour(declaration.value)
        elif declaration.lower_name in ("background", "background-color"):
            background = hex_colour(declaration.value)
    return [Rule(selector, colour, background)] if colour or background else []


def stylesheet_rules() -> list[Rule]:
    css = (default_templates_folder() / "paper.css").read_text(encoding="utf-8")
    return rules_of(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True))


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def body_colour(rules: list[Rule]) -> str:
    return next(r.colour for r in rules if r.selector == "html" and r.colour)


def background_for(rule: Rule, rules: list[Rule]) -> str:
    """The rule's own background, or else that of a rule naming one of its ancestors (the
    selector's leading part), or else the page's white."""
    if rule.background:
        return rule.background
    words = rule.selector.split()
    for length in range(len(words) - 1, 0, -1):
        ancestor = " ".join(words[:length])
        for other in rules:
            if other.selector == ancestor and other.background:
                return other.background
    return WHITE


def test_the_stylesheet_is_read() -> None:
    selectors = {rule.selector for rule in stylesheet_rules()}
    assert {"html", ".rag-red", ".rag-amber", ".rag-green", "@media screen .skip-link"} <= selectors
    assert any(s.startswith("@page") and "@bottom-left" in s for s in selectors)


@pytest.mark.parametrize("rule", [r for r in stylesheet_rules() if r.colour], ids=lambda r: r.selector)
def test_every_text_colour_reaches_4_5_to_1_against_its_background(rule: Rule) -> None:
    assert rule.colour is not None
    background = background_for(rule, stylesheet_rules())
    assert contrast(rule.colour, background) >= 4.5, f"{rule.colour} on {background}"


def test_text_inheriting_its_colour_is_readable_on_every_background() -> None:
    rules = stylesheet_rules()
    for rule in rules:
        if rule.background and not rule.colour and not rule.selector.endswith(TEXTLESS):
            assert contrast(body_colour(rules), rule.background) >= 4.5, rule.selector


def test_chart_text_and_lines_stand_out_from_the_white_chart() -> None:
    assert contrast(charts.INK, WHITE) >= 4.5
    for colour in (charts.SERIES, charts.LONDON, charts.ENGLAND, charts.TARGET):
        assert contrast(colour, WHITE) >= 3, colour


def test_rag_badges_differ_in_greyscale_by_lightness() -> None:
    """Red dark, amber middling, green light: as greys, each pair differs by 1.8:1 at least, so a
    greyscale print tells them apart before reading the word or the shape."""
    backgrounds = {r.selector: r.background for r in stylesheet_rules() if r.background}
    greys = [backgrounds[f".rag-{rating}"] for rating in ("red", "amber", "green")]
    assert all(greys)
    for first, second in itertools.combinations(greys, 2):
        assert first and second and contrast(first, second) >= 1.8, (first, second)


def test_rag_badges_differ_in_shape() -> None:
    css = (default_templates_folder() / "paper.css").read_text(encoding="utf-8")
    shapes = {}
    for rating in ("red", "amber", "green"):
        marker = f".rag-{rating} .rag-shape {{"
        assert marker in css
        shapes[rating] = css.split(marker, 1)[1].split("}", 1)[0].strip()
    assert len(set(shapes.values())) == 3
    assert "rotate(45deg)" in shapes["amber"] and "border-radius: 50%" in shapes["green"]
