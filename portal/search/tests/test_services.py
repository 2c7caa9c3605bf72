"""The index follows the pages: publish, edit, unpublish, move, delete, rebuild."""

from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from portal.core.testing.pages import published_article
from portal.demo.content import SEED_SLUG
from portal.demo.testing import load_demo_content
from portal.news.models import ArticlePage, SectionPage
from portal.search.models import SearchEntry
from portal.search.selectors import search_entries
from portal.search.services import search_index_rebuild, search_index_remove, search_index_update


def _titles(text):
    return [result.entry.title for result in search_entries(text)[0:10]]


class ArticleIndexingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo_content()
        cls.section = SectionPage.objects.get(slug="tin-tuc-su-kien")

    def _publish_article(
        self, title="Khảo sát nước sạch tại xã Minh Phú", slug="nuoc-sach-minh-phu"
    ):
        return published_article(
            self.section,
            title=title,
            slug=slug,
            lead="Đoàn khảo sát làm việc tại xã Minh Phú, huyện Sóc Sơn.",
            body=[("paragraph", RichText("<p>Cử tri phản ánh thiếu nước sạch vào mùa khô.</p>"))],
        )

    def test_demo_content_is_indexed_with_the_seed_article(self):
        seed = ArticlePage.objects.get(slug=SEED_SLUG)
        entry = SearchEntry.objects.get(kind="article", object_id=seed.pk)
        self.assertEqual(entry.url, seed.url)
        self.assertEqual(entry.section, "tin-tuc-su-kien")
        self.assertEqual(entry.date.isoformat(), "2022-05-09")
        self.assertEqual(_titles("kiem tra quan uy hoan kiem")[0], seed.title)

    def test_publishing_indexes_the_article(self):
        self._publish_article()
        self.assertEqual(_titles('"minh phu"'), ["Khảo sát nước sạch tại xã Minh Phú"])

    def test_a_draft_is_not_indexed_until_published(self):
        article = self._publish_article()
        article.title = "Khảo sát nước sạch tại xã Phù Linh"
        article.save_revision()
        self.assertEqual(_titles('"phu linh"'), [])
        article.get_latest_revision().publish()
        self.assertEqual(_titles('"phu linh"'), ["Khảo sát nước sạch tại xã Phù Linh"])
        self.assertFalse(SearchEntry.objects.filter(title__contains="Minh Phú").exists())

    def test_unpublishing_removes_the_article(self):
        article = self._publish_article()
        article.unpublish()
        self.assertEqual(_titles('"minh phu"'), [])

    def test_deleting_removes_the_article(self):
        article = self._publish_article()
        article.delete()
        self.assertEqual(_titles('"minh phu"'), [])
        self.assertFalse(SearchEntry.objects.filter(object_id=article.pk).exists())

    def test_moving_updates_the_address_and_section(self):
        article = self._publish_article()
        target = SectionPage.objects.get(slug="hoat-dong-giam-sat")
        article.move(target, pos="last-child")
        entry = SearchEntry.objects.get(kind="article", object_id=article.pk)
        self.assertEqual(entry.section, "hoat-dong-giam-sat")
        self.assertTrue(entry.url.startswith("/hoat-dong-giam-sat/"))

    def test_private_articles_are_not_indexed(self):
        article = self._publish_article()
        PageViewRestriction.objects.create(page=article, restriction_type="login")
        search_index_update(article)
        self.assertEqual(_titles('"minh phu"'), [])

    def test_update_and_remove_accept_a_base_page(self):
        article = self._publish_article()
        base = article.page_ptr
        self.assertTrue(search_index_remove(base))
        self.assertTrue(search_index_update(base))
        self.assertEqual(len(_titles('"minh phu"')), 1)

    def test_rebuild_restores_a_lost_index(self):
        SearchEntry.objects.all().delete()
        counts = search_index_rebuild()
        self.assertEqual(counts["article"], ArticlePage.objects.live().count())
        self.assertEqual(_titles("kiem tra quan uy hoan kiem")[0][:20], "Đoàn kiểm tra số 2 c")

    def test_rebuild_command_reports_counts_and_has_a_dry_run(self):
        out = StringIO()
        call_command("rebuild_search_index", "--dry-run", stdout=out)
        self.assertIn("Tin bài (article): 14 mục sẽ được lập chỉ mục.", out.getvalue())
        out = StringIO()
        call_command("rebuild_search_index", "article", stdout=out)
        self.assertIn("đã lập chỉ mục 14 mục", out.getvalue())
        self.assertIn("Đã tối ưu chỉ mục.", out.getvalue())
        self.assertEqual(SearchEntry.objects.filter(kind="article").count(), 14)
        self.assertEqual(_titles("kiem tra quan uy hoan kiem")[0][:20], "Đoàn kiểm tra số 2 c")
