"""Reading a paragraph as a member would, and checking it against its own tables and rating.

Used by the property test (random data) and by the real-data test (twenty English
authorities from DfE's published figures). Each check returns the problems it found, so a
test can count the sentences it checked and the ones that were wrong.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kpicli.models.definition import BenchmarkRule, Polarity
from kpicli.models.facts import Comparison, IndicatorFacts
from kpicli.narrate.phrases import period_words
from kpicli.narrate.wording import Wording

RELATIONS = ("in line with", "above", "below")
NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


def number_in(text: str) -> float:
    """The first number printed in a cell or clause: '£1,250' -> 1250, '0.26 (2018/19)' -> 0.26."""
    match = NUMBER.search(text.replace("£", ""))
    assert match is not None, text
    return float(match.group().replace(",", ""))


def our_printed(local: str) -> str:
    """The table's 'Ours' cell without the period a different-period figure is labelled with."""
    return re.sub(r" \([^)]*\)$", "", local)


@dataclass
class Tally:
    """How many comparison sentences, table rows and ratings were checked, and what was wrong."""

    sentences: int = 0
    rows: int = 0
    ratings: int = 0
    wrong: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.sentences += other.sentences
        self.rows += other.rows
        self.ratings += other.ratings
        self.wrong += other.wrong


def expected_relation(ours: str, theirs: str) -> str:
    if ours == theirs:
        return "in line with"
    return "above" if number_in(ours) > number_in(theirs) else "below"


def expected_word(relation: str, polarity: Polarity) -> str:
    if relation == "in line with":
        return "In line"
    higher = relation == "above"
    if polarity is Polarity.NEUTRAL:
        return "Higher" if higher else "Lower"
    return "Better" if higher == (polarity is Polarity.HIGHER_IS_BETTER) else "Worse"


def mentions(sentence: str, names: Mapping[str, Sequence[str]]) -> list[tuple[str, int, str]]:
    """Each comparator named with its figure in brackets ('England (58%)', 'the London average
    (0.19)', or within a list 'the London (0.19) and England (0.20) averages'): (area, where,
    figure). A name inside a longer
    one ('London' in 'Outer London', 'England' in 'East of England') is not a mention."""
    spans: dict[tuple[int, int], tuple[str, str]] = {}
    for area, forms in names.items():
        for form in forms:
            for match in re.finditer(r"\b" + re.escape(form) + r"(?: average)? \(([^)]*)\)", sentence):
                spans[(match.start(), match.end())] = (area, match.group(1))
    return [
        (area, start, figure)
        for (start, end), (area, figure) in sorted(spans.items())
        if not any(s <= start and end <= e and (s, e) != (start, end) for s, e in spans)
    ]


def relation_before(sentence: str, position: int) -> str | None:
    """The relation word nearest before `position` in the sentence."""
    best: tuple[int, str] | None = None
    for relation in RELATIONS:
        at = sentence.rfind(relation, 0, position)
        if at >= 0 and (best is None or at > best[0]):
            best = (at, relation)
    return best[1] if best else None


def check_paragraph(
    facts: IndicatorFacts, row: Mapping[str, Any], sentences: Sequence[str], words: Wording
) -> Tally:
    """Every comparison sentence of one indicator's paragraph against the comparison table
    and the rating shown beside it: the same figures, the right direction, the period named."""
    tally = Tally()
    label = f"{facts.definition.id}"
    polarity = facts.definition.polarity
    table = {cells["area"]: cells for cells in row["comparisons"]}
    by_area = {c.area: c for c in facts.comparisons}
    for area, cells in table.items():
        tally.rows += 1
        if not cells["judgement"]:
            continue
        relation = expected_relation(our_printed(cells["local"]), cells["value"])
        if cells["judgement"] != expected_word(relation, polarity):
            tally.wrong.append(f"{label}: table says {cells['judgement']} for {area}: {cells}")
    names = {area: (words.area(area), words.area_average(area), area) for area in by_area if area in table}
    for sentence in sentences:
        found = mentions(sentence, names)
        if not found or "rated" in sentence:
            continue
        tally.sentences += 1
        paragraph = " ".join(sentences)
        for area in {area for area, _, _ in found}:
            ours = our_printed(table[area]["local"])
            if not re.search(r"(?<![\d.,])" + re.escape(ours) + r"(?![\d])", paragraph):
                tally.wrong.append(
                    f"{label}: our figure {ours} against {area} is not in the paragraph: {sentence}"
                )
        for area, position, figure in found:
            tally.wrong += check_mention(label, sentence, position, figure, table[area], by_area[area])
    tally.wrong += check_rating(facts, table, sentences, tally)
    return tally


def check_mention(
    label: str, sentence: str, position: int, figure: str, cells: Mapping[str, str], comparison: Comparison
) -> list[str]:
    wrong = []
    theirs = cells["value"]
    shown = figure.split(" for ")[0]
    if shown != theirs:
        wrong.append(f"{label}: sentence gives {comparison.area} as {shown}, table {theirs}: {sentence}")
    if period_words(comparison.period) not in sentence:
        wrong.append(f"{label}: {comparison.area}'s period {comparison.period.label} not named: {sentence}")
    if not comparison.like_for_like and period_words(comparison.our_period) not in sentence:
        wrong.append(f"{label}: our period {comparison.our_period.label} not named: {sentence}")
    relation = relation_before(sentence, position)
    expected = expected_relation(our_printed(cells["local"]), theirs)
    if relation != expected:
        wrong.append(
            f"{label}: says {relation} {comparison.area} where the table shows {expected}: {sentence}"
        )
    return wrong


def check_rating(
    facts: IndicatorFacts, table: Mapping[str, Mapping[str, str]], sentences: Sequence[str], tally: Tally
) -> list[str]:
    rule = facts.definition.rag
    rating = facts.rag.rating.value
    if not isinstance(rule, BenchmarkRule) or rating not in ("red", "amber", "green"):
        return []
    tally.ratings += 1
    verdicts = [table[area]["judgement"] for area in rule.comparators if area in table]
    if all(v in ("Better", "In line") for v in verdicts):
        expected = "green"
    elif all(v == "Worse" for v in verdicts):
        expected = "red"
    else:
        expected = "amber"
    wrong = []
    if rating != expected:
        wrong.append(f"{facts.definition.id}: rated {rating} but the table gives {verdicts}")
    # The rating sentence has several wordings ('It is rated red because', 'It is red, as').
    said = [s for s in sentences if re.search(r"\b(rated|is) (red|amber|green)\b", s)]
    if not any(re.search(rf"\b(rated|is) {rating}\b", s) for s in said):
        wrong.append(f"{facts.definition.id}: no sentence gives the rating {rating}: {said}")
    by_area = {c.area: c for c in facts.comparisons}
    for sentence in said:
        for area in rule.comparators:
            if area in by_area and period_words(by_area[area].period) not in sentence:
                wrong.append(
                    f"{facts.definition.id}: the rating does not name the period compared: {sentence}"
                )
    return wrong


def check_changes(row: Mapping[str, Any]) -> list[str]:
    """'Same' in the dashboard only when the two printed figures are equal (a withheld figure's
    change shows the symbol, and is not checked here)."""
    if not row["movement"].startswith(("Same", "Up", "Down")):
        return []
    same = row["previous"] == row["latest_value"]
    if same != (row["movement"] == "Same"):
        return [
            f"{row['id']}: previous {row['previous']}, latest {row['latest_value']}, says {row['movement']}"
        ]
    return []
