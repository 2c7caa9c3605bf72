"""The calendar combines the holiday tables with what administrators enter."""

import datetime

from django.core.cache import cache
from django.test import TestCase

from portal.workcalendar.models import CalendarException
from portal.workcalendar.selectors import add_working_days, work_calendar, working_days_between

D = datetime.date


class WorkCalendarSelectorTests(TestCase):
    def setUp(self):
        cache.clear()

    def test_lunar_holidays_come_from_the_package(self):
        calendar = work_calendar([2026])
        self.assertFalse(calendar.is_working_day(D(2026, 2, 17)))  # Mùng 1 Tết
        self.assertFalse(calendar.is_working_day(D(2026, 4, 27)))  # Giỗ Tổ (observed)

    def test_the_packages_make_up_saturday_is_a_working_day(self):
        self.assertTrue(work_calendar([2026]).is_working_day(D(2026, 8, 22)))

    def test_an_administrators_exception_applies_and_the_cache_is_purged(self):
        saturday = D(2026, 12, 12)
        self.assertFalse(work_calendar([2026]).is_working_day(saturday))
        exception = CalendarException.objects.create(
            date=saturday, kind=CalendarException.KIND_WORKING_DAY, note="làm bù"
        )
        self.assertTrue(work_calendar([2026]).is_working_day(saturday))
        self.assertEqual(add_working_days(D(2026, 12, 11), 1), saturday)
        exception.kind = CalendarException.KIND_DAY_OFF
        exception.save()
        self.assertFalse(work_calendar([2026]).is_working_day(saturday))
        exception.delete()
        self.assertEqual(add_working_days(D(2026, 12, 11), 1), D(2026, 12, 14))

    def test_extra_day_off(self):
        CalendarException.objects.create(date=D(2027, 1, 4), kind=CalendarException.KIND_DAY_OFF)
        self.assertEqual(add_working_days(D(2026, 12, 31), 1), D(2027, 1, 5))

    def test_helpers_span_years(self):
        end = add_working_days(D(2026, 12, 1), 60)
        self.assertEqual(working_days_between(D(2026, 12, 1), end), 60)
        self.assertGreater(end, D(2027, 2, 10))  # Tết 2027 is crossed, not counted
