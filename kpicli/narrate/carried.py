"""Actions carried forward: the actions being taken on an indicator stand until the officer
updates them.

Officers write narrative for the papers that go to the committee; a build for a month between
meetings (a nightly build, a range of months) has none of its own. An amber or red indicator
with no actions and no reason for none in this period's narrative shows those of its most
recent earlier narrative instead, labelled with the period they were written for, and the build
warns, naming the file to write. Only the front matter (actions, or the reason there are none)
is carried: the context and "since the last report" belong to the period they were written for.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Mapping

from kpicli.errors import Problem, Severity
from kpicli.models.commentary import IndicatorCommentary
from kpicli.models.narrative import KEY_MESSAGES, FrontMatter, OfficerNarrative
from kpicli.periods import month_label, parse_month

# Narrative folders are report periods; any other folder under narrative/ is not read for actions.
PERIOD_FOLDER = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")

NarrativeByPeriod = Mapping[str, Mapping[str, OfficerNarrative]]


def written_for(period: str) -> str:
    """'July 2019': the period a carried action was written for, as the papers name it."""
    return month_label(parse_month(period))


def latest_actions(narrative: NarrativeByPeriod, period: str) -> dict[str, OfficerNarrative]:
    """Each indicator's most recent narrative before `period` that gives actions or a reason for
    none, cut down to that front matter and marked with the period it was written for."""
    found: dict[str, OfficerNarrative] = {}
    earlier = sorted((p for p in narrative if PERIOD_FOLDER.match(p) and p < period), reverse=True)
    for folder in earlier:
        for name, text in narrative[folder].items():
            if name != KEY_MESSAGES and name not in found and text.has_action:
                front = FrontMatter(actions=text.front.actions, no_action_reason=text.front.no_action_reason)
                found[name] = OfficerNarrative(
                    file=text.file, front=front, actions_from=folder, actions_file=text.file
                )
    return found


def with_actions_from(own: OfficerNarrative | None, earlier: OfficerNarrative) -> OfficerNarrative:
    """This period's narrative (its context and 'since the last report', if any) with the earlier
    narrative's actions or reason for none."""
    if own is None:
        return OfficerNarrative(
            file="", front=earlier.front, actions_from=earlier.actions_from, actions_file=earlier.actions_file
        )
    front = own.front.model_copy(
        update={"actions": earlier.front.actions, "no_action_reason": earlier.front.no_action_reason}
    )
    return dataclasses.replace(
        own, front=front, actions_from=earlier.actions_from, actions_file=earlier.actions_file
    )


def with_carried_actions(
    own: Mapping[str, OfficerNarrative],
    earlier: Mapping[str, OfficerNarrative],
    needing: Collection[str] | None = None,
) -> dict[str, OfficerNarrative]:
    """`own` narrative with each indicator's `earlier` actions carried forward where it gives no
    actions nor a reason for none: for every such indicator, or only those `needing` them."""
    used = dict(own)
    for name, carried in earlier.items():
        mine = own.get(name)
        if (needing is None or name in needing) and (mine is None or not mine.has_action):
            used[name] = with_actions_from(mine, carried)
    return used


def narrative_as_at(narrative: NarrativeByPeriod, period: str) -> dict[str, OfficerNarrative]:
    """The narrative as a paper for `period` stood: its own, each indicator's actions carried
    forward where it gives none (what 'Last time we said' quotes)."""
    return with_carried_actions(narrative.get(period, {}), latest_actions(narrative, period))


def carried_warnings(commentary: Mapping[str, IndicatorCommentary], folder: str) -> tuple[Problem, ...]:
    """One warning for each amber or red indicator showing actions carried forward, naming the
    file to write (an error under --strict)."""
    problems = []
    for indicator, item in sorted(commentary.items()):
        if not item.actions_from:
            continue
        target = f"{folder}/{indicator}.md"
        when = written_for(item.actions_from)
        if item.narrative_file:
            field, message = "actions", "none for this amber or red indicator"
        else:
            field, message = "", "no narrative for this amber or red indicator"
        shown = "its actions" if item.actions else "its reason for no new action"
        problems.append(
            Problem(
                target,
                None,
                field,
                f"{message}: showing {shown} carried forward from the {when} report ({item.actions_file})",
                "write this file with actions: or no_action_reason: to bring them up to date",
                Severity.WARNING,
            )
        )
    return tuple(problems)
