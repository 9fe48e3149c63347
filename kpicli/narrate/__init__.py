"""Stage 4, narrate: commentary sentences from one view's facts, with officer text merged in.

Public narration takes a PublicView and nothing else, so it can only ever describe what
Part 1 may show.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from kpicli.errors import Problem, Severity
from kpicli.models.commentary import IndicatorCommentary, Narrated, NarratedExempt, NarratedPublic
from kpicli.models.facts import IndicatorFacts, Rating
from kpicli.models.narrative import KEY_MESSAGES, OfficerNarrative
from kpicli.models.policy import effective_policy
from kpicli.models.views import ExemptView, PaperContext, PublicView, View
from kpicli.narrate.comparisons import describe_footnotes
from kpicli.narrate.glance import chart_title, describe_last_time, key_messages
from kpicli.narrate.officer import for_part_1, for_part_2, split_officer_text
from kpicli.narrate.overlap import Topic, officer_covers
from kpicli.narrate.sentences import describe_indicator
from kpicli.narrate.small_numbers import small_number_warnings
from kpicli.narrate.wording import Wording, load_wording

NEEDS_ACTION = frozenset({Rating.RED, Rating.AMBER})
NO_NARRATIVE = OfficerNarrative(file="")


def comment_on(
    facts: IndicatorFacts,
    context: PaperContext,
    officer: Mapping[str, OfficerNarrative],
    previous: Mapping[str, OfficerNarrative],
    words: Wording,
) -> IndicatorCommentary:
    narrative = officer.get(facts.definition.id, NO_NARRATIVE)
    text = split_officer_text(narrative.context)
    policy = effective_policy(context.policy, facts.definition)
    covered = officer_covers(facts, text.context_text)
    return IndicatorCommentary(
        indicator=facts.definition.id,
        sentences=describe_indicator(facts, policy, words, context.report_month, covered),
        officer=text,
        needs_action=facts.rag.rating in NEEDS_ACTION,
        footnotes=describe_footnotes(facts, words),
        officer_first=Topic.LATEST in covered,
        actions=tuple(narrative.front.actions),
        no_action_reason=narrative.front.no_action_reason or "",
        last_time=describe_last_time(facts, context, previous.get(facts.definition.id), narrative, words),
        chart_title=chart_title(facts, words),
    )


def missing_actions(
    narrated: Narrated, folder: str, severity: Severity = Severity.ERROR
) -> tuple[Problem, ...]:
    """Each amber or red indicator without an action that has an owner, a due date and the
    effect expected, and without a reason for there being none. The paper never says 'no
    action has been recorded': a public build refuses an indicator Part 1 rates amber or red
    (ERROR); one rated only in Part 2 (withheld or exempt) is a warning, not for publication."""
    problems = []
    for facts in narrated.view.indicators:
        item = narrated.commentary[facts.definition.id]
        if not item.missing_action:
            continue
        if item.officer.action_html:
            message = "has actions without an owner, a due date and the effect expected"
            hint = (
                "move them into the front matter as actions: with action, owner, due and effect (see README)"
            )
        else:
            message = "is missing for an amber or red indicator"
            hint = "add actions: (action, owner, due, effect) to the front matter, or no_action_reason: (see README)"
        file = f"{folder}/{facts.definition.id}.md"
        problems.append(Problem(file, None, "actions", message, hint, severity))
    return tuple(problems)


def project_wording(project_root: Path | None) -> Wording:
    """The default sentences, overridden by the project's `templates/sentences.yaml` if any."""
    return load_wording((project_root / "templates").resolve() if project_root is not None else None)


def narrate_view(
    view: View,
    officer: Mapping[str, OfficerNarrative],
    project_root: Path | None,
    previous: Mapping[str, OfficerNarrative] | None,
) -> tuple[dict[str, IndicatorCommentary], tuple[str, ...]]:
    words = project_wording(project_root)
    earlier = previous or {}
    commentary = {
        f.definition.id: comment_on(f, view.context, officer, earlier, words) for f in view.indicators
    }
    return commentary, key_messages(view, officer.get(KEY_MESSAGES), words)


def narrate_public(
    view: PublicView,
    officer: Mapping[str, OfficerNarrative],
    folder: str,
    project_root: Path | None = None,
    previous: Mapping[str, OfficerNarrative] | None = None,
) -> NarratedPublic:
    """`officer` is this period's narrative, `previous` the last report's ('Last time we said').
    Part 1 never sees the officer's comments or Part 2 sections."""
    public_officer = {name: for_part_1(text) for name, text in officer.items()}
    public_previous = {name: for_part_1(text) for name, text in (previous or {}).items()}
    commentary, messages = narrate_view(view, public_officer, project_root, public_previous)
    warnings = small_number_warnings(view, public_officer, folder)
    return NarratedPublic(view, commentary, warnings, key_messages=messages)


def narrate_exempt(
    view: ExemptView,
    officer: Mapping[str, OfficerNarrative],
    folder: str,
    project_root: Path | None = None,
    previous: Mapping[str, OfficerNarrative] | None = None,
) -> NarratedExempt:
    exempt_officer = {name: for_part_2(text) for name, text in officer.items()}
    exempt_previous = {name: for_part_2(text) for name, text in (previous or {}).items()}
    commentary, messages = narrate_view(view, exempt_officer, project_root, exempt_previous)
    narrated = NarratedExempt(view, commentary, key_messages=messages)
    return replace(narrated, warnings=missing_actions(narrated, folder, Severity.WARNING))
