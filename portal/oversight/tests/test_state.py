"""The rules that turn dates and events into statuses, lateness and scorecards (pure)."""

import datetime
from dataclasses import dataclass
from unittest import TestCase

from portal.oversight import state as rules

D = datetime.date


@dataclass
class Ev:
    pk: int
    kind: str
    occurred_on: datetime.date
    response_status: str = ""
    implementation_status: str = ""
    target_date: datetime.date | None = None
    new_due_date: datetime.date | None = None
    corrects_id: int | None = None
    note: str = ""


TODAY, DUE, ISSUED = D(2026, 6, 1), D(2026, 3, 31), D(2026, 1, 15)


def state(events=(), today=TODAY, due=DUE, issued=ISSUED):
    return rules.state_of(issued_on=issued, due_date=due, events=events, today=today)


class TwoStatusesTests(TestCase):
    def test_nothing_recorded(self):
        s = state()
        self.assertEqual((s.response_status, s.implementation_status), ("none", "not_started"))
        self.assertFalse(s.answered)

    def test_an_answer_is_not_an_implementation(self):
        s = state([Ev(1, "response", D(2026, 2, 1), response_status="agreed", note="Sẽ làm")])
        self.assertTrue(s.answered)
        self.assertEqual(s.response_label, "Đồng ý")
        self.assertEqual(s.implementation_status, "not_started")
        self.assertFalse(s.implemented)
        self.assertTrue(s.overdue)  # agreeing does not stop the clock

    def test_implementation_without_an_answer(self):
        s = state([Ev(1, "implementation", D(2026, 2, 1), implementation_status="implemented")])
        self.assertFalse(s.answered)
        self.assertTrue(s.implemented)
        self.assertEqual(s.implemented_on, D(2026, 2, 1))

    def test_rejected_but_in_progress_are_kept_apart(self):
        s = state(
            [
                Ev(1, "response", D(2026, 2, 1), response_status="rejected"),
                Ev(
                    2,
                    "implementation",
                    D(2026, 2, 2),
                    implementation_status="in_progress",
                    target_date=D(2026, 7, 1),
                ),
            ]
        )
        self.assertEqual(s.response_status, "rejected")
        self.assertEqual(s.implementation_status, "in_progress")
        self.assertEqual(s.target_date, D(2026, 7, 1))


class OverdueTests(TestCase):
    def test_derived_from_dates(self):
        self.assertFalse(state(today=D(2026, 3, 31)).overdue)
        self.assertEqual(state(today=D(2026, 4, 1)).days_late, 1)
        self.assertFalse(state(today=D(2026, 4, 30)).long_overdue)
        self.assertEqual(state(today=D(2026, 4, 30)).days_late, 30)
        self.assertTrue(state(today=D(2026, 5, 1)).long_overdue)
        self.assertEqual(state(today=D(2026, 5, 1)).lateness_label, "Quá hạn trên 30 ngày")

    def test_closed_items_are_never_overdue(self):
        for status in ("implemented", "not_implemented"):
            s = state([Ev(1, "implementation", D(2026, 4, 20), implementation_status=status)])
            self.assertFalse(s.overdue, status)

    def test_pause_stops_and_resume_restarts(self):
        paused = [Ev(1, "pause", D(2026, 3, 1))]
        self.assertFalse(state(paused).overdue)
        self.assertTrue(state([*paused, Ev(2, "resume", D(2026, 5, 1))]).overdue)

    def test_events_after_today_do_not_count_yet(self):
        done = [Ev(1, "implementation", D(2026, 6, 10), implementation_status="implemented")]
        self.assertTrue(state(done, today=D(2026, 6, 1)).overdue)


class ExtensionTests(TestCase):
    def test_an_extension_keeps_the_original_date(self):
        s = state([Ev(1, "extension", D(2026, 3, 20), new_due_date=D(2026, 6, 30))])
        self.assertEqual(s.original_due_date, D(2026, 3, 31))
        self.assertEqual(s.due_date, D(2026, 6, 30))
        self.assertTrue(s.extended)
        self.assertFalse(s.overdue)
        s2 = state(
            [
                Ev(1, "extension", D(2026, 3, 20), new_due_date=D(2026, 4, 30)),
                Ev(2, "extension", D(2026, 4, 25), new_due_date=D(2026, 5, 15)),
            ]
        )
        self.assertEqual(s2.extensions, (D(2026, 4, 30), D(2026, 5, 15)))
        self.assertEqual(s2.original_due_date, D(2026, 3, 31))
        self.assertEqual(s2.days_late, 17)


class CorrectionTests(TestCase):
    def test_a_correction_replaces_the_event_it_corrects(self):
        events = [
            Ev(1, "response", D(2026, 2, 1), response_status="agreed"),
            Ev(2, "response", D(2026, 2, 1), response_status="partly", corrects_id=1),
        ]
        self.assertEqual(state(events).response_status, "partly")

    def test_a_wrong_extension_corrected(self):
        events = [
            Ev(1, "extension", D(2026, 3, 20), new_due_date=D(2026, 12, 31)),
            Ev(2, "extension", D(2026, 3, 20), new_due_date=D(2026, 4, 30), corrects_id=1),
        ]
        s = state(events)
        self.assertEqual(s.due_date, D(2026, 4, 30))
        self.assertEqual(s.extensions, (D(2026, 4, 30),))

    def test_an_answer_recorded_by_mistake_is_withdrawn(self):
        events = [
            Ev(1, "response", D(2026, 2, 1), response_status="agreed"),
            Ev(2, "response", D(2026, 2, 1), response_status="none", corrects_id=1),
        ]
        self.assertFalse(state(events).answered)


class ScorecardTests(TestCase):
    def test_figures_and_denominators(self):
        today = D(2026, 6, 1)
        states = [
            state(
                [
                    Ev(1, "response", D(2026, 1, 25), response_status="agreed"),
                    Ev(2, "implementation", D(2026, 3, 1), implementation_status="implemented"),
                ],
                today,
            ),
            state(
                [Ev(3, "response", D(2026, 2, 14), response_status="partly")], today
            ),  # overdue 62
            state([], today, due=D(2026, 5, 20)),  # overdue 12
            state([], today, due=D(2026, 7, 1)),
            state(
                [Ev(4, "implementation", D(2026, 4, 1), implementation_status="not_implemented")],
                today,
            ),
        ]
        card = rules.scorecard(states)
        self.assertEqual(card.received.value, 5)
        self.assertEqual((card.answered.numerator, card.answered.denominator), (2, 5))
        self.assertEqual(card.answered.value, 40.0)
        self.assertEqual((card.implemented.numerator, card.implemented.value), (1, 20.0))
        self.assertEqual(card.median_days_to_answer.value, 20)  # 10 and 30 days
        self.assertEqual((card.overdue.value, card.overdue.denominator), (2, 3))
        self.assertEqual(card.long_overdue.value, 1)
        for figure in card.figures():
            self.assertTrue(figure.explanation)

    def test_empty(self):
        card = rules.scorecard([])
        self.assertIsNone(card.answered.value)
        self.assertIsNone(card.median_days_to_answer.value)
