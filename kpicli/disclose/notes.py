"""Notes from the extracts in Part 1: beside a published figure only, and giving no number that
Part 1 withholds or that is small enough to identify a child, in digits or in words ("excludes
two children placed out of the borough"), read as the officer's narrative is read."""

from __future__ import annotations

import re
from collections.abc import Sequence

from kpicli.disclose.decisions import Decisions
from kpicli.disclose.numbers_in_text import small_numbers, value_of
from kpicli.models.facts import Figure, FigureNote
from kpicli.models.policy import WithholdRule

# A number as a note writes it: '3', '1,250', '0.5'; not the '1' of 'Q1'.
NOTE_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?![\w])")


def protect_notes(
    notes: Sequence[FigureNote],
    originals: Sequence[tuple[str, Sequence[Figure]]],
    published: Sequence[Sequence[Figure]],
    decisions: Decisions,
) -> tuple[FigureNote, ...]:
    """The notes Part 1 may show: `originals` are each series' label and exact figures,
    `published` the same series as Part 1 shows them (a withheld figure is a hidden cell)."""
    if not notes:
        return ()
    hidden: set[tuple[str, int]] = set()
    withheld: set[float] = set()
    for (label, exact), shown in zip(originals, published, strict=True):
        for figure, public in zip(exact, shown, strict=False):
            if public.value.withheld:
                hidden.add((label, figure.period.end))
                withheld |= {
                    n
                    for n in (figure.value.value, figure.numerator.value, figure.denominator.value)
                    if n is not None
                }
    kept = []
    for note in notes:
        numbers = {float(n.replace(",", "")) for n in NOTE_NUMBER.findall(note.text)}
        below = decisions.policy.suppress_below
        numbers |= {float(value_of(written)) for _, written in small_numbers(note.text, below)}
        if (
            (note.label, note.period.end) in hidden
            or numbers & withheld
            or any(decisions.policy.is_small(n) for n in numbers)
        ):
            decisions.note(f"note on the figure for {note.period.label}", WithholdRule.DERIVED)
            continue
        kept.append(note)
    return tuple(kept)
