"""Working-day arithmetic across Tết, make-up Saturdays and the holiday bridges."""

import datetime
from unittest import TestCase

import holidays

from portal.workcalendar.arithmetic import WorkCalendar

D = datetime.date


def vietnam(*years: int, extra_days_off=(), make_up_days=()) -> WorkCalendar:
    return WorkCalendar(
        holidays=frozenset(holidays.Vietnam(years=years)),
        extra_days_off=frozenset(extra_days_off),
        make_up_days=frozenset(make_up_days),
    )


class WeekTests(TestCase):
    def test_plain_week_skips_the_weekend(self):
        calendar = WorkCalendar()
        self.assertEqual(calendar.add_working_days(D(2026, 11, 6), 1), D(2026, 11, 9))  # Fri→Mon
        self.assertEqual(calendar.add_working_days(D(2026, 11, 2), 5), D(2026, 11, 9))

    def test_the_day_after_start_is_day_one(self):
        calendar = WorkCalendar()
        self.assertEqual(calendar.add_working_days(D(2026, 11, 2), 1), D(2026, 11, 3))
        self.assertEqual(calendar.add_working_days(D(2026, 11, 2), 0), D(2026, 11, 2))

    def test_between_is_the_inverse_of_add(self):
        calendar = vietnam(2026, 2027)
        start = D(2026, 1, 15)
        for n in (0, 1, 7, 15, 30, 45, 60, 200):
            end = calendar.add_working_days(start, n)
            self.assertEqual(calendar.working_days_between(start, end), n)
            self.assertEqual(calendar.working_days_between(end, start), -n)

    def test_negative_or_huge_n_is_refused(self):
        with self.assertRaises(ValueError):
            WorkCalendar().add_working_days(D(2026, 1, 1), -1)
        with self.assertRaises(ValueError):
            WorkCalendar().add_working_days(D(2026, 1, 1), 10**9)


class TetTests(TestCase):
    def test_tet_2026_is_skipped(self):
        # Tết Bính Ngọ: 16–20 Feb 2026 (Mon–Fri) off, so the week after a Friday is lost.
        calendar = vietnam(2026)
        for day in range(16, 21):
            self.assertFalse(calendar.is_working_day(D(2026, 2, day)))
        self.assertEqual(calendar.add_working_days(D(2026, 2, 13), 1), D(2026, 2, 23))
        self.assertEqual(calendar.working_days_between(D(2026, 2, 13), D(2026, 2, 27)), 5)

    def test_tet_2027_is_skipped(self):
        # Tết Đinh Mùi: 4–10 Feb 2027 with the weekend inside; Wed 3 Feb is the last day before.
        calendar = vietnam(2027)
        self.assertTrue(calendar.is_working_day(D(2027, 2, 3)))
        for day in range(4, 11):
            self.assertFalse(calendar.is_working_day(D(2027, 2, day)))
        self.assertEqual(calendar.add_working_days(D(2027, 2, 3), 1), D(2027, 2, 11))
        # 15 working days from 25 Jan 2027 end on 22 Feb, not 15 Feb.
        self.assertEqual(calendar.add_working_days(D(2027, 1, 25), 15), D(2027, 2, 22))

    def test_a_deadline_across_the_new_year_and_tet(self):
        calendar = vietnam(2025, 2026)
        # 30 working days after Mon 5 Jan 2026: 1 Jan is before, Tết week 16–20 Feb lost.
        end = calendar.add_working_days(D(2026, 1, 5), 30)
        self.assertEqual(end, D(2026, 2, 23))


class MakeUpDayTests(TestCase):
    def test_a_make_up_saturday_counts(self):
        saturday = D(2026, 8, 22)
        plain = vietnam(2026)
        announced = vietnam(2026, make_up_days=[saturday])
        self.assertFalse(plain.is_working_day(saturday))
        self.assertTrue(announced.is_working_day(saturday))
        # Fri 21 Aug + 1 working day: the make-up Saturday itself.
        self.assertEqual(announced.add_working_days(D(2026, 8, 21), 1), saturday)
        self.assertEqual(plain.add_working_days(D(2026, 8, 21), 1), D(2026, 8, 24))

    def test_an_extra_day_off_is_skipped(self):
        calendar = vietnam(2026, extra_days_off=[D(2026, 11, 23)])
        self.assertEqual(calendar.add_working_days(D(2026, 11, 20), 1), D(2026, 11, 25))


class BridgeTests(TestCase):
    def test_2_september_bridge_2026(self):
        # 31 Aug (day off swapped with Sat 22 Aug), 1 and 2 Sept: Fri 28 Aug → Thu 3 Sept.
        calendar = vietnam(2026, make_up_days=[D(2026, 8, 22)])
        self.assertEqual(calendar.add_working_days(D(2026, 8, 28), 1), D(2026, 9, 3))
        self.assertEqual(calendar.working_days_between(D(2026, 8, 28), D(2026, 9, 4)), 2)

    def test_30_april_1_may_bridge_2026(self):
        # Thu 30 Apr and Fri 1 May off: Wed 29 Apr + 1 working day is Mon 4 May.
        calendar = vietnam(2026)
        self.assertEqual(calendar.add_working_days(D(2026, 4, 29), 1), D(2026, 5, 4))
        # Hùng Kings' day fell on Sunday 26 Apr 2026 and is observed Mon 27 Apr.
        self.assertEqual(calendar.add_working_days(D(2026, 4, 24), 1), D(2026, 4, 28))

    def test_30_april_1_may_bridge_2025_with_its_make_up_saturday(self):
        calendar = vietnam(2025, make_up_days=[D(2025, 4, 26)])
        self.assertTrue(calendar.is_working_day(D(2025, 4, 26)))
        for day in (D(2025, 4, 30), D(2025, 5, 1), D(2025, 5, 2)):
            self.assertFalse(calendar.is_working_day(day))
        self.assertEqual(calendar.add_working_days(D(2025, 4, 29), 1), D(2025, 5, 5))
