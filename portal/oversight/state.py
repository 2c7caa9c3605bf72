"""What a recommendation's event log adds up to: pure, no Django.

The register never stores a status or an "overdue" flag: both are computed here from the
recommendation's dates and its effective events (those no later event corrects), so a
status cannot drift from its history and lateness cannot be typed in by hand.
"""

import datetime
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

__all__ = [
    "EVENT_EXTENSION",
    "EVENT_IMPLEMENTATION",
    "EVENT_NOTE",
    "EVENT_PAUSE",
    "EVENT_RESPONSE",
    "EVENT_RESUME",
    "IMPLEMENTATION_LABELS",
    "RESPONSE_LABELS",
    "Scorecard",
    "State",
    "scorecard",
    "state_of",
]

RESPONSE_NONE = "none"
RESPONSE_AGREED = "agreed"
RESPONSE_PARTLY = "partly"
RESPONSE_REJECTED = "rejected"
RESPONSE_LABELS = {
    RESPONSE_NONE: "Chưa trả lời",
    RESPONSE_AGREED: "Đồng ý",
    RESPONSE_PARTLY: "Đồng ý một phần",
    RESPONSE_REJECTED: "Không đồng ý",
}

IMPL_NOT_STARTED = "not_started"
IMPL_IN_PROGRESS = "in_progress"
IMPL_DONE = "implemented"
IMPL_NOT_DONE = "not_implemented"
IMPLEMENTATION_LABELS = {
    IMPL_NOT_STARTED: "Chưa thực hiện",
    IMPL_IN_PROGRESS: "Đang thực hiện",
    IMPL_DONE: "Đã thực hiện",
    IMPL_NOT_DONE: "Không thực hiện",
}
CLOSED = frozenset({IMPL_DONE, IMPL_NOT_DONE})

EVENT_RESPONSE = "response"
EVENT_IMPLEMENTATION = "implementation"
EVENT_EXTENSION = "extension"
EVENT_PAUSE = "pause"
EVENT_RESUME = "resume"
EVENT_NOTE = "note"
EVENT_LABELS = {
    EVENT_RESPONSE: "Trả lời của cơ quan",
    EVENT_IMPLEMENTATION: "Cập nhật thực hiện",
    EVENT_EXTENSION: "Gia hạn",
    EVENT_PAUSE: "Tạm dừng theo dõi",
    EVENT_RESUME: "Tiếp tục theo dõi",
    EVENT_NOTE: "Ghi chú",
}

LONG_OVERDUE_DAYS = 30


class EventLike(Protocol):
    pk: int | None
    kind: str
    occurred_on: datetime.date
    note: str
    response_status: str
    implementation_status: str
    target_date: datetime.date | None
    new_due_date: datetime.date | None
    corrects_id: int | None
    source_document_id: int | None


@dataclass(frozen=True)
class State:
    """Both statuses, kept apart, and the deadlines of one recommendation on a given day."""

    issued_on: datetime.date
    original_due_date: datetime.date | None
    due_date: datetime.date | None
    response_status: str = RESPONSE_NONE
    response_note: str = ""
    responded_on: datetime.date | None = None
    implementation_status: str = IMPL_NOT_STARTED
    target_date: datetime.date | None = None
    implemented_on: datetime.date | None = None
    paused: bool = False
    extensions: tuple[datetime.date, ...] = field(default_factory=tuple)
    today: datetime.date | None = None
    # When each part last changed, and the evidence of an implementation (for export).
    implementation_changed_on: datetime.date | None = None
    extended_on: datetime.date | None = None
    paused_on: datetime.date | None = None
    evidence_id: int | None = None

    @property
    def answered(self) -> bool:
        return self.response_status != RESPONSE_NONE

    @property
    def closed(self) -> bool:
        return self.implementation_status in CLOSED

    @property
    def implemented(self) -> bool:
        return self.implementation_status == IMPL_DONE

    @property
    def days_late(self) -> int:
        """Calendar days past the (possibly extended) due date; 0 when not overdue."""
        if self.closed or self.paused or self.due_date is None or self.today is None:
            return 0
        return max(0, (self.today - self.due_date).days)

    @property
    def overdue(self) -> bool:
        return self.days_late > 0

    @property
    def long_overdue(self) -> bool:
        return self.days_late > LONG_OVERDUE_DAYS

    @property
    def extended(self) -> bool:
        return bool(self.extensions)

    @property
    def days_to_answer(self) -> int | None:
        if self.responded_on is None:
            return None
        return (self.responded_on - self.issued_on).days

    @property
    def response_label(self) -> str:
        return RESPONSE_LABELS.get(self.response_status, self.response_status)

    @property
    def implementation_label(self) -> str:
        return IMPLEMENTATION_LABELS.get(self.implementation_status, self.implementation_status)

    @property
    def lateness_label(self) -> str:
        if self.long_overdue:
            return f"Quá hạn trên {LONG_OVERDUE_DAYS} ngày"
        if self.overdue:
            return "Quá hạn"
        return ""


def effective_events(events: Iterable[EventLike]) -> list[EventLike]:
    """Events in the order they happened, without those a later event corrects."""
    events = list(events)
    corrected = {event.corrects_id for event in events if event.corrects_id}
    kept = [event for event in events if event.pk not in corrected]
    return sorted(kept, key=lambda event: (event.occurred_on, event.pk or 0))


def state_of(
    *,
    issued_on: datetime.date,
    due_date: datetime.date | None,
    events: Iterable[EventLike],
    today: datetime.date,
) -> State:
    """Replay the effective events over the recommendation's dates."""
    values = {
        "issued_on": issued_on,
        "original_due_date": due_date,
        "due_date": due_date,
        "today": today,
    }
    extensions: list[datetime.date] = []
    for event in effective_events(events):
        if event.occurred_on > today:
            continue
        if event.kind == EVENT_RESPONSE and event.response_status:
            values["response_status"] = event.response_status
            values["response_note"] = event.note
            values["responded_on"] = (
                None if event.response_status == RESPONSE_NONE else event.occurred_on
            )
        elif event.kind == EVENT_IMPLEMENTATION and event.implementation_status:
            values["implementation_status"] = event.implementation_status
            values["target_date"] = (
                event.target_date if event.implementation_status == IMPL_IN_PROGRESS else None
            )
            values["implemented_on"] = (
                event.occurred_on if event.implementation_status == IMPL_DONE else None
            )
            values["implementation_changed_on"] = event.occurred_on
            values["evidence_id"] = (
                getattr(event, "source_document_id", None)
                if event.implementation_status == IMPL_DONE
                else None
            )
        elif event.kind == EVENT_EXTENSION and event.new_due_date:
            values["due_date"] = event.new_due_date
            values["extended_on"] = event.occurred_on
            extensions.append(event.new_due_date)
        elif event.kind == EVENT_PAUSE:
            values["paused"] = True
            values["paused_on"] = event.occurred_on
        elif event.kind == EVENT_RESUME:
            values["paused"] = False
            values["paused_on"] = None
    return State(**values, extensions=tuple(extensions))


@dataclass(frozen=True)
class Figure:
    """One scorecard figure: its value, what it counts over, and how it is computed."""

    label: str
    value: float | int | None
    numerator: int | None
    denominator: int
    unit: str
    explanation: str


@dataclass(frozen=True)
class Scorecard:
    received: Figure
    implemented: Figure
    answered: Figure
    median_days_to_answer: Figure
    overdue: Figure
    long_overdue: Figure

    def figures(self) -> list[Figure]:
        return [
            self.received,
            self.answered,
            self.implemented,
            self.median_days_to_answer,
            self.overdue,
            self.long_overdue,
        ]


def _percent(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(100 * part / whole, 1)


def scorecard(states: Sequence[State]) -> Scorecard:
    """The agency's figures, each recomputed from its recommendations' states."""
    total = len(states)
    answered = [s for s in states if s.answered]
    implemented = [s for s in states if s.implemented]
    open_ = [s for s in states if not s.closed]
    overdue = [s for s in open_ if s.overdue]
    long_overdue = [s for s in open_ if s.long_overdue]
    waits = [s.days_to_answer for s in answered if s.days_to_answer is not None]
    median = statistics.median(waits) if waits else None
    return Scorecard(
        received=Figure(
            "Kiến nghị đã nhận",
            total,
            total,
            total,
            "kiến nghị",
            "Số kiến nghị, yêu cầu đã công bố gửi tới cơ quan này, mọi trạng thái.",
        ),
        answered=Figure(
            "Đã trả lời",
            _percent(len(answered), total),
            len(answered),
            total,
            "%",
            "Số kiến nghị cơ quan đã trả lời (đồng ý, đồng ý một phần hoặc không đồng ý) "
            "chia cho số kiến nghị đã nhận. Trả lời không có nghĩa là đã thực hiện.",
        ),
        implemented=Figure(
            "Đã thực hiện",
            _percent(len(implemented), total),
            len(implemented),
            total,
            "%",
            "Số kiến nghị có trạng thái “Đã thực hiện” kèm văn bản minh chứng có ngày "
            "chia cho số kiến nghị đã nhận.",
        ),
        median_days_to_answer=Figure(
            "Số ngày trả lời (trung vị)",
            median,
            len(waits),
            len(waits),
            "ngày",
            "Trung vị số ngày theo lịch từ ngày ban hành kiến nghị đến ngày trả lời, "
            "tính trên các kiến nghị đã được trả lời.",
        ),
        overdue=Figure(
            "Đang quá hạn",
            len(overdue),
            len(overdue),
            len(open_),
            "kiến nghị",
            "Số kiến nghị chưa thực hiện xong mà đã qua hạn (kể cả hạn đã gia hạn), "
            "trên số kiến nghị chưa thực hiện xong; không tính kiến nghị đang tạm dừng.",
        ),
        long_overdue=Figure(
            f"Quá hạn trên {LONG_OVERDUE_DAYS} ngày",
            len(long_overdue),
            len(long_overdue),
            len(open_),
            "kiến nghị",
            f"Trong số đang quá hạn, số kiến nghị đã trễ hơn {LONG_OVERDUE_DAYS} ngày "
            "theo lịch so với hạn hiện hành.",
        ),
    )
