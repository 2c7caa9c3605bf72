"""The pure deadline and status rules, on a calendar built by hand and on Vietnam's."""

import datetime

from django.test import SimpleTestCase

from portal.petitions import rules
from portal.workcalendar.arithmetic import WorkCalendar

D = datetime.date
# Reunification Day and Labour Day 2026 fall on Thursday 30/4 and Friday 1/5.
HOLIDAYS_2026 = WorkCalendar(holidays=frozenset({D(2026, 4, 30), D(2026, 5, 1)}))
PLAIN = WorkCalendar()


class DueDateTests(SimpleTestCase):
    def test_overdue_counts_working_days_across_a_holiday(self):
        step = rules.Step(start=D(2026, 4, 28), allowed_days=3)
        # 29/4 is day 1; 30/4 and 1/5 are holidays, 2-3/5 a weekend; 4/5 day 2, 5/5 day 3.
        self.assertEqual(rules.due_date(HOLIDAYS_2026, step), D(2026, 5, 5))
        self.assertFalse(rules.is_overdue(HOLIDAYS_2026, step, D(2026, 5, 4)))
        self.assertFalse(rules.is_overdue(HOLIDAYS_2026, step, D(2026, 5, 5)))
        self.assertTrue(rules.is_overdue(HOLIDAYS_2026, step, D(2026, 5, 6)))
        # Without the holidays the same step would already be late on 4/5.
        self.assertTrue(rules.is_overdue(PLAIN, step, D(2026, 5, 4)))

    def test_done_step_is_never_overdue_but_may_be_late(self):
        step = rules.Step(start=D(2026, 4, 28), allowed_days=3, done_on=D(2026, 5, 7))
        self.assertFalse(rules.is_overdue(HOLIDAYS_2026, step, D(2026, 6, 1)))
        self.assertTrue(rules.done_late(HOLIDAYS_2026, step))

    def test_not_started_step_has_no_deadline(self):
        step = rules.Step(start=None, allowed_days=3)
        self.assertIsNone(rules.due_date(PLAIN, step))
        self.assertFalse(rules.is_overdue(PLAIN, step, D(2030, 1, 1)))

    def test_extension_adds_working_days(self):
        step = rules.Step(start=D(2026, 3, 2), allowed_days=5, extension_days=2)  # Monday
        self.assertEqual(rules.due_date(PLAIN, step), D(2026, 3, 11))

    def test_pause_moves_the_deadline_by_the_working_days_it_lasted(self):
        base = rules.Step(start=D(2026, 3, 2), allowed_days=5)
        self.assertEqual(rules.due_date(PLAIN, base), D(2026, 3, 9))
        paused = rules.Step(
            start=D(2026, 3, 2), allowed_days=5, pauses=(rules.Pause(D(2026, 3, 3), D(2026, 3, 5)),)
        )
        self.assertEqual(rules.due_date(PLAIN, paused), D(2026, 3, 11))

    def test_open_pause_means_no_deadline_and_not_overdue(self):
        step = rules.Step(start=D(2026, 3, 2), allowed_days=5, pauses=(rules.Pause(D(2026, 3, 3)),))
        self.assertIsNone(rules.due_date(PLAIN, step))
        self.assertFalse(rules.is_overdue(PLAIN, step, D(2026, 12, 1)))

    def test_pause_after_the_deadline_does_not_revive_it(self):
        step = rules.Step(
            start=D(2026, 3, 2),
            allowed_days=5,
            pauses=(rules.Pause(D(2026, 3, 20), D(2026, 3, 30)),),
        )
        self.assertEqual(rules.due_date(PLAIN, step), D(2026, 3, 9))


class StatusTests(SimpleTestCase):
    def status(self, **kwargs):
        values = {
            "merged": False,
            "forwarded_on": None,
            "answered_on": None,
            "resolved_on": None,
            "latest_answer_kind": None,
            "follow_up_since": None,
        }
        values.update(kwargs)
        return rules.status_of(**values)

    def test_answered_is_not_resolved(self):
        answered = self.status(
            forwarded_on=D(2026, 1, 1),
            answered_on=D(2026, 2, 1),
            latest_answer_kind=rules.ANSWER_EXPLAINED,
        )
        self.assertEqual(answered, rules.STATUS_ANSWERED)
        in_progress = self.status(
            forwarded_on=D(2026, 1, 1),
            answered_on=D(2026, 2, 1),
            latest_answer_kind=rules.ANSWER_IN_PROGRESS,
        )
        self.assertEqual(in_progress, rules.STATUS_IN_PROGRESS)

    def test_each_state(self):
        self.assertEqual(self.status(), rules.STATUS_NEW)
        self.assertEqual(self.status(forwarded_on=D(2026, 1, 1)), rules.STATUS_FORWARDED)
        self.assertEqual(self.status(resolved_on=D(2026, 1, 1)), rules.STATUS_RESOLVED)
        self.assertEqual(
            self.status(answered_on=D(2026, 1, 1), follow_up_since=D(2026, 5, 1)),
            rules.STATUS_FOLLOW_UP,
        )
        self.assertEqual(self.status(merged=True, resolved_on=D(2026, 1, 1)), rules.STATUS_MERGED)

    def test_median_days_ignores_unfinished_pairs(self):
        pairs = [
            (D(2026, 1, 1), D(2026, 1, 11)),
            (D(2026, 1, 1), None),
            (D(2026, 1, 1), D(2026, 1, 31)),
            (D(2026, 1, 1), D(2026, 1, 5)),
        ]
        self.assertEqual(rules.median_days(pairs), 10)
        self.assertIsNone(rules.median_days([(D(2026, 1, 1), None)]))
