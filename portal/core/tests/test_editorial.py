"""The review workflow: a reporter cannot publish; approval publishes; scheduling works."""

import datetime
import io
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Collection, GroupCollectionPermission, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from portal.accounts.testing import force_login_verified
from portal.core.editorial import (
    ADMINISTRATOR,
    APPROVER,
    EDITOR,
    REPORTER,
    WORKFLOW_NAME,
    editorial_setup,
)
from portal.demo.testing import load_demo_content
from portal.news.models import ArticlePage, SectionPage

User = get_user_model()


def _user(username: str, group: str):
    user = User.objects.create_user(username=username, password="mat-khau-thu-nghiem")
    user.groups.add(Group.objects.get(name=group))
    return user


def _article_form(title: str, slug: str, action: str | None = None) -> dict:
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "lead": "Sapo thử nghiệm.",
            "event_date": "",
            "event_part_of_day": "",
            "body": streamfield([("paragraph", rich_text("<p>Nội dung tin bài.</p>"))]),
            "byline": "Phóng viên A",
            "tags": "",
            "seo_title": "",
            "search_description": "",
        }
    )
    if action:
        data[action] = "1"
    return data


class EditorialWorkflowTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo_content()
        cls.workflow = editorial_setup()
        cls.section = SectionPage.objects.get(slug="tin-tuc-su-kien")
        cls.reporter = _user("phongvien", REPORTER)
        cls.editor = _user("bientap", EDITOR)
        cls.approver = _user("lanhdao", APPROVER)
        cls.administrator = _user("quantri", ADMINISTRATOR)

    def _add_url(self) -> str:
        return reverse("wagtailadmin_pages:add", args=("news", "articlepage", self.section.pk))

    def test_setup_is_idempotent_and_has_two_steps(self):
        again = editorial_setup()
        self.assertEqual(again.pk, self.workflow.pk)
        self.assertEqual(again.name, WORKFLOW_NAME)
        self.assertEqual([task.name for task in again.tasks], ["Biên tập", "Lãnh đạo duyệt"])
        self.assertEqual(
            Group.objects.filter(name__in=[REPORTER, EDITOR, APPROVER, ADMINISTRATOR]).count(), 4
        )
        self.assertEqual(self.section.get_workflow().pk, self.workflow.pk)

    def test_permissions_per_role(self):
        article = ArticlePage.objects.child_of(self.section).first()
        self.assertFalse(article.permissions_for_user(self.reporter).can_publish())
        self.assertFalse(article.permissions_for_user(self.editor).can_publish())
        self.assertTrue(article.permissions_for_user(self.editor).can_edit())
        self.assertTrue(article.permissions_for_user(self.approver).can_publish())
        self.assertTrue(article.permissions_for_user(self.administrator).can_publish())

    def test_reporter_is_refused_publish(self):
        self.client.force_login(self.reporter)
        response = self.client.post(
            self._add_url(), _article_form("Tin phóng viên", "tin-phong-vien", "action-publish")
        )
        self.assertIn(response.status_code, (200, 302, 403))
        page = ArticlePage.objects.filter(slug="tin-phong-vien").first()
        if page is not None:
            self.assertFalse(page.live)
        self.assertFalse(ArticlePage.objects.filter(slug="tin-phong-vien", live=True).exists())

    def test_reporter_submits_editor_reviews_approver_publishes(self):
        self.client.force_login(self.reporter)
        response = self.client.post(
            self._add_url(),
            _article_form("Tin qua quy trình", "tin-qua-quy-trinh", "action-submit"),
        )
        self.assertEqual(response.status_code, 302, response.content[:500])
        page = ArticlePage.objects.get(slug="tin-qua-quy-trinh")
        self.assertFalse(page.live)
        state = WorkflowState.objects.get(
            object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS
        )
        self.assertEqual(state.current_task_state.task.name, "Biên tập")

        # The reporter may not approve their own work.
        response = self.client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=(page.pk, "approve", state.current_task_state.pk),
            ),
            {"comment": ""},
        )
        state.refresh_from_db()
        self.assertEqual(state.current_task_state.task.name, "Biên tập")

        self.client.force_login(self.editor)
        self.client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=(page.pk, "approve", state.current_task_state.pk),
            ),
            {"comment": "Đã biên tập."},
        )
        state.refresh_from_db()
        page.refresh_from_db()
        self.assertEqual(state.current_task_state.task.name, "Lãnh đạo duyệt")
        self.assertFalse(page.live, "the editor's review alone must not publish")

        force_login_verified(self.client, self.approver)
        self.client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=(page.pk, "approve", state.current_task_state.pk),
            ),
            {"comment": "Đồng ý đăng."},
        )
        state.refresh_from_db()
        page.refresh_from_db()
        self.assertEqual(state.status, WorkflowState.STATUS_APPROVED)
        self.assertTrue(page.live)
        self.assertEqual(self.client.get(page.url).status_code, 200)

    def test_approver_can_request_changes(self):
        self.client.force_login(self.reporter)
        self.client.post(
            self._add_url(), _article_form("Tin cần sửa", "tin-can-sua", "action-submit")
        )
        page = ArticlePage.objects.get(slug="tin-can-sua")
        state = WorkflowState.objects.get(
            object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS
        )
        self.client.force_login(self.editor)
        self.client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=(page.pk, "reject", state.current_task_state.pk),
            ),
            {"comment": "Bổ sung nguồn tin."},
        )
        state.refresh_from_db()
        page.refresh_from_db()
        self.assertEqual(state.status, WorkflowState.STATUS_NEEDS_CHANGES)
        self.assertFalse(page.live)


def _png() -> bytes:
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


class EditorUploadTests(TestCase):
    """Every editorial role can upload and choose images and documents (not only superusers)."""

    @classmethod
    def setUpTestData(cls):
        editorial_setup()
        cls.users = {
            name: _user(f"tai-len-{index}", name)
            for index, name in enumerate((REPORTER, EDITOR, APPROVER, ADMINISTRATOR))
        }

    def test_each_role_uploads_an_image_and_a_document_and_can_choose_them(self):
        from django.core.files.uploadedfile import SimpleUploadedFile

        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model

        for name, user in self.users.items():
            with self.subTest(role=name):
                force_login_verified(self.client, user)
                for url in ("wagtailimages:add", "wagtaildocs:add"):
                    self.assertEqual(self.client.get(reverse(url)).status_code, 200, url)
                response = self.client.post(
                    reverse("wagtailimages:add"),
                    {
                        "title": f"Ảnh {name}",
                        "file": SimpleUploadedFile("anh.png", _png(), "image/png"),
                        "collection": Collection.get_first_root_node().pk,
                        "tags": "",
                        "credit": "",
                    },
                )
                self.assertEqual(response.status_code, 302, response.content[:300])
                self.assertTrue(get_image_model().objects.filter(title=f"Ảnh {name}").exists())
                response = self.client.post(
                    reverse("wagtaildocs:add"),
                    {
                        "title": f"Tệp {name}",
                        "file": SimpleUploadedFile(
                            "tep.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"
                        ),
                        "collection": Collection.get_first_root_node().pk,
                        "tags": "",
                    },
                )
                self.assertEqual(response.status_code, 302, response.content[:300])
                self.assertTrue(get_document_model().objects.filter(title=f"Tệp {name}").exists())
                for url in ("wagtailimages_chooser:choose", "wagtaildocs_chooser:choose"):
                    self.assertEqual(self.client.get(reverse(url)).status_code, 200, url)

    def test_setup_replaces_the_codenames_wagtail_never_consults(self):
        reporters = Group.objects.get(name=REPORTER)
        codenames = set(
            GroupCollectionPermission.objects.filter(group=reporters).values_list(
                "permission__content_type__app_label", "permission__codename"
            )
        )
        self.assertEqual(
            codenames,
            {
                ("wagtailimages", "add_image"),
                ("wagtailimages", "choose_image"),
                ("wagtaildocs", "add_document"),
                ("wagtaildocs", "choose_document"),
            },
        )


class ScheduledPublishingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo_content()
        editorial_setup()
        cls.section = SectionPage.objects.get(slug="ky-hop-hdnd")

    def test_a_scheduled_article_appears_on_time_through_the_scheduler(self):
        article = ArticlePage(title="Tin hẹn giờ", slug="tin-hen-gio", live=False)
        self.section.add_child(instance=article)
        go_live = timezone.now() + datetime.timedelta(seconds=2)
        article.go_live_at = go_live
        revision = article.save_revision()
        revision.publish()
        article.refresh_from_db()
        revision.refresh_from_db()
        self.assertFalse(article.live)
        self.assertEqual(revision.approved_go_live_at, go_live)

        call_command("run_scheduler", "--once", stdout=io.StringIO())
        article.refresh_from_db()
        self.assertFalse(article.live, "published before its time")
        self.assertEqual(self.client.get("/ky-hop-hdnd/tin-hen-gio/").status_code, 404)

        time.sleep(max(0.0, (go_live - timezone.now()).total_seconds()) + 0.2)
        call_command("run_scheduler", "--once", stdout=io.StringIO())
        article.refresh_from_db()
        self.assertTrue(article.live)
        self.assertEqual(self.client.get("/ky-hop-hdnd/tin-hen-gio/").status_code, 200)
