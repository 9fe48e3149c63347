"""Officer-written narrative, `narrative/<period>/<indicator>.md`: front matter, then Markdown.

The front matter (YAML between two `---` lines at the top of the file) holds what members
scrutinise: each action on the indicator with its owner, due date and the effect expected,
what has happened since the last report, or the reason nothing new is being done. The
Markdown below it is the context the figures cannot give.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pydantic import Field, model_validator

from kpicli.models.base import StrictModel

# A period's key messages for the at-a-glance page, `narrative/<period>/_key-messages.md`,
# in place of the generated ones. The leading underscore keeps it apart from every indicator id.
KEY_MESSAGES = "_key-messages"


class OfficerAction(StrictModel):
    """One action being taken on an indicator, as members can hold the owner to it."""

    action: str = Field(min_length=3, description="What is being done, in a sentence.")
    owner: str = Field(min_length=2, description="Who is responsible (role).")
    due: dt.date = Field(description="When it will be done, YYYY-MM-DD.")
    effect: str = Field(min_length=3, description="The effect expected on the indicator, and by when.")


class FrontMatter(StrictModel):
    """What an amber or red indicator needs before a paper can be built: actions with an owner,
    a due date and the expected effect, or the reason there is no new action."""

    actions: list[OfficerAction] = Field(
        default_factory=list, description="The actions being taken, main action first."
    )
    since_last_report: str | None = Field(
        default=None,
        min_length=3,
        description="What has happened since the actions given in the last report: shown "
        "beside them as 'Since then' when the indicator was red then too.",
    )
    no_action_reason: str | None = Field(
        default=None,
        min_length=10,
        description="Why no new action is being taken on an amber or red indicator (for example "
        "a seasonal rise that corrects itself); printed in place of the actions.",
    )

    @model_validator(mode="after")
    def check_actions_or_reason(self) -> FrontMatter:
        if self.actions and self.no_action_reason:
            raise ValueError("give actions or no_action_reason, not both")
        return self


@dataclass(frozen=True, slots=True)
class OfficerNarrative:
    """One indicator's narrative for one period, read and checked in load."""

    file: str
    context: str = ""
    # The line of the file the Markdown after the front matter starts on.
    first_line: int = 1
    # Markdown under an 'Action being taken' heading: allowed for any indicator, but for an
    # amber or red one the actions must be in the front matter, with owner, due date and effect.
    action_markdown: str = ""
    front: FrontMatter = field(default_factory=FrontMatter)
    # When the front matter's actions (or reason for none) are carried forward from an earlier
    # narrative because this period has none: the period they were written for (YYYY-MM) and
    # their file. Empty when they are this period's own.
    actions_from: str = ""
    actions_file: str = ""

    @property
    def has_action(self) -> bool:
        return bool(self.front.actions or self.front.no_action_reason)
