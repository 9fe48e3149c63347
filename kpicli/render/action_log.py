"""The committee's action log as it stands at one meeting: due, overdue, open, completed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kpicli.models.config import ActionLog, ActionPoint, ActionStatus


@dataclass(frozen=True, slots=True)
class ActionLogView:
    """Actions sorted into what the paper reports on them at a meeting."""

    due: tuple[ActionPoint, ...]
    overdue: tuple[ActionPoint, ...]
    open: tuple[ActionPoint, ...]
    completed: tuple[ActionPoint, ...]

    @property
    def is_empty(self) -> bool:
        return not (self.due or self.overdue or self.open or self.completed)


def classify_actions(
    log: ActionLog, meeting: dt.date | None, last_meeting: dt.date | None, as_of: dt.date | None = None
) -> ActionLogView:
    """Sort actions for the paper going to `meeting`, or for a paper between meetings that
    stands at `as_of` (the day after its report period).

    Every action due at this meeting is reported with its update, whatever its status.
    Actions raised at this meeting or later (at or after `as_of`) are not yet known when the paper
    is written. An action completed after the paper's date was open then, and is shown so,
    without the later update. Completed actions are reported once: in the first paper written
    after they were completed. Dropped actions are reported like completed ones, so members see
    why they went.
    """
    written = meeting or as_of
    due: list[ActionPoint] = []
    overdue: list[ActionPoint] = []
    still_open: list[ActionPoint] = []
    completed: list[ActionPoint] = []
    for action in sorted(log.actions, key=lambda a: (a.due, a.number)):
        if written is not None and action.raised >= written:
            continue
        action = as_it_stood(action, written)
        if meeting is not None and action.due == meeting:
            due.append(action)
        elif action.status is ActionStatus.OPEN:
            (overdue if written is not None and action.due < written else still_open).append(action)
        elif closed_since(action, written, last_meeting):
            completed.append(action)
    return ActionLogView(tuple(due), tuple(overdue), tuple(still_open), tuple(completed))


def closed_on(action: ActionPoint) -> dt.date:
    return action.completed or action.due


def as_it_stood(action: ActionPoint, written: dt.date | None) -> ActionPoint:
    """The action as a paper written on `written` knew it: still open if it closed later."""
    if written is None or action.status is ActionStatus.OPEN or closed_on(action) <= written:
        return action
    return action.model_copy(update={"status": ActionStatus.OPEN, "completed": None, "update": None})


def closed_since(action: ActionPoint, written: dt.date | None, last_meeting: dt.date | None) -> bool:
    """Closed between the last paper and this one. Papers are written before their meeting,
    so an action closed at the last meeting itself is news to this paper."""
    if written is not None and closed_on(action) > written:
        return False
    return last_meeting is None or closed_on(action) >= last_meeting
