"""Recommendations and their events: the evidence rule, append-only log, working-day due dates."""

import datetime

from django.core.exceptions import ValidationError
from django.test import TestCase

from portal.core.events import AppendOnlyError
from portal.oversight.models import ActivityDocument, RecommendationEvent
from portal.oversight.services import recommendation_event_record
from portal.workcalendar.models import CalendarException

from .factories import LegalDocumentFactory, make_activity, make_recommendation, record

D = datetime.date


class RegisterTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.activity = make_activity()
        cls.recommendation = make_recommendation(cls.activity)


class EvidenceRuleTests(RegisterTestCase):
    def test_implemented_without_a_document_is_refused(self):
        with self.assertRaises(ValidationError) as caught:
            recommendation_event_record(
                recommendation=self.recommendation,
                kind="implementation",
                occurred_on=D(2026, 3, 1),
                implementation_status="implemented",
            )
        self.assertIn("văn bản minh chứng", str(caught.exception.message_dict["source_document"]))
        self.assertFalse(RecommendationEvent.objects.exists())

    def test_implemented_with_an_undated_document_is_refused(self):
        undated = LegalDocumentFactory(issued_on=None)
        with self.assertRaises(ValidationError) as caught:
            recommendation_event_record(
                recommendation=self.recommendation,
                kind="implementation",
                occurred_on=D(2026, 3, 1),
                implementation_status="implemented",
                source_document=undated,
            )
        self.assertIn("ngày ban hành", str(caught.exception.message_dict["source_document"]))

    def test_implemented_with_a_dated_document_is_recorded(self):
        evidence = LegalDocumentFactory()
        record(
            self.recommendation,
            kind="implementation",
            occurred_on=D(2026, 3, 3),
            implementation_status="implemented",
            source_document=evidence,
        )
        state = self.recommendation.state(today=D(2026, 6, 1))
        self.assertTrue(state.implemented)
        self.assertEqual(state.implemented_on, D(2026, 3, 3))

    def test_in_progress_needs_a_target_date(self):
        with self.assertRaises(ValidationError) as caught:
            recommendation_event_record(
                recommendation=self.recommendation,
                kind="implementation",
                occurred_on=D(2026, 3, 1),
                implementation_status="in_progress",
            )
        self.assertIn("target_date", caught.exception.message_dict)

    def test_a_future_event_is_refused(self):
        with self.assertRaises(ValidationError):
            recommendation_event_record(
                recommendation=self.recommendation,
                kind="response",
                occurred_on=D(2999, 1, 1),
                response_status="agreed",
            )


class AppendOnlyLogTests(RegisterTestCase):
    def test_events_cannot_be_edited_or_deleted(self):
        event = record(
            self.recommendation,
            kind="response",
            occurred_on=D(2026, 2, 1),
            response_status="agreed",
        )
        event.response_status = "rejected"
        with self.assertRaises(AppendOnlyError):
            event.save()
        with self.assertRaises(AppendOnlyError):
            event.delete()
        with self.assertRaises(AppendOnlyError):
            RecommendationEvent.objects.filter(pk=event.pk).update(response_status="rejected")
        with self.assertRaises(AppendOnlyError):
            self.recommendation.events.all().delete()
        self.assertEqual(RecommendationEvent.objects.get().response_status, "agreed")

    def test_a_correction_must_be_of_the_same_recommendation_and_kind(self):
        event = record(
            self.recommendation,
            kind="response",
            occurred_on=D(2026, 2, 1),
            response_status="agreed",
        )
        other = make_recommendation(self.activity, text="Kiến nghị khác")
        with self.assertRaises(ValidationError):
            recommendation_event_record(
                recommendation=other,
                kind="response",
                occurred_on=D(2026, 2, 2),
                response_status="partly",
                corrects=event,
            )
        with self.assertRaises(ValidationError):
            recommendation_event_record(
                recommendation=self.recommendation,
                kind="extension",
                occurred_on=D(2026, 2, 2),
                new_due_date=D(2026, 5, 1),
                corrects=event,
            )
        fix = record(
            self.recommendation,
            kind="response",
            occurred_on=D(2026, 2, 1),
            response_status="partly",
            corrects=event,
        )
        self.assertEqual(self.recommendation.state().response_status, "partly")
        self.assertEqual(list(self.recommendation.events.effective()), [fix])
        self.assertEqual(self.recommendation.events.count(), 2)

    def test_an_extension_keeps_the_original_due_date_on_the_page(self):
        record(
            self.recommendation,
            kind="extension",
            occurred_on=D(2026, 3, 20),
            new_due_date=D(2026, 6, 30),
            note="Theo đề nghị của UBND quận",
        )
        self.recommendation.refresh_from_db()
        self.assertEqual(self.recommendation.due_date, D(2026, 3, 31))
        state = self.recommendation.state(today=D(2026, 6, 1))
        self.assertEqual(
            (state.original_due_date, state.due_date), (D(2026, 3, 31), D(2026, 6, 30))
        )
        self.assertFalse(state.overdue)
        self.assertTrue(self.recommendation.state(today=D(2026, 7, 1)).overdue)


class DueDateTests(RegisterTestCase):
    def test_due_in_working_days_skips_tet_2026(self):
        recommendation = make_recommendation(
            self.activity, text="Báo cáo kết quả", issued_on=D(2026, 2, 6), due_in_working_days=10
        )
        # 9–13 Feb: 5 days; Tết 16–20 Feb off; 23–27 Feb: 5 more → Fri 27 Feb.
        self.assertEqual(recommendation.due_date, D(2026, 2, 27))

    def test_due_in_working_days_counts_an_announced_make_up_saturday(self):
        CalendarException.objects.create(date=D(2026, 10, 10), kind="working_day", note="làm bù")
        recommendation = make_recommendation(
            self.activity, text="Báo cáo", issued_on=D(2026, 10, 8), due_in_working_days=2
        )
        self.assertEqual(recommendation.due_date, D(2026, 10, 10))

    def test_a_due_date_or_a_number_of_days_is_required(self):
        with self.assertRaises(ValidationError):
            make_recommendation(self.activity, text="Không hạn", due_date=None)

    def test_numbers_follow_within_the_activity_and_clash_is_refused(self):
        second = make_recommendation(self.activity, text="Thứ hai")
        self.assertEqual((self.recommendation.number, second.number), (1, 2))
        self.assertTrue(second.title.startswith("Kiến nghị 2: Thứ hai"))
        with self.assertRaises(ValidationError):
            make_recommendation(self.activity, text="Trùng số", number=1)


class ChecklistTests(RegisterTestCase):
    def test_published_and_missing_documents(self):
        plan = LegalDocumentFactory(symbol="12/KH-HĐND", kind="plan")
        report = LegalDocumentFactory(symbol="30/BC-HĐND")
        conclusion = LegalDocumentFactory(symbol="5/TB-HĐND")
        self.activity.documents = [
            ActivityDocument(role="plan", document=plan, published_on=D(2026, 1, 5)),
            ActivityDocument(role="report", document=report, published_on=D(2026, 3, 10)),
            ActivityDocument(role="conclusion", document=conclusion, published_on=None),
        ]
        self.activity.save()
        rows = {row["role"]: row for row in self.activity.checklist(today=D(2026, 2, 1))}
        self.assertTrue(rows["plan"]["published"])
        self.assertEqual(rows["plan"]["published_on"], D(2026, 1, 5))
        self.assertFalse(rows["report"]["published"])  # not yet on 1 Feb
        self.assertFalse(rows["conclusion"]["published"])
        self.assertFalse(rows["follow_up"]["published"])
        later = {
            row["role"]: row["published"] for row in self.activity.checklist(today=D(2026, 4, 1))
        }
        self.assertEqual(
            later, {"plan": True, "report": True, "conclusion": False, "follow_up": False}
        )
