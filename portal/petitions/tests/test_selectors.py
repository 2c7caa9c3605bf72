"""Deadlines with Vietnam's calendar and rules from the admin; statistics from raw rows."""

import datetime
import statistics

from django.core.cache import cache
from django.test import TestCase, override_settings

from portal.agencies.tests.factories import AgencyFactory
from portal.petitions import rules
from portal.petitions.models import DeadlineRule, Petition
from portal.petitions.selectors import deadlines_for, petitions_for_stats, stats_by
from portal.petitions.services import (
    answer_record,
    petition_extend,
    petition_forward,
    petition_pause,
    petition_resume,
)
from portal.petitions.tests.factories import LocalityFactory, PetitionFactory
from portal.workcalendar.models import CalendarException
from portal.workcalendar.selectors import EXCEPTIONS_CACHE_KEY

D = datetime.date


@override_settings(PETITIONS_FORWARD_DAYS=3, PETITIONS_ANSWER_DAYS=10)
class DeadlineTests(TestCase):
    def setUp(self):
        cache.delete(EXCEPTIONS_CACHE_KEY)  # the calendar's exceptions are cached across tests

    def test_overdue_across_the_april_holidays(self):
        # Received Tuesday 28/4/2026; 30/4 and 1/5 are public holidays (holidays package).
        petition = PetitionFactory(received_on=D(2026, 4, 28))
        self.assertEqual(deadlines_for(petition, on=D(2026, 5, 4)).forward_due, D(2026, 5, 5))
        self.assertFalse(deadlines_for(petition, on=D(2026, 5, 5)).overdue)
        self.assertTrue(deadlines_for(petition, on=D(2026, 5, 6)).forward_overdue)

    def test_announced_day_off_counts_too(self):
        CalendarException.objects.create(
            date=D(2026, 5, 4), kind=CalendarException.KIND_DAY_OFF, note="Nghỉ bù"
        )
        petition = PetitionFactory(received_on=D(2026, 4, 28))
        self.assertEqual(deadlines_for(petition, on=D(2026, 5, 4)).forward_due, D(2026, 5, 6))

    def test_rule_in_force_on_the_day_received_applies(self):
        DeadlineRule.objects.create(applies_from=D(2026, 1, 1), forward_days=5, answer_days=20)
        DeadlineRule.objects.create(applies_from=D(2026, 6, 1), forward_days=2, answer_days=15)
        before = PetitionFactory(received_on=D(2026, 3, 2))  # Monday
        after = PetitionFactory(received_on=D(2026, 6, 1))  # Monday
        self.assertEqual(deadlines_for(before).forward_due, D(2026, 3, 9))
        self.assertEqual(deadlines_for(after).forward_due, D(2026, 6, 3))

    def test_pauses_and_extensions_are_events_that_move_the_deadline(self):
        agency = AgencyFactory()
        petition = PetitionFactory(received_on=D(2026, 3, 2))
        petition = petition_forward(petition=petition, agency=agency, forwarded_on=D(2026, 3, 2))
        self.assertEqual(deadlines_for(petition).answer_due, D(2026, 3, 16))
        petition_extend(petition=petition, days=5, on=D(2026, 3, 10), note="Cần khảo sát")
        self.assertEqual(deadlines_for(petition).answer_due, D(2026, 3, 23))
        petition_pause(petition=petition, on=D(2026, 3, 11), note="Chờ ý kiến bộ")
        self.assertIsNone(deadlines_for(petition, on=D(2026, 6, 1)).answer_due)
        self.assertFalse(deadlines_for(petition, on=D(2026, 6, 1)).overdue)
        petition_resume(petition=petition, on=D(2026, 3, 13))
        self.assertEqual(deadlines_for(petition).answer_due, D(2026, 3, 25))
        petition.refresh_from_db()
        # Nothing on the petition itself changed: the dates are the ones recorded.
        self.assertEqual(
            (petition.received_on, petition.forwarded_on), (D(2026, 3, 2), D(2026, 3, 2))
        )


@override_settings(PETITIONS_FORWARD_DAYS=5, PETITIONS_ANSWER_DAYS=10)
class StatisticsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a, cls.b = (
            AgencyFactory(code="a", name="Cơ quan A"),
            AgencyFactory(code="b", name="Cơ quan B"),
        )
        cls.loc1, cls.loc2 = LocalityFactory(code="90001"), LocalityFactory(code="90002")
        spec = [
            # agency, forwarded, answered (kind), resolved, localities
            (cls.a, D(2026, 3, 2), (D(2026, 3, 12), rules.ANSWER_RESOLVED), [cls.loc1]),
            (cls.a, D(2026, 3, 2), (D(2026, 3, 6), rules.ANSWER_EXPLAINED), [cls.loc1, cls.loc2]),
            (cls.a, D(2026, 3, 2), (D(2026, 4, 1), rules.ANSWER_IN_PROGRESS), [cls.loc2]),
            (cls.a, D(2026, 3, 2), None, [cls.loc2]),
            (cls.b, D(2026, 3, 2), None, [cls.loc1]),
            (None, None, None, [cls.loc1]),
        ]
        for agency, forwarded, answer, localities in spec:
            petition = PetitionFactory(received_on=D(2026, 3, 2))
            petition.localities.set(localities)
            if agency:
                petition_forward(petition=petition, agency=agency, forwarded_on=forwarded)
            if answer:
                answer_record(
                    petition=petition,
                    kind=answer[1],
                    answered_on=answer[0],
                    reference="x",
                    summary="y",
                    target_date=D(2026, 12, 31) if answer[1] == rules.ANSWER_IN_PROGRESS else None,
                )
        from portal.petitions.models import Answer
        from portal.petitions.services import feedback_record

        for answer, verdict in zip(Answer.objects.order_by("pk")[:2], (True, False), strict=True):
            feedback_record(answer=answer, satisfactory=verdict, given_on=D(2026, 4, 20))
        # A merged duplicate is not counted.
        dup = PetitionFactory(received_on=D(2026, 3, 2), merged_into=Petition.objects.first())
        dup.localities.set([cls.loc1])

    def recompute(self, on):
        """The expected figures, counted straight from the rows with plain Python."""
        rows = list(
            Petition.objects.filter(merged_into__isnull=True).values(
                "pk", "agency__code", "forwarded_on", "answered_on", "resolved_on"
            )
        )
        by_agency = {}
        for row in rows:
            if row["agency__code"]:
                by_agency.setdefault(row["agency__code"], []).append(row)
        return by_agency

    def test_figures_match_the_raw_rows(self):
        on = D(2026, 4, 30)
        stats = stats_by(petitions_for_stats(), on=on)
        expected = self.recompute(on)
        by_code = {row.key: row for row in stats["agencies"]}
        for code, rows in expected.items():
            row = by_code[code]
            self.assertEqual(row.total, len(rows))
            self.assertEqual(row.answered, sum(1 for r in rows if r["answered_on"]))
            self.assertEqual(row.resolved, sum(1 for r in rows if r["resolved_on"]))
            spans = [(r["answered_on"] - r["forwarded_on"]).days for r in rows if r["answered_on"]]
            self.assertEqual(row.median_days_to_answer, statistics.median(spans) if spans else None)
        a = by_code["a"]
        self.assertEqual((a.total, a.forwarded, a.answered, a.resolved), (4, 4, 3, 1))
        self.assertEqual(a.median_days_to_answer, 10)  # spans 10, 4, 30
        self.assertEqual(a.overdue_now, 1)  # the unanswered one, due 16/3
        self.assertAlmostEqual(a.answered_pct, 75.0)
        self.assertAlmostEqual(a.resolved_pct, 25.0)
        self.assertEqual(by_code["b"].overdue_now, 1)
        self.assertEqual((a.feedback_good, a.feedback_total), (1, 2))
        total = stats["total"]
        self.assertEqual(
            (total.total, total.forwarded, total.answered, total.resolved), (6, 5, 3, 1)
        )
        # Unforwarded petition is overdue for forwarding (5 working days from 2/3).
        self.assertEqual(total.overdue_now, 3)
        loc = {row.key: row for row in stats["localities"]}
        self.assertEqual((loc["90001"].total, loc["90001"].answered), (4, 2))
        self.assertEqual((loc["90002"].total, loc["90002"].resolved), (3, 0))

    def test_a_changed_row_changes_the_figures(self):
        on = D(2026, 4, 30)
        before = stats_by(petitions_for_stats(), on=on)["total"]
        Petition.objects.filter(agency__code="b").update(answered_on=D(2026, 3, 20))
        after = stats_by(petitions_for_stats(), on=on)["total"]
        self.assertEqual(after.answered, before.answered + 1)
        self.assertEqual(after.overdue_now, before.overdue_now - 1)
