"""What the officer's own text already says, so the generated commentary does not say it twice.

The officer's words win: a generated part is left out when the officer's context gives the
same thing. The tests are deliberately narrow, so that a generated fact is dropped only when
the officer has plainly stated it:

- the latest figure: the figure as the paper prints it ('62', '54%', '£4,380'), or its counts
  ('50 of 93', '50 out of 93'); a bare one-digit number is too common to count;
- the run: 'running', 'in a row' or 'consecutive';
- the comparison: every one of London and England that the indicator is compared with.
"""

from __future__ import annotations

import re
from enum import StrEnum

from kpicli.formatting import format_value, plain_number
from kpicli.models.facts import IndicatorFacts

RUN_WORDS = re.compile(r"\b(running|in a row|consecutive(ly)?)\b", re.IGNORECASE)
MAIN_AREAS = ("London", "England")


class Topic(StrEnum):
    LATEST = "latest"
    RUN = "run"
    COMPARISON = "comparison"


def mentions_figure(text: str, figure: str) -> bool:
    """`figure` appears on its own, not inside a longer number ('62' is not in '620' or '6.2')."""
    if len(figure) < 2:
        return False
    return re.search(rf"(?<![\d.,£]){re.escape(figure)}(?![\d]|[.,]\d)", text) is not None


def officer_covers(facts: IndicatorFacts, officer_text: str) -> frozenset[Topic]:
    """The parts of the generated commentary that `officer_text` already gives."""
    if not officer_text.strip():
        return frozenset()
    covered = set()
    latest = facts.headline.latest
    if latest is not None and latest.value.value is not None:
        figure = format_value(latest.value.value, facts.definition)
        counts = []
        if latest.numerator.value is not None and latest.denominator.value is not None:
            numerator, denominator = (
                plain_number(latest.numerator.value),
                plain_number(latest.denominator.value),
            )
            counts = [f"{numerator} of {denominator}", f"{numerator} out of {denominator}"]
        if mentions_figure(officer_text, figure) or any(c in officer_text for c in counts):
            covered.add(Topic.LATEST)
    if RUN_WORDS.search(officer_text):
        covered.add(Topic.RUN)
    compared = {c.area for c in facts.comparisons if c.local.known} & set(MAIN_AREAS)
    if compared and all(area in officer_text for area in compared):
        covered.add(Topic.COMPARISON)
    return frozenset(covered)
