"""Counts written in text, as a reader reads them: digits ("3") and number words ("three"), but
not labels ("Year 7", "key stage 2"), dates ("3 May"), shares ("one in four") or "one" as a
pronoun ("no one"). Part 1 prints two kinds of text beside its figures, the officer's narrative
and the extracts' notes, and both are read for small counts with these rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

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


def value_of(written: str) -> int:
    """The count a match of `small_numbers` stands for: '3' or 'three'."""
    return int(written) if written.isdigit() else NUMBER_WORDS.index(written.lower())
