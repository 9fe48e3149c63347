"""The two views of a report: only the disclosure stage makes them.

`PublicView` is what Part 1 may show; `ExemptView` is the whole of Part 2. Public
narration and rendering are typed to take a PublicView, so exempt data cannot reach a
public page without a type error.
"""

from __future__ import annotations

from dataclasses import dataclass

from kpicli.models.areas import AreaSetup
from kpicli.models.config import ActionLog, Contact, DisclosurePolicy, Meeting, PaperRegister, Section
from kpicli.models.facts import IndicatorFacts
from kpicli.shown_periods import shown_since

SEAL = object()


@dataclass(frozen=True, slots=True)
class PaperContext:
    """Who the paper is from and for; nothing here is disclosive."""

    authority: str
    committee: str
    title: str
    department: str | None
    contact: Contact
    report_month: int
    meeting: Meeting | None
    previous_meeting: Meeting | None
    sections: tuple[Section, ...]
    policy: DisclosurePolicy
    actions: ActionLog
    papers: PaperRegister
    # The council's own area, region and statistical neighbours, for the appendix.
    areas: AreaSetup | None = None


@dataclass(frozen=True, slots=True)
class ExemptNotice:
    """The one line an exempt indicator gets in the public paper."""

    number: int
    title: str
    section: str
    paragraph: int


@dataclass(frozen=True, slots=True)
class Suppression:
    """One decision the disclosure stage took, for `kpicli explain` and the audit trail."""

    indicator: str
    what: str
    rule: str
    name: str = ""  # the rule's short name (small_count, secondary...), for tools and tests
    detail: str = ""  # what else the decision rests on, e.g. the cells a secondary one protects
    is_cell: bool = True  # False for a derived fact (a rating, a change) or a whole exempt indicator
    period: int | None = None  # the end month of a withheld figure of a series; None for a table's cell


@dataclass(frozen=True, slots=True)
class PublicView:
    context: PaperContext
    indicators: tuple[IndicatorFacts, ...]
    exempt_notices: tuple[ExemptNotice, ...]
    suppressions: tuple[Suppression, ...]
    seal: object

    def __post_init__(self) -> None:
        if self.seal is not SEAL:
            raise TypeError("a PublicView is made only by kpicli.disclose")

    @property
    def is_public(self) -> bool:
        return True

    @property
    def printed_cells(self) -> tuple[Suppression, ...]:
        """The withheld figures (not derived facts or exempt indicators) in the periods Part 1
        uses of their indicator (`shown_since`): shown as the symbol, or the reason a statistic
        over them is left out; not one older than that."""
        since = {facts.definition.id: shown_since(facts) for facts in self.indicators}
        return tuple(
            decision
            for decision in self.suppressions
            if decision.is_cell and (decision.period is None or decision.period >= since[decision.indicator])
        )

    @property
    def suppressed_cells(self) -> int:
        """How many figures Part 1 withholds in the periods it uses."""
        return len(self.printed_cells)


@dataclass(frozen=True, slots=True)
class ExemptView:
    context: PaperContext
    indicators: tuple[IndicatorFacts, ...]
    exempt_paragraphs: tuple[int, ...]
    seal: object

    def __post_init__(self) -> None:
        if self.seal is not SEAL:
            raise TypeError("an ExemptView is made only by kpicli.disclose")

    @property
    def is_public(self) -> bool:
        return False


View = PublicView | ExemptView
