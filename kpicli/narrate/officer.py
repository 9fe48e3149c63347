"""Officer-written Markdown, made safe: raw HTML is shown as text and images are not loaded."""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt

from kpicli.models.commentary import OfficerText

ACTION_HEADING = re.compile(r"^#{1,6}\s*action(s)?( being taken)?\s*$", re.IGNORECASE | re.MULTILINE)
ANY_HEADING = re.compile(r"^#{1,6}\s*(context)\s*$", re.IGNORECASE | re.MULTILINE)


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
