"""The narrate stage's output: sentences and officer text per indicator, for one view."""

from __future__ import annotations

from dataclasses import dataclass, field

from kpicli.errors import Problem
from kpicli.models.config import Meeting
from kpicli.models.narrative import OfficerAction
from kpicli.models.views import ExemptView, PublicView


@dataclass(frozen=True, slots=True)
class OfficerText:
    """Officer-written Markdown for one indicator, already made into safe HTML."""

    context_html: str = ""
    action_html: str = ""
    # The context as the officer wrote it, to tell what the generated commentary need not repeat.
    context_text: str = ""


@dataclass(frozen=True, slots=True)
class LastTime:
    """For an indicator red at the last report too: what the officer said would be done then,
    and what has happened since."""

    meeting: Meeting
    actions: tuple[OfficerAction, ...]
    since_then: str
    # The period those actions were written for, when the last report carried them forward.
    actions_from: str = ""
    # The figure at the last report and now, in words ('58% in May 2019'), when both are published.
    figure_then: str = ""
    figure_now: str = ""


@dataclass(frozen=True, slots=True)
class IndicatorCommentary:
    indicator: str
    sentences: tuple[str, ...]
    officer: OfficerText
    needs_action: bool
    # Footnotes beside the figures: notes from the extracts and what each symbol shown means.
    footnotes: tuple[str, ...] = ()
    # The officer's context gives the latest figure, so it opens the commentary and the
    # generated sentences follow it.
    officer_first: bool = False
    actions: tuple[OfficerAction, ...] = ()
    no_action_reason: str = ""
    # The period (YYYY-MM) the actions or reason were written for when carried forward from an
    # earlier narrative, and their file; empty when they are this period's own.
    actions_from: str = ""
    actions_file: str = ""
    # This period's narrative file for the indicator, "" when there is none.
    narrative_file: str = ""
    last_time: LastTime | None = None
    # The finding in a line, for the title over the chart.
    chart_title: str = ""

    @property
    def missing_action(self) -> bool:
        """Amber or red with no action that has an owner, a due date and an expected effect,
        and no reason given for there being none."""
        return self.needs_action and not (self.actions or self.no_action_reason)


@dataclass(frozen=True, slots=True)
class NarratedPublic:
    view: PublicView
    commentary: dict[str, IndicatorCommentary]
    warnings: tuple[Problem, ...] = field(default=())
    # Three to five main points for the at-a-glance page: the officer's, or made from the view.
    key_messages: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NarratedExempt:
    view: ExemptView
    commentary: dict[str, IndicatorCommentary]
    warnings: tuple[Problem, ...] = field(default=())
    key_messages: tuple[str, ...] = ()


Narrated = NarratedPublic | NarratedExempt
