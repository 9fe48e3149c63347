"""Officer-written Markdown, made safe: raw HTML is shown as text and images are not loaded.

HTML comments are notes to self and are dropped. A section headed "Part 2 only" (or "Not for
publication"), to the next heading of the same or a higher level, is for the exempt paper
alone: Part 1's narration never sees it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from markdown_it import MarkdownIt

from kpicli.models.commentary import OfficerText
from kpicli.models.narrative import OfficerNarrative

ACTION_HEADING = re.compile(r"^#{1,6}\s*action(s)?( being taken)?\s*$", re.IGNORECASE | re.MULTILINE)
ANY_HEADING = re.compile(r"^#{1,6}\s*(context)\s*$", re.IGNORECASE | re.MULTILINE)


COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
PART_2_HEADING = re.compile(
    r"^(#{1,6})\s*(?:part\s*2(?:\s*only)?|not\s+for\s+publication)\s*#*\s*$", re.IGNORECASE
)
HEADING = re.compile(r"^(#{1,6})\s")

PUBLISHED_SCHEMES = ("http://", "https://", "mailto:")


def is_published_link(url: str) -> bool:
    """Only web and email links reach a paper: a file:, javascript: or relative link is shown
    as text."""
    return url.strip().lower().startswith(PUBLISHED_SCHEMES)


@lru_cache(maxsize=1)
def markdown() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.disable(["image", "html_inline", "html_block"])
    parser.validateLink = is_published_link  # type: ignore[method-assign]
    return parser


def render_markdown(text: str) -> str:
    return markdown().render(text.strip()) if text.strip() else ""


def blank_out(text: str) -> str:
    """The text's line breaks alone, so what follows keeps its line numbers."""
    return "\n" * text.count("\n")


def without_comments(text: str) -> str:
    return COMMENT.sub(lambda match: blank_out(match.group(0)), text)


def public_part(text: str) -> str:
    """The narrative as Part 1 may print it: no comments and no Part 2 sections (each blanked
    line for line, so warnings can still name the line)."""
    lines = without_comments(text).split("\n")
    kept, inside = [], 0
    for line in lines:
        heading = HEADING.match(line)
        if inside and heading and len(heading.group(1)) <= inside:
            inside = 0
        part_2 = PART_2_HEADING.match(line)
        if part_2 and not inside:
            inside = len(part_2.group(1))
        kept.append("" if inside else line)
    return "\n".join(kept)


def for_part_1(narrative: OfficerNarrative) -> OfficerNarrative:
    """The narrative as Part 1 may print it (its front matter is public)."""
    return replace(
        narrative,
        context=public_part(narrative.context),
        action_markdown=public_part(narrative.action_markdown),
    )


def for_part_2(narrative: OfficerNarrative) -> OfficerNarrative:
    return replace(
        narrative,
        context=without_comments(narrative.context),
        action_markdown=without_comments(narrative.action_markdown),
    )


def split_officer_text(text: str) -> OfficerText:
    """The 'Action being taken' section is its own part; everything else is context."""
    match = ACTION_HEADING.search(text)
    context, action = (text[: match.start()], text[match.end() :]) if match else (text, "")
    context = ANY_HEADING.sub("", context)
    return OfficerText(
        context_html=render_markdown(context),
        action_html=render_markdown(action),
        context_text=context.strip(),
    )
