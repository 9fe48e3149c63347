"""The narrate stage's output: sentences and officer text per indicator, for one view."""

from __future__ import annotations

from dataclasses import dataclass, field

from kpicli.errors import Problem
from kpicli.models.views import ExemptView, PublicView


@dataclass(frozen=True, slots=True)
class OfficerText:
    """Officer-written Markdown for one indicator, already made into safe HTML."""

    context_html: str = ""
    action_html: str = ""
    # The context as the officer wrote it, to tell what the generated commentary need not repeat.
    context_text: str = ""


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

    @property
    def missing_action(self) -> bool:
        return self.needs_action and not self.officer.action_html


@dataclass(frozen=True, slots=True)
class NarratedPublic:
    view: PublicView
    commentary: dict[str, IndicatorCommentary]
    warnings: tuple[Problem, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class NarratedExempt:
    view: ExemptView
    commentary: dict[str, IndicatorCommentary]
    warnings: tuple[Problem, ...] = field(default=())


Narrated = NarratedPublic | NarratedExempt
