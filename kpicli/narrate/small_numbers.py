"""A small number in the officer's public narrative, beside figures Part 1 withholds.

The disclosure stage withholds the figures; it cannot see what an officer writes around them.
"Three children moved placement" under an indicator whose count is [c] gives the count away,
so public narrative for an indicator with withheld cells is read for numbers (and number words)
below the threshold. It is a warning, an error under --strict: the officer moves the sentence
under a "Part 2 only" heading, or leaves the number out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from kpicli.errors import Problem, Severity
from kpicli.models.narrative import OfficerNarrative
from kpicli.models.policy import effective_policy
from kpicli.models.views import PublicView

NUMBER_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
# Words before a number that make it a label, not a count: "Year 7", "key stage 2".
LABELS = (
    "year stage paragraph paragraphs indicator indicators page section quarter tier level phase "
    "step item action appendix table chart figure part schedule priority band q no"
)
DIGITS = re.compile(r"(?<![\w.,/£$-])(\d+)(?![\w%]|[.,]\d|/)")
WORDS = re.compile(
    r"(?<!-)\b(" + "|".join(NUMBER_WORDS) + r")\b(?!-)(?=\s+(?!of\b|or\b|another\b|more\b)[a-z])",
    re.IGNORECASE,
)
LABEL_BEFORE = re.compile(r"\b(?:" + "|".join((LABELS + " " + MONTHS).split()) + r")\.?\s*$", re.IGNORECASE)
NUMBER = r"(?:\d+|" + "|".join(NUMBER_WORDS) + r")"
# "three in four", "1 out of 5": a share, not a count.
RATIO = re.compile(rf"\b{NUMBER}\s+(?:in|out\s+of)\s+{NUMBER}\b", re.IGNORECASE)
# "each one is reviewed", "no one": 'one' as a pronoun, not a count.
ONE_AS_PRONOUN = re.compile(r"\b(?:each|every|any|no|the|this|that|which|another|a|one)\s+$", re.IGNORECASE)
MONTH_AFTER = re.compile(r"^\s*(?:" + "|".join(MONTHS.split()) + r")\b", re.IGNORECASE)


def small_numbers(text: str, below: int) -> Iterator[tuple[int, str]]:
    """Each count below `below` in `text` as (line number, what was written)."""
    for number, line in enumerate(text.split("\n"), start=1):
        line = RATIO.sub(lambda match: " " * len(match.group(0)), line)
        for match in DIGITS.finditer(line):
            value = int(match.group(1))
            before, after = line[: match.start()], line[match.end() :]
            if value < below and not LABEL_BEFORE.search(before) and not MONTH_AFTER.match(after):
                yield number, match.group(1)
        for match in WORDS.finditer(line):
            word = match.group(1).lower()
            if word == "one" and ONE_AS_PRONOUN.search(line[: match.start()]):
                continue
            if NUMBER_WORDS.index(word) < below:
                yield number, match.group(1)


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
    withheld = {decision.indicator for decision in view.suppressions if decision.is_cell}
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
