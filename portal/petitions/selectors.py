"""Reads across petitions: deadlines, overdue now and statistics, all recomputed from raw rows."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Min, Prefetch
from django.utils import timezone

from portal.workcalendar.selectors import work_calendar

from . import rules
from .models import DeadlineRule, Petition, PetitionEvent

__all__ = [
    "Deadlines",
    "Stats",
    "deadline_context",
    "deadlines_for",
    "petitions_for_stats",
    "stats_by",
    "today",
]


def today() -> date:
    return timezone.localdate()


@dataclass(frozen=True)
class Deadlines:
    forward_due: date | None
    answer_due: date | None
    forward_overdue: bool
    answer_overdue: bool
    forwarded_late: bool
    answered_late: bool

    @property
    def overdue(self) -> bool:
        return self.forward_overdue or self.answer_overdue


def _rule_for(received_on: date, rules_by_date: list[DeadlineRule]) -> tuple[int, int]:
    for rule in rules_by_date:  # newest first
        if rule.applies_from <= received_on:
            return rule.forward_days, rule.answer_days
    return settings.PETITIONS_FORWARD_DAYS, settings.PETITIONS_ANSWER_DAYS


def _steps(petition: Petition, events: Iterable[PetitionEvent], allowed: tuple[int, int]):
    """Split extensions and pauses between the forwarding step and the answering step."""
    per_step = {"forward": {"ext": 0, "pauses": []}, "answer": {"ext": 0, "pauses": []}}
    open_pause = None
    for event in sorted(events, key=lambda e: (e.occurred_on, e.pk or 0)):
        step = (
            "answer"
            if petition.forwarded_on and event.occurred_on >= petition.forwarded_on
            else "forward"
        )
        if event.kind == PetitionEvent.EXTENDED:
            per_step[step]["ext"] += event.extension_days or 0
        elif event.kind == PetitionEvent.PAUSED and open_pause is None:
            open_pause = (step, event.occurred_on)
        elif event.kind == PetitionEvent.RESUMED and open_pause is not None:
            per_step[open_pause[0]]["pauses"].append(rules.Pause(open_pause[1], event.occurred_on))
            open_pause = None
    if open_pause is not None:
        per_step[open_pause[0]]["pauses"].append(rules.Pause(open_pause[1], None))
    forward = rules.Step(
        start=petition.received_on,
        allowed_days=allowed[0],
        done_on=petition.forwarded_on,
        extension_days=per_step["forward"]["ext"],
        pauses=tuple(per_step["forward"]["pauses"]),
    )
    answer = rules.Step(
        start=petition.forwarded_on,
        allowed_days=allowed[1],
        done_on=petition.answered_on,
        extension_days=per_step["answer"]["ext"],
        pauses=tuple(per_step["answer"]["pauses"]),
    )
    return forward, answer


_TIMED_KINDS = [PetitionEvent.EXTENDED, PetitionEvent.PAUSED, PetitionEvent.RESUMED]


def deadlines_for(
    petition: Petition, *, on: date | None = None, calendar=None, rule_list=None
) -> Deadlines:
    """Due dates and overdue flags of a petition's two timed steps, as of `on` (default today)."""
    on = on or today()
    if rule_list is None:
        rule_list = list(DeadlineRule.objects.order_by("-applies_from"))
    if calendar is None:
        calendar = work_calendar(
            range(petition.received_on.year, max(on.year, petition.received_on.year) + 2)
        )
    events = getattr(petition, "timed_events", None)
    if events is None:
        events = list(petition.events.filter(kind__in=_TIMED_KINDS))
    forward, answer = _steps(petition, events, _rule_for(petition.received_on, rule_list))
    finished = petition.merged_into_id is not None
    return Deadlines(
        forward_due=rules.due_date(calendar, forward),
        answer_due=rules.due_date(calendar, answer),
        forward_overdue=not finished and rules.is_overdue(calendar, forward, on),
        answer_overdue=not finished and rules.is_overdue(calendar, answer, on),
        forwarded_late=rules.done_late(calendar, forward),
        answered_late=rules.done_late(calendar, answer),
    )


def deadline_context(on: date) -> dict:
    """The rules and calendar deadlines_for needs, read once for a whole list."""
    rule_list = list(DeadlineRule.objects.order_by("-applies_from"))
    first = Petition.objects.aggregate(first=Min("received_on"))["first"]
    first_year = min(first.year, on.year) if first else on.year
    return {"rule_list": rule_list, "calendar": work_calendar(range(first_year, on.year + 2))}


def petitions_for_stats(queryset=None):
    """Public petitions with what deadline and statistics code reads, in few queries."""
    queryset = Petition.objects.public() if queryset is None else queryset
    return queryset.select_related("agency", "field").prefetch_related(
        "localities",
        "answers__feedback",
        Prefetch(
            "events",
            queryset=PetitionEvent.objects.filter(kind__in=_TIMED_KINDS),
            to_attr="timed_events",
        ),
    )


@dataclass
class Stats:
    """Counts for one agency or locality, with the denominator they are taken from."""

    key: str
    label: str
    url: str = ""
    total: int = 0
    forwarded: int = 0
    answered: int = 0
    resolved: int = 0
    overdue_now: int = 0
    feedback_good: int = 0
    feedback_total: int = 0
    answer_spans: list = field(default_factory=list)

    @property
    def answered_pct(self) -> float | None:
        return 100 * self.answered / self.forwarded if self.forwarded else None

    @property
    def resolved_pct(self) -> float | None:
        return 100 * self.resolved / self.forwarded if self.forwarded else None

    @property
    def median_days_to_answer(self) -> float | None:
        return rules.median_days(self.answer_spans)


def _add(stats: Stats, petition: Petition, deadlines: Deadlines) -> None:
    stats.total += 1
    if petition.forwarded_on:
        stats.forwarded += 1
    if petition.answered_on:
        stats.answered += 1
        stats.answer_spans.append((petition.forwarded_on, petition.answered_on))
    if petition.resolved_on:
        stats.resolved += 1
    if deadlines.overdue:
        stats.overdue_now += 1
    for answer in petition.answers.all():
        for feedback in answer.feedback.all():
            stats.feedback_total += 1
            stats.feedback_good += feedback.satisfactory


def stats_by(petitions: Iterable[Petition], *, on: date | None = None) -> dict[str, object]:
    """Totals, and one row per agency and per locality, computed from the petitions given."""
    on = on or today()
    petitions = list(petitions)
    rule_list = list(DeadlineRule.objects.order_by("-applies_from"))
    first_year = min((p.received_on.year for p in petitions), default=on.year)
    calendar = work_calendar(range(first_year, on.year + 2))
    total = Stats(key="", label="Tất cả")
    agencies: dict[str, Stats] = {}
    localities: dict[str, Stats] = {}
    by_status: dict[str, int] = defaultdict(int)
    for petition in petitions:
        deadlines = deadlines_for(petition, on=on, calendar=calendar, rule_list=rule_list)
        _add(total, petition, deadlines)
        by_status[petition.status] += 1
        if petition.agency_id:
            agency = petition.agency
            row = agencies.setdefault(
                agency.code, Stats(key=agency.code, label=agency.name, url=f"?agency={agency.code}")
            )
            _add(row, petition, deadlines)
        for locality in petition.localities.all():
            row = localities.setdefault(
                locality.code,
                Stats(key=locality.code, label=locality.name, url=f"?locality={locality.code}"),
            )
            _add(row, petition, deadlines)
    return {
        "total": total,
        "agencies": sorted(agencies.values(), key=lambda s: (-s.total, s.label)),
        "localities": sorted(localities.values(), key=lambda s: (-s.total, s.label)),
        "by_status": dict(by_status),
    }
