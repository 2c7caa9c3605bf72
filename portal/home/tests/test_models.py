"""The home page: what it lists, and that listing more articles costs no more queries."""

import datetime

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

from portal.core.testing.pages import published_article
from portal.demo.testing import load_demo_content
from portal.news.models import ArticlePage, SectionPage


def add_article(section: SectionPage, slug: str, title: str, days_ahead: int) -> ArticlePage:
    """A live article published `days_ahead` days after the newest demo article."""
    article = published_article(section, title=title, slug=slug, lead="Tin thử.")
    published = timezone.now() + datetime.timedelta(days=days_ahead)
    ArticlePage.objects.filter(pk=article.pk).update(first_published_at=published)
    return article


class HomePageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo_content()
        cls.sections = list(SectionPage.objects.order_by("path"))

    def home_queries(self) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get("/")
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def test_queries_do_not_grow_with_the_number_of_articles_listed(self):
        self.client.get("/")
        before = self.home_queries()
        for section in self.sections[:3]:
            for number in range(3):
                add_article(section, f"{section.slug}-them-{number}", f"Tin thêm {number}", 1)

        after = self.home_queries()

        self.assertEqual(after, before)

    def test_each_section_block_lists_its_newest_articles(self):
        section = self.sections[1]
        newest = add_article(section, "tin-moi-nhat-khoi", "Tin mới nhất của khối", 2)

        response = self.client.get("/")

        blocks = dict(response.context["section_blocks"])
        listed = [article.pk for article in blocks[section]]
        self.assertEqual(listed[0], newest.pk)
        self.assertTrue(all(article.get_parent().pk == section.pk for article in blocks[section]))
        self.assertContains(response, "Tin mới nhất của khối")

    def test_an_article_behind_a_view_restriction_is_not_listed(self):
        section = self.sections[0]
        private = add_article(section, "tin-noi-bo", "Tin nội bộ không công khai", 3)
        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
        )
        public = add_article(section, "tin-cong-khai", "Tin công khai mới", 2)

        response = self.client.get("/")

        self.assertNotContains(response, "Tin nội bộ không công khai")
        self.assertContains(response, "Tin công khai mới")
        blocks = dict(response.context["section_blocks"])
        self.assertEqual(blocks[section][0].pk, public.pk)
