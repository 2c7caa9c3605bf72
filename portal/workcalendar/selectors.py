"""The working calendar: Vietnam's public holidays (the `holidays` package, lunar ones
included) combined with the exceptions administrators enter."""

import contextlib
import datetime
import functools
from collections.abc import Iterable

from django.core.cache import cache

import holidays as holiday_tables

from .arithmetic import WorkCalendar
from .models import CalendarException

__all__ = [
    "EXCEPTIONS_CACHE_KEY",
    "add_working_days",
    "work_calendar",
    "working_days_between",
]

EXCEPTIONS_CACHE_KEY = "workcalendar:exceptions:v1"


@functools.lru_cache(maxsize=64)
def _public_holidays(years: tuple[int, ...]) -> tuple[frozenset, frozenset]:
    """Holidays and the make-up Saturdays the package knows, for these years (deterministic)."""
    table = holiday_tables.Vietnam(years=years)
    days_off = frozenset(table.keys())
    make_up = frozenset(d for d in getattr(table, "weekend_workdays", ()) if d.year in years)
    return days_off, make_up


def _exceptions() -> list[tuple[datetime.date, str]]:
    # Shared by every process through the cache; purged when an administrator saves one.
    try:
        rows = cache.get(EXCEPTIONS_CACHE_KEY)
    except Exception:  # noqa: BLE001 - the cache is an accelerator, not a dependency
        rows = None
    if rows is None:
        rows = list(CalendarException.objects.values_list("date", "kind"))
        with contextlib.suppress(Exception):
            cache.set(EXCEPTIONS_CACHE_KEY, rows, 24 * 3600)
    return rows


def work_calendar(years: Iterable[int]) -> WorkCalendar:
    """The calendar covering these years: public holidays plus announced exceptions."""
    years = tuple(sorted(set(years)))
    days_off, make_up = _public_holidays(years)
    extra_off, extra_work = set(), set(make_up)
    for day, kind in _exceptions():
        if day.year not in years:
            continue
        if kind == CalendarException.KIND_WORKING_DAY:
            extra_work.add(day)
        else:
            extra_off.add(day)
            extra_work.discard(day)
    return WorkCalendar(
        holidays=days_off, extra_days_off=frozenset(extra_off), make_up_days=frozenset(extra_work)
    )


def _years_from(start: datetime.date, span_days: int) -> range:
    return range(start.year - 1, (start + datetime.timedelta(days=span_days)).year + 2)


def add_working_days(start: datetime.date, n: int) -> datetime.date:
    """The n-th working day after start, with the calendar of the years it spans."""
    # Ten weeks of holidays a year at most: n working days fit in 2n + 60 calendar days.
    return work_calendar(_years_from(start, 2 * n + 60)).add_working_days(start, n)


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after start up to and including end."""
    low, high = min(start, end), max(start, end)
    return work_calendar(range(low.year, high.year + 1)).working_days_between(start, end)
