"""Working-day arithmetic over Vietnam's calendar: pure, no Django.

A working day is Monday to Friday, not a public holiday and not an announced day off; an
announced make-up working day ("ngày làm bù", usually a Saturday) is a working day whatever
its weekday. Deadlines count from the day after the start: `add_working_days(start, 1)` is
the first working day after `start`.
"""

import datetime
from dataclasses import dataclass, field

__all__ = ["WorkCalendar"]

_SATURDAY = 5
# A deadline of a few thousand working days is far beyond any register's; the bound turns a
# mistyped figure into an error instead of a long loop.
MAX_WORKING_DAYS = 5000


@dataclass(frozen=True)
class WorkCalendar:
    """Public holidays, extra days off and make-up working days, as sets of dates."""

    holidays: frozenset[datetime.date] = field(default_factory=frozenset)
    extra_days_off: frozenset[datetime.date] = field(default_factory=frozenset)
    make_up_days: frozenset[datetime.date] = field(default_factory=frozenset)

    def is_working_day(self, day: datetime.date) -> bool:
        if day in self.make_up_days:
            return True
        if day in self.holidays or day in self.extra_days_off:
            return False
        return day.weekday() < _SATURDAY

    def add_working_days(self, start: datetime.date, n: int) -> datetime.date:
        """The n-th working day after start (n = 0 gives start itself)."""
        if n < 0:
            raise ValueError("n must not be negative")
        if n > MAX_WORKING_DAYS:
            raise ValueError(f"n must not exceed {MAX_WORKING_DAYS}")
        day = start
        counted = 0
        while counted < n:
            day += datetime.timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return day

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days after start up to and including end (negative when end < start)."""
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        day = start
        while day < end:
            day += datetime.timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count
