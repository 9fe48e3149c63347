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


def classify_actions(log: ActionLog, meeting: dt.date | None, last_meeting: dt.date | None) -> ActionLogView:
    """Sort actions for the paper going to `meeting`.

    Every action due at this meeting is reported with its update, whatever its status.
    Actions raised at this meeting or later are not yet known when the paper is written.
    Completed actions are reported once: in the first paper written after they were completed.
    Dropped actions are reported like completed ones, so members see why they went.
    """
    due: list[ActionPoint] = []
    overdue: list[ActionPoint] = []
    still_open: list[ActionPoint] = []
    completed: list[ActionPoint] = []
    for action in sorted(log.actions, key=lambda a: (a.due, a.number)):
        if meeting is not None and action.raised >= meeting:
            continue
        if meeting is not None and action.due == meeting:
            due.append(action)
        elif action.status is ActionStatus.OPEN:
            (overdue if meeting is not None and action.due < meeting else still_open).append(action)
        elif closed_since(action, meeting, last_meeting):
            completed.append(action)
    return ActionLogView(tuple(due), tuple(overdue), tuple(still_open), tuple(completed))


def closed_since(action: ActionPoint, meeting: dt.date | None, last_meeting: dt.date | None) -> bool:
    """Closed between the last paper and this one. Papers are written before their meeting,
    so an action closed at the last meeting itself is news to this paper."""
    closed_on = action.completed or action.due
    if meeting is not None and closed_on > meeting:
        return False
    return last_meeting is None or closed_on >= last_meeting
