"""Stage 4, narrate: commentary sentences from one view's facts, with officer text merged in.

Public narration takes a PublicView and nothing else, so it can only ever describe what
Part 1 may show.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from kpicli.errors import Problem, Severity
from kpicli.models.commentary import (
    IndicatorCommentary,
    NarratedExempt,
    NarratedPublic,
    OfficerText,
)
from kpicli.models.facts import IndicatorFacts, Rating
from kpicli.models.policy import effective_policy
from kpicli.models.views import ExemptView, PaperContext, PublicView
from kpicli.narrate.comparisons import describe_footnotes
from kpicli.narrate.officer import public_part, split_officer_text, without_comments
from kpicli.narrate.overlap import Topic, officer_covers
from kpicli.narrate.sentences import describe_indicator
from kpicli.narrate.small_numbers import small_number_warnings
from kpicli.narrate.wording import Wording, load_wording

NEEDS_ACTION = frozenset({Rating.RED, Rating.AMBER})


def comment_on(
    facts: IndicatorFacts,
    context: PaperContext,
    officer_markdown: Mapping[str, str],
    words: Wording,
) -> IndicatorCommentary:
    text = officer_markdown.get(facts.definition.id)
    officer = split_officer_text(text) if text else OfficerText()
    policy = effective_policy(context.policy, facts.definition)
    covered = officer_covers(facts, officer.context_text)
    return IndicatorCommentary(
        indicator=facts.definition.id,
        sentences=describe_indicator(facts, policy, words, context.report_month, covered),
        officer=officer,
        needs_action=facts.rag.rating in NEEDS_ACTION,
        footnotes=describe_footnotes(facts, words),
        officer_first=Topic.LATEST in covered,
    )


def missing_action_warnings(
    commentary: Mapping[str, IndicatorCommentary], folder: str
) -> tuple[Problem, ...]:
    return tuple(
        Problem(
            f"{folder}/{indicator}.md",
            None,
            "Action being taken",
            "is missing for an amber or red indicator",
            "write what is being done about it",
            Severity.WARNING,
        )
        for indicator, item in sorted(commentary.items())
        if item.missing_action
    )


def project_wording(project_root: Path | None) -> Wording:
    """The default sentences, overridden by the project's `templates/sentences.yaml` if any."""
    return load_wording((project_root / "templates").resolve() if project_root is not None else None)


def narrate_public(
    view: PublicView,
    officer_markdown: Mapping[str, str],
    folder: str,
    project_root: Path | None = None,
) -> NarratedPublic:
    words = project_wording(project_root)
    # Part 1 never sees the officer's comments or Part 2 sections.
    public_markdown = {indicator: public_part(text) for indicator, text in officer_markdown.items()}
    commentary = {
        f.definition.id: comment_on(f, view.context, public_markdown, words) for f in view.indicators
    }
    warnings = missing_action_warnings(commentary, folder)
    return NarratedPublic(view, commentary, warnings + small_number_warnings(view, public_markdown, folder))


def narrate_exempt(
    view: ExemptView,
    officer_markdown: Mapping[str, str],
    folder: str,
    project_root: Path | None = None,
) -> NarratedExempt:
    words = project_wording(project_root)
    exempt_markdown = {indicator: without_comments(text) for indicator, text in officer_markdown.items()}
    commentary = {
        f.definition.id: comment_on(f, view.context, exempt_markdown, words) for f in view.indicators
    }
    return NarratedExempt(view, commentary, missing_action_warnings(commentary, folder))
