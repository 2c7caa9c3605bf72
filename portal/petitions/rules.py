"""Deadline and status rules for voters' petitions: pure functions on dates, no Django models.

A deadline is counted in working days from the day a step started (received → forwarded,
forwarded → answered). Extensions add working days; a pause stops the clock for the working
days it lasted, and an open pause means there is no deadline until it ends. Overdue is never
typed by anyone: it is derived from these dates and today's date.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from statistics import median
from typing import Protocol

__all__ = [
    "ANSWER_KINDS",
    "STATUSES",
    "Calendar",
    "Pause",
    "Step",
    "due_date",
    "is_overdue",
    "median_days",
    "status_of",
]

# Answer types, as the joint resolution on voter contact words them.
ANSWER_RESOLVED = "resolved"
ANSWER_IN_PROGRESS = "in_progress"
ANSWER_EXPLAINED = "explained"
ANSWER_UNRESOLVABLE = "unresolvable"
ANSWER_KINDS = {
    ANSWER_RESOLVED: "Đã giải quyết xong",
    ANSWER_IN_PROGRESS: "Đang giải quyết",
    ANSWER_EXPLAINED: "Giải trình, cung cấp thông tin",
    ANSWER_UNRESOLVABLE: "Chưa giải quyết được",
}

# Public statuses (URL-safe keys), from the dates and the latest answer.
STATUS_NEW = "moi"
STATUS_FORWARDED = "da-chuyen"
STATUS_ANSWERED = "da-tra-loi"
STATUS_IN_PROGRESS = "dang-giai-quyet"
STATUS_FOLLOW_UP = "can-theo-doi"
STATUS_RESOLVED = "da-giai-quyet"
STATUS_MERGED = "da-gop"
STATUSES = {
    STATUS_NEW: "Mới tiếp nhận",
    STATUS_FORWARDED: "Đã chuyển cơ quan",
    STATUS_ANSWERED: "Đã trả lời",
    STATUS_IN_PROGRESS: "Đang giải quyết",
    STATUS_FOLLOW_UP: "Cần theo dõi",
    STATUS_RESOLVED: "Đã giải quyết",
    STATUS_MERGED: "Đã gộp",
}


class Calendar(Protocol):
    def add_working_days(self, start: date, n: int) -> date: ...

    def working_days_between(self, start: date, end: date) -> int: ...


@dataclass(frozen=True)
class Pause:
    """The clock stopped on `start`; it runs again on `end` (None: still paused)."""

    start: date
    end: date | None = None


@dataclass(frozen=True)
class Step:
    """One timed step: started on `start`, allowed `allowed_days` working days, done on `done_on`."""

    start: date | None
    allowed_days: int
    done_on: date | None = None
    extension_days: int = 0
    pauses: Sequence[Pause] = ()


def due_date(calendar: Calendar, step: Step) -> date | None:
    """The last day the step may be done on, or None (not started, or paused right now)."""
    if step.start is None:
        return None
    due = calendar.add_working_days(step.start, step.allowed_days + step.extension_days)
    for pause in sorted(step.pauses, key=lambda p: p.start):
        if pause.start > due:
            continue  # paused after the deadline had already passed: it does not revive it
        if pause.end is None:
            return None
        lost = calendar.working_days_between(pause.start, pause.end)
        due = calendar.add_working_days(due, lost)
    return due


def is_overdue(calendar: Calendar, step: Step, today: date) -> bool:
    """True when the step is not done and today is past its due date."""
    if step.done_on is not None:
        return False
    due = due_date(calendar, step)
    return due is not None and today > due


def done_late(calendar: Calendar, step: Step) -> bool:
    """True when the step was done after its due date."""
    due = due_date(calendar, step)
    return step.done_on is not None and due is not None and step.done_on > due


def status_of(
    *,
    merged: bool,
    forwarded_on: date | None,
    answered_on: date | None,
    resolved_on: date | None,
    latest_answer_kind: str | None,
    follow_up_since: date | None,
) -> str:
    """The public status of a petition, derived from its dates and its latest answer."""
    if merged:
        return STATUS_MERGED
    if resolved_on is not None:
        return STATUS_RESOLVED
    if follow_up_since is not None:
        return STATUS_FOLLOW_UP
    if answered_on is not None:
        if latest_answer_kind == ANSWER_IN_PROGRESS:
            return STATUS_IN_PROGRESS
        return STATUS_ANSWERED
    if forwarded_on is not None:
        return STATUS_FORWARDED
    return STATUS_NEW


def target_passed(*, target_date: date | None, resolved_on: date | None, today: date) -> bool:
    """An 'in progress' answer's target date has passed with the petition still unresolved."""
    return target_date is not None and resolved_on is None and today > target_date


def median_days(pairs: Iterable[tuple[date | None, date | None]]) -> float | None:
    """Median calendar days from start to end over the pairs where both are known."""
    spans = [(end - start).days for start, end in pairs if start is not None and end is not None]
    return median(spans) if spans else None
