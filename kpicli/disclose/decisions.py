"""The record of what the disclosure stage withheld and why, for `kpicli explain`."""

from __future__ import annotations

from dataclasses import dataclass, field

from kpicli.models.facts import Cell
from kpicli.models.policy import EffectivePolicy, WithholdRule
from kpicli.models.views import Suppression


@dataclass(slots=True)
class Decisions:
    """Every decision the disclosure stage takes for one indicator, for `explain`."""

    indicator: str
    policy: EffectivePolicy
    taken: list[Suppression] = field(default_factory=list)
    # Each rule's description, made once: a long history can withhold hundreds of figures.
    descriptions: dict[WithholdRule, tuple[str, Cell]] = field(default_factory=dict)

    def record(
        self, what: str, rule: WithholdRule, detail: str = "", is_cell: bool = True, period: int | None = None
    ) -> Cell:
        """Record the decision (`period`: a series figure's end month); return the withheld cell
        (one per rule, shared)."""
        known = self.descriptions.get(rule)
        if known is None:
            known = self.descriptions[rule] = (self.policy.describe(rule), Cell.hidden(rule.value))
        self.taken.append(Suppression(self.indicator, what, known[0], rule.value, detail, is_cell, period))
        return known[1]

    def note(self, what: str, rule: WithholdRule, detail: str = "") -> None:
        """A derived fact left out (a rating, a change, a table): recorded, not a withheld cell."""
        self.record(what, rule, detail, is_cell=False)
