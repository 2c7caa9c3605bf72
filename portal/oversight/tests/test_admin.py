"""Editors in the admin: recording events, starting a draft activity from an article."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase, override_settings
from django.urls import reverse

from wagtail.models import WorkflowState
from wagtail.rich_text import RichText

from portal.agencies.tests.factories import AgencyFactory
from portal.core.editorial import EDITOR, editorial_setup
from portal.core.testing.pages import ArticlePageFactory, SectionPageFactory, site_home
from portal.legal_documents.services import citations_refresh
from portal.oversight.models import ActivityPage, RecommendationEvent

from .factories import (
    ActivityKindFactory,
    LegalDocumentFactory,
    make_activity,
    make_recommendation,
    register_index,
)


@override_settings(ALLOWED_HOSTS=["*"])
class AdminTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        editorial_setup()
        cls.editor = get_user_model().objects.create_user("bientap", password="x")  # noqa: S106
        cls.editor.groups.add(Group.objects.get(name=EDITOR))
        cls.activity = make_activity()
        cls.recommendation = make_recommendation(cls.activity)

    def setUp(self):
        self.client.force_login(self.editor)


class RecordEventTests(AdminTestCase):
    def url(self):
        return reverse("oversight_admin:record_event", args=[self.recommendation.pk])

    def test_the_edit_page_offers_the_event_form(self):
        response = self.client.get(
            reverse("wagtailadmin_pages:edit", args=[self.recommendation.pk])
        )
        self.assertContains(response, self.url())

    def test_implemented_without_evidence_is_refused_with_a_message(self):
        response = self.client.post(
            self.url(),
            {
                "kind": "implementation",
                "occurred_on": "02/03/2026",
                "implementation_status": "implemented",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "cần một văn bản minh chứng")
        self.assertFalse(RecommendationEvent.objects.exists())

    def test_an_answer_is_recorded_and_sent_for_review(self):
        response = self.client.post(
            self.url(),
            {
                "kind": "response",
                "occurred_on": "02/02/2026",
                "response_status": "agreed",
                "note": "Đồng ý",
                "submit_for_review": "on",
            },
        )
        self.assertRedirects(response, self.url())
        event = RecommendationEvent.objects.get()
        self.assertEqual((event.recorded_by, event.recorded_by_name), (self.editor, "bientap"))
        self.recommendation.refresh_from_db()
        self.assertIsNone(self.recommendation.events_through)  # the live page does not show it yet
        self.assertEqual(
            self.recommendation.get_latest_revision_as_object().events_through, event.pk
        )
        self.assertTrue(
            WorkflowState.objects.filter(
                object_id=str(self.recommendation.pk), status="in_progress"
            ).exists()
        )
        page = self.client.get(self.url())
        self.assertContains(page, "Chờ duyệt")

    def test_implemented_with_dated_evidence(self):
        evidence = LegalDocumentFactory()
        response = self.client.post(
            self.url(),
            {
                "kind": "implementation",
                "occurred_on": "02/03/2026",
                "implementation_status": "implemented",
                "source_document": evidence.pk,
            },
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(RecommendationEvent.objects.get().source_document, evidence)

    def test_a_recommendation_with_history_is_not_deleted(self):
        self.client.post(self.url(), {"kind": "pause", "occurred_on": "02/02/2026"})
        response = self.client.post(
            reverse("wagtailadmin_pages:delete", args=[self.recommendation.pk])
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(
            type(self.recommendation).objects.filter(pk=self.recommendation.pk).exists()
        )


class DraftFromArticleTests(AdminTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        section = SectionPageFactory(parent=site_home())
        cls.unit = AgencyFactory(
            code="quan-uy-hk",
            name="Ban Thường vụ Quận ủy Hoàn Kiếm",
            kind="dang",
            aliases="Quận ủy Hoàn Kiếm",
        )
        cls.body = AgencyFactory(
            code="thuong-truc-hdnd", name="Thường trực HĐND thành phố", kind="hdnd"
        )
        cls.article = ArticlePageFactory(
            parent=section,
            title="Đoàn kiểm tra làm việc với Quận ủy Hoàn Kiếm",
            event_date=datetime.date(2022, 5, 9),
            body=[
                (
                    "paragraph",
                    RichText(
                        "<p>Kiểm tra việc thực hiện Quy định số 55-QĐ/TƯ tại Quận ủy Hoàn Kiếm.</p>"
                    ),
                )
            ],
        )
        citations_refresh(article=cls.article)
        ActivityKindFactory(name="Kiểm tra")

    def test_the_article_offers_the_action(self):
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.article.pk]))
        self.assertContains(
            response, reverse("oversight_admin:activity_from_article", args=[self.article.pk])
        )

    def test_a_prefilled_draft_is_created(self):
        url = reverse("oversight_admin:activity_from_article", args=[self.article.pk])
        self.assertContains(self.client.get(url), "Tạo bản nháp")
        response = self.client.post(
            url,
            {
                "index": register_index().pk,
                "kind": ActivityKindFactory(name="Kiểm tra").pk,
                "supervising_body": self.body.pk,
            },
        )
        activity = ActivityPage.objects.get(title=self.article.title)
        self.assertRedirects(
            response,
            reverse("wagtailadmin_pages:edit", args=[activity.pk]),
            fetch_redirect_response=False,
        )
        self.assertFalse(activity.live)
        self.assertEqual(activity.start_date, datetime.date(2022, 5, 9))
        self.assertEqual([d.document.symbol for d in activity.documents.all()], ["55-QĐ/TW"])
        self.assertEqual(list(activity.supervised_units.all()), [self.unit])
        self.assertEqual([a.article_id for a in activity.articles.all()], [self.article.pk])
        self.assertTrue(activity.reference.startswith("GS-2022-"))

    def test_missing_choice_is_reported(self):
        url = reverse("oversight_admin:activity_from_article", args=[self.article.pk])
        response = self.client.post(url, {"index": register_index().pk})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(ActivityPage.objects.filter(title=self.article.title).exists())
