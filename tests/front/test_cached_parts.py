"""The cached parts of shared pages (portal.core.fragments) follow every change of their content."""

import datetime
import re
from unittest import mock

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client, TestCase, override_settings
from django.utils import timezone

from wagtail.models import PageViewRestriction

from portal.comments.models import Comment, CommentStatus
from portal.comments.services import comment_moderate
from portal.core.models import PortalSettings
from portal.core.testing.pages import ArticlePageFactory, SectionPageFactory
from portal.demo.content import SEED_SLUG
from portal.demo.testing import load_demo_content
from portal.legal_documents.models import LegalDocument
from portal.links.models import WebsiteLink
from portal.news.models import ArticlePage, SectionPage
from portal.notices.models import MaintenanceNotice
from portal.polls.models import Poll
from portal.visits.services import visit_total_set


def _page(path: str) -> str:
    response = Client().get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


@override_settings(FRAGMENT_CACHE=True, PAGE_CACHE_APP_SECONDS=0)
class CachedPartsFollowContentTests(TestCase):
    """Each test warms the parts, changes content as an editor would, and reads the page again."""

    @classmethod
    def setUpTestData(cls):
        load_demo_content()
        cls.article = ArticlePage.objects.get(slug=SEED_SLUG)
        cls.section = cls.article.get_parent().specific
        cls.home = cls.section.get_parent().specific

    def setUp(self):
        cache.clear()

    def change(self):
        """Commit callbacks run (the content version is bumped), as after a real commit."""
        return self.captureOnCommitCallbacks(execute=True)

    def test_a_published_section_appears_in_every_pages_navigation(self):
        for path in ("/", self.section.url, self.article.url):
            _page(path)  # warm each page's navigation
        with self.change():
            SectionPageFactory(parent=self.home, title="Chuyên mục mới toanh", show_in_menus=True)
        for path in ("/", self.section.url, self.article.url):
            with self.subTest(path=path):
                self.assertIn("Chuyên mục mới toanh", _page(path))

    def test_a_published_article_appears_on_home_in_its_section_and_in_the_related_list(self):
        for path in ("/", self.section.url, self.article.url):
            self.assertNotIn("Bài mới cùng chuyên mục", _page(path))
        with self.change():
            article = ArticlePageFactory(parent=self.section, title="Bài mới cùng chuyên mục")
            ArticlePage.objects.filter(pk=article.pk).update(first_published_at=timezone.now())
        for path in ("/", self.section.url, self.article.url):
            with self.subTest(path=path):
                self.assertIn("Bài mới cùng chuyên mục", _page(path))

    def test_an_edited_link_shows_in_the_sidebar(self):
        link = WebsiteLink.objects.active().first()
        self.assertIn(link.name, _page(self.article.url))
        with self.change():
            link.name = "Cổng thông tin đã đổi tên"
            link.save()
        self.assertIn("Cổng thông tin đã đổi tên", _page(self.article.url))
        self.assertIn("Cổng thông tin đã đổi tên", _page("/"))

    def test_a_changed_poll_shows_in_the_sidebar(self):
        poll = Poll.objects.active().order_by("-created_at").first()
        self.assertIn(poll.question, _page(self.article.url))
        with self.change():
            poll.question = "Câu hỏi bình chọn đã sửa?"
            poll.save()
        self.assertIn("Câu hỏi bình chọn đã sửa?", _page(self.article.url))

    def test_an_approved_comment_shows_under_its_article(self):
        comment = Comment.objects.create(
            article=self.article, name="Cử tri", text="Ý kiến mới được duyệt", status="pending"
        )
        before = _page(self.article.url)
        self.assertNotIn("Ý kiến mới được duyệt", before)
        count = Comment.objects.approved().for_article(self.article).count()
        with self.change():
            comment_moderate(comments=[comment], status=CommentStatus.APPROVED)
        after = _page(self.article.url)
        self.assertIn("Ý kiến mới được duyệt", after)
        self.assertEqual(after.count('class="comment"'), before.count('class="comment"') + 1)
        self.assertEqual(Comment.objects.approved().for_article(self.article).count(), count + 1)

    def test_an_edited_article_body_and_tags_show_once_published(self):
        _page(self.article.url)
        with self.change():
            article = ArticlePage.objects.get(pk=self.article.pk)
            article.body[0].value.source = "<p>Đoạn mở đầu đã biên tập lại.</p>"
            article.tags.add("từ-khóa-mới")
            article.save_revision().publish()
        html = _page(self.article.url)
        self.assertIn("Đoạn mở đầu đã biên tập lại.", html)
        self.assertIn("từ-khóa-mới", html)

    def test_a_document_no_longer_matching_is_no_longer_linked_from_the_body(self):
        html = _page(self.article.url)
        links = re.findall(r'class="legal-ref" href="([^"]+)"', html)
        self.assertTrue(links, "the seed article links no document")
        document = next(d for d in LegalDocument.objects.all() if d.get_absolute_url() == links[0])
        with self.change():
            document.symbol = "999-QĐ/TW"  # corrected: the body's reference matches nothing now
            document.clean()
            document.save()
        self.assertNotIn(f'href="{links[0]}"', _page(self.article.url))

    def test_portal_settings_show_in_the_header_footer_and_title(self):
        _page(self.article.url)
        with self.change():
            portal = PortalSettings.load()
            portal.body_name = "Hội đồng nhân dân thành phố thử nghiệm"
            portal.responsible_office = "Văn phòng thử nghiệm"
            portal.save()
        html = _page(self.article.url)
        self.assertIn("<title>", html)
        self.assertIn("– Hội đồng nhân dân thành phố thử nghiệm</title>", html)
        self.assertIn('<span class="banner__name">Hội đồng nhân dân thành phố thử nghiệm', html)
        self.assertIn("<strong>Văn phòng thử nghiệm</strong>", html)

    def test_a_maintenance_notice_shows_on_every_page(self):
        _page(self.article.url)
        now = timezone.now()
        with self.change():
            MaintenanceNotice.objects.create(
                title="Bảo trì đêm nay",
                text="Hệ thống tạm dừng.",
                starts_at=now + datetime.timedelta(hours=1),
                ends_at=now + datetime.timedelta(hours=2),
                show_from=now - datetime.timedelta(minutes=1),
            )
        self.assertIn("Bảo trì đêm nay", _page(self.article.url))

    def test_an_unpublished_article_is_404_and_a_restricted_section_asks_for_its_password(self):
        self.assertEqual(Client().get(self.article.url).status_code, 200)
        with self.change():
            PageViewRestriction.objects.create(
                page=self.section, restriction_type=PageViewRestriction.PASSWORD, password="x"
            )
        restricted = Client().get(self.article.url)
        self.assertEqual(restricted.status_code, 200)
        self.assertIn('name="password"', restricted.content.decode())
        self.assertNotIn("Đồng chí Nguyễn Ngọc Tuấn", restricted.content.decode())
        with self.change():
            ArticlePage.objects.get(pk=self.article.pk).unpublish()
        self.assertEqual(Client().get(self.article.url).status_code, 404)

    def test_an_unpublished_page_is_404_even_before_the_version_moves(self):
        # The cached route only names the page; it is read again and must still be live.
        self.assertEqual(Client().get(self.article.url).status_code, 200)
        ArticlePage.objects.filter(pk=self.article.pk).update(live=False)
        self.assertEqual(Client().get(self.article.url).status_code, 404)

    def test_counts_refresh_every_time_bucket_without_a_content_change(self):
        visit_total_set(total=1234567)
        self.assertIn("1.234.567", _page(self.article.url))
        visit_total_set(total=7654321)  # a counter: no content version bump
        self.assertIn("1.234.567", _page(self.article.url), "the count was not cached")
        later = timezone.now() + datetime.timedelta(seconds=61)
        with mock.patch("django.utils.timezone.now", return_value=later):
            self.assertIn("7.654.321", _page(self.article.url))

    def test_only_shared_requests_use_the_cached_parts(self):
        link = WebsiteLink.objects.active().first()
        _page(self.article.url)
        WebsiteLink.objects.filter(pk=link.pk).update(name="Tên chưa công bố")  # no bump
        self.assertNotIn("Tên chưa công bố", _page(self.article.url))
        editor = Client()
        editor.force_login(get_user_model().objects.create_superuser("bientap", password="x"))
        self.assertIn("Tên chưa công bố", editor.get(self.article.url).content.decode())

    def test_a_failing_cache_means_rendering(self):
        broken = mock.Mock(**{"get.side_effect": ConnectionError("down")})
        with mock.patch("portal.core.fragments.cache", broken):
            html = _page(self.article.url)
        self.assertTrue(broken.get.called)
        self.assertIn("Đồng chí Nguyễn Ngọc Tuấn", html)


class FragmentsOffTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo_content()
        cls.section = SectionPage.objects.live().first()

    @override_settings(FRAGMENT_CACHE=False)
    def test_with_the_setting_off_every_part_is_rendered(self):
        cache.clear()
        link = WebsiteLink.objects.active().first()
        _page(self.section.url)
        WebsiteLink.objects.filter(pk=link.pk).update(name="Tên đọc trực tiếp")
        self.assertIn("Tên đọc trực tiếp", _page(self.section.url))


@override_settings(FRAGMENT_CACHE=True, PAGE_CACHE_APP_SECONDS=0)
class CachedRoutesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo_content()

    def setUp(self):
        cache.clear()

    def test_routable_pages_and_their_sub_routes_render_as_without_the_cache(self):
        for path in ("/giam-sat/", "/giam-sat/qua-han/"):
            with self.subTest(path=path):
                with override_settings(FRAGMENT_CACHE=False):
                    full = Client().get(path)
                self.assertEqual(full.status_code, 200)
                for _ in range(2):
                    response = Client().get(path)
                    self.assertEqual(response.status_code, 200)
                    self.assertEqual(response.content.decode(), full.content.decode())

    def test_an_unknown_address_is_404_and_is_not_kept(self):
        with mock.patch.object(cache, "set", wraps=cache.set) as stored:
            for _ in range(2):
                self.assertEqual(Client().get("/khong-co-trang-nay/").status_code, 404)
        kept = [call.args[0] for call in stored.call_args_list]
        self.assertFalse([key for key in kept if key.startswith("fragment:route:")], kept)
        with mock.patch.object(cache, "set", wraps=cache.set) as stored:
            Client().get("/tin-tuc-su-kien/")
        kept = [call.args[0] for call in stored.call_args_list]
        self.assertTrue([key for key in kept if key.startswith("fragment:route:")], kept)
