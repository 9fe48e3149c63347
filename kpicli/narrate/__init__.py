"""Stage 4, narrate: commentary sentences from one view's facts, with officer text merged in.

Public narration takes a PublicView and nothing else, so it can only ever describe what
Part 1 may show.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path

from kpicli.errors import Problem, Severity
from kpicli.models.commentary import IndicatorCommentary, Narrated, NarratedExempt, NarratedPublic
from kpicli.models.facts import BELOW_EXPECTATION, IndicatorFacts
from kpicli.models.narrative import KEY_MESSAGES, OfficerNarrative
from kpicli.models.policy import effective_policy
from kpicli.models.views import ExemptView, PaperContext, PublicView, View
from kpicli.narrate.carried import carried_warnings, with_carried_actions
from kpicli.narrate.comparisons import describe_footnotes
from kpicli.narrate.glance import chart_title, describe_last_time, key_messages
from kpicli.narrate.officer import for_part_1, for_part_2, split_officer_text
from kpicli.narrate.overlap import Topic, officer_covers
from kpicli.narrate.sentences import describe_indicator
from kpicli.narrate.small_numbers import small_number_warnings
from kpicli.narrate.wording import Wording, load_wording

NO_NARRATIVE = OfficerNarrative(file="")
NOTHING_EARLIER = "nor an earlier one to carry forward"


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
        needs_action=facts.rag.rating in BELOW_EXPECTATION,
        footnotes=describe_footnotes(facts, words),
        officer_first=Topic.LATEST in covered,
        actions=tuple(narrative.front.actions),
        no_action_reason=narrative.front.no_action_reason or "",
        actions_from=narrative.actions_from,
        actions_file=narrative.actions_file,
        narrative_file=narrative.file,
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
        file = f"{folder}/{facts.definition.id}.md"
        field = "actions"
        if not item.narrative_file:
            # No file at all: say so, rather than that a file nobody wrote lacks a key.
            field, message = "", f"no narrative for this amber or red indicator, {NOTHING_EARLIER}"
            hint = (
                f"write {file} with actions: (action, owner, due, effect) or no_action_reason: (see README)"
            )
        elif item.officer.action_html:
            message = "has actions without an owner, a due date and the effect expected"
            hint = (
                "move them into the front matter as actions: with action, owner, due and effect (see README)"
            )
        else:
            message = "is missing for an amber or red indicator"
            hint = "add actions: (action, owner, due, effect) to the front matter, or no_action_reason: (see README)"
        problems.append(Problem(file, None, field, message, hint, severity))
    return tuple(problems)


def project_wording(project_root: Path | None) -> Wording:
    """The default sentences, overridden by the project's `templates/sentences.yaml` if any."""
    return load_wording((project_root / "templates").resolve() if project_root is not None else None)


def narrate_view(
    view: View,
    as_printed: Callable[[OfficerNarrative], OfficerNarrative],
    officer: Mapping[str, OfficerNarrative],
    project_root: Path | None,
    previous: Mapping[str, OfficerNarrative] | None,
    earlier: Mapping[str, OfficerNarrative] | None,
) -> tuple[dict[str, IndicatorCommentary], tuple[str, ...], dict[str, OfficerNarrative]]:
    """The view's commentary and key messages, and the narrative they used: each narrative as
    the view's paper may print it (`as_printed`), with earlier actions carried forward for
    each indicator the view rates amber or red that gives no actions nor a reason for none."""

    def printed(narrative: Mapping[str, OfficerNarrative] | None) -> dict[str, OfficerNarrative]:
        return {name: as_printed(text) for name, text in (narrative or {}).items()}

    needing = {f.definition.id for f in view.indicators if f.rag.rating in BELOW_EXPECTATION}
    used = with_carried_actions(printed(officer), printed(earlier), needing)
    words = project_wording(project_root)
    last = printed(previous)
    commentary = {f.definition.id: comment_on(f, view.context, used, last, words) for f in view.indicators}
    return commentary, key_messages(view, used.get(KEY_MESSAGES), words), used


def narrate_public(
    view: PublicView,
    officer: Mapping[str, OfficerNarrative],
    folder: str,
    project_root: Path | None = None,
    previous: Mapping[str, OfficerNarrative] | None = None,
    earlier: Mapping[str, OfficerNarrative] | None = None,
) -> NarratedPublic:
    """`officer` is this period's narrative, `previous` the last report's ('Last time we said'),
    `earlier` each indicator's latest earlier actions (`narrate.carried.latest_actions`), carried
    forward where this period gives none. Part 1 never sees the officer's comments or Part 2
    sections, of this period's narrative or an earlier one."""
    commentary, messages, used = narrate_view(view, for_part_1, officer, project_root, previous, earlier)
    warnings = small_number_warnings(view, used, folder) + carried_warnings(commentary, folder)
    return NarratedPublic(view, commentary, warnings, key_messages=messages)


def narrate_exempt(
    view: ExemptView,
    officer: Mapping[str, OfficerNarrative],
    folder: str,
    project_root: Path | None = None,
    previous: Mapping[str, OfficerNarrative] | None = None,
    earlier: Mapping[str, OfficerNarrative] | None = None,
) -> NarratedExempt:
    commentary, messages, _ = narrate_view(view, for_part_2, officer, project_root, previous, earlier)
    narrated = NarratedExempt(view, commentary, key_messages=messages)
    warnings = missing_actions(narrated, folder, Severity.WARNING) + carried_warnings(commentary, folder)
    return replace(narrated, warnings=warnings)
