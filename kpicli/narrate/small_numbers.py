"""A small number in the officer's public narrative, beside figures Part 1 withholds.

The disclosure stage withholds the figures; it cannot see what an officer writes around them.
"Three children moved placement" under an indicator whose count is [c] gives the count away,
so public narrative for an indicator with withheld cells is read for numbers (and number words)
below the threshold. It is a warning, an error under --strict: the officer moves the sentence
under a "Part 2 only" heading, or leaves the number out.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from kpicli.disclose.numbers_in_text import small_numbers
from kpicli.errors import Problem, Severity
from kpicli.models.narrative import OfficerNarrative
from kpicli.models.policy import effective_policy
from kpicli.models.views import PublicView


def public_texts(narrative: OfficerNarrative, file: str) -> Iterator[tuple[str, int | None, str]]:
    """The narrative Part 1 prints, each with its file and the line it starts on (None: the
    front matter, whose lines the model does not keep). Actions carried forward from an earlier
    narrative are that file's."""
    yield file, narrative.first_line, narrative.context
    front = narrative.front
    if front.since_last_report:
        yield file, None, front.since_last_report
    actions_file = narrative.actions_file or file
    if front.no_action_reason:
        yield actions_file, None, front.no_action_reason
    for action in front.actions:
        yield actions_file, None, f"{action.action}\n{action.effect}"


def small_number_warnings(
    view: PublicView, public_narrative: Mapping[str, OfficerNarrative], folder: str
) -> tuple[Problem, ...]:
    withheld = {decision.indicator for decision in view.printed_cells}
    problems = []
    for facts in view.indicators:
        indicator = facts.definition.id
        narrative = public_narrative.get(indicator)
        if narrative is None or indicator not in withheld:
            continue
        below = effective_policy(view.context.policy, facts.definition).suppress_below
        found = [
            (file, None if start is None else start + line - 1, written)
            for file, start, text in public_texts(narrative, f"{folder}/{indicator}.md")
            for line, written in small_numbers(text, below)
        ]
        for file, line, written in found:
            problems.append(
                Problem(
                    file,
                    line,
                    "narrative",
                    f"'{written}' is a number below {below} in Part 1, beside figures it withholds",
                    "move it under a '## Part 2 only' heading, or leave the number out",
                    Severity.WARNING,
                )
            )
    return tuple(problems)
