import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from portal.comments.models import Comment, CommentStatus
from portal.comments.tests.factories import CommentFactory
from portal.core.editorial import EDITOR, REPORTER, editorial_setup
from portal.core.testing.pages import published_article


def bulk_url(action: str, *comments: Comment, next_url: str = "") -> str:
    url = reverse("wagtail_bulk_action", args=("comments", "comment", action))
    query = "&".join(f"id={comment.pk}" for comment in comments)
    if next_url:
        query += f"&next={next_url}"
    return f"{url}?{query}"


class CommentModerationAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        editorial_setup()
        cls.article = published_article()
        cls.editor = get_user_model().objects.create_user("bientap", password="x")
        cls.editor.groups.add(Group.objects.get(name=EDITOR))
        cls.reporter = get_user_model().objects.create_user("phongvien", password="x")
        cls.reporter.groups.add(Group.objects.get(name=REPORTER))

    def setUp(self):
        self.client.force_login(self.editor)
        self.first = CommentFactory(article=self.article, text="Ý kiến thứ nhất")
        self.second = CommentFactory(article=self.article, text="Ý kiến thứ hai")
        self.third = CommentFactory(article=self.article, text="Ý kiến thứ ba")

    def public_page(self) -> str:
        self.client.logout()
        html = self.client.get(self.article.url).content.decode()
        self.client.force_login(self.editor)
        return html

    def test_pending_comments_are_not_shown(self):
        html = self.public_page()
        self.assertIn("Bình luận (0)", html)
        self.assertNotIn("Ý kiến thứ nhất", html)

    def test_listing_shows_columns_filters_and_moderation_buttons(self):
        index = reverse("wagtailsnippets_comments_comment:list")
        response = self.client.get(index)
        html = response.content.decode()
        self.assertEqual(response.status_code, 200)
        for text in ("Ý kiến thứ nhất", "Trạng thái", "Tin bài", "Ngày gửi", "Chờ duyệt", "Duyệt"):
            self.assertIn(text, html)
        self.assertIn(bulk_url("approve", self.first).split("?")[0], html)
        CommentFactory(article=self.article, text="Quảng cáo", status=CommentStatus.SPAM)
        filtered = self.client.get(index, {"status": "pending"}).content.decode()
        self.assertIn("Ý kiến thứ nhất", filtered)
        self.assertNotIn("Quảng cáo", filtered)
        by_article = self.client.get(index, {"article": self.article.pk}).content.decode()
        self.assertIn("Ý kiến thứ hai", by_article)
        long_ago = self.client.get(
            index, {"created_at_from": "01/01/2000", "created_at_to": "02/01/2000"}
        ).content.decode()
        self.assertNotIn("Ý kiến thứ hai", long_ago)
        today = timezone.localdate().strftime("%d/%m/%Y")
        recent = self.client.get(
            index, {"created_at_from": today, "created_at_to": today}
        ).content.decode()
        self.assertIn("Ý kiến thứ hai", recent)

    def test_approving_one_comment_shows_it_on_the_article(self):
        confirm = self.client.get(bulk_url("approve", self.first))
        self.assertEqual(confirm.status_code, 200)
        self.assertContains(confirm, "Duyệt và hiển thị các bình luận này?")
        response = self.client.post(bulk_url("approve", self.first))
        self.assertEqual(response.status_code, 302)
        self.first.refresh_from_db()
        self.assertEqual(self.first.status, CommentStatus.APPROVED)
        self.assertEqual(self.first.moderated_by, self.editor)
        self.assertIsNotNone(self.first.moderated_at)
        html = self.public_page()
        self.assertIn("Bình luận (1)", html)
        self.assertIn("Ý kiến thứ nhất", html)
        self.assertNotIn("Ý kiến thứ hai", html)

    def test_bulk_approve_shows_all_selected(self):
        response = self.client.post(bulk_url("approve", self.first, self.second))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(
            set(Comment.objects.approved().values_list("pk", flat=True)),
            {self.first.pk, self.second.pk},
        )
        html = self.public_page()
        self.assertIn("Bình luận (2)", html)
        self.assertNotIn("Ý kiến thứ ba", html)

    def test_rejected_and_spam_comments_are_not_shown(self):
        self.client.post(bulk_url("approve", self.first, self.second, self.third))
        self.client.post(bulk_url("reject", self.first))
        self.client.post(bulk_url("spam", self.second, self.third))
        self.first.refresh_from_db()
        self.second.refresh_from_db()
        self.assertEqual(self.first.status, CommentStatus.REJECTED)
        self.assertEqual(self.second.status, CommentStatus.SPAM)
        html = self.public_page()
        self.assertIn("Bình luận (0)", html)
        for text in ("Ý kiến thứ nhất", "Ý kiến thứ hai", "Ý kiến thứ ba"):
            self.assertNotIn(text, html)

    def test_dashboard_and_menu_show_the_pending_count(self):
        html = self.client.get(reverse("wagtailadmin_home")).content.decode()
        self.assertIn("3 bình luận chờ duyệt", html)
        self.assertIn('data-pending-comments="3"', html)
        # The sidebar menu is rendered as JSON (non-ASCII escaped).
        self.assertIn(json.dumps("Bình luận (3 chờ)")[1:-1], html)
        self.client.post(bulk_url("approve", self.first))
        html = self.client.get(reverse("wagtailadmin_home")).content.decode()
        self.assertIn("2 bình luận chờ duyệt", html)

    def test_a_reporter_cannot_approve(self):
        self.client.force_login(self.reporter)
        self.client.post(bulk_url("approve", self.first))
        self.first.refresh_from_db()
        self.assertEqual(self.first.status, CommentStatus.PENDING)
        html = self.client.get(reverse("wagtailadmin_home")).content.decode()
        self.assertNotIn("bình luận chờ duyệt", html)
