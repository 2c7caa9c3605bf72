from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from wagtail.models import Site

from portal.demo.articles import ARTICLES, SECTIONS
from portal.demo.content import load_demo_content
from portal.home.models import HomePage
from portal.news.models import ArticlePage, SectionPage


class DemoContentTests(TestCase):
    def test_loading_twice_creates_nothing_new(self):
        first = load_demo_content()
        self.assertEqual(first["sections"], len(SECTIONS))
        self.assertEqual(first["articles"], len(ARTICLES) + 1)
        counts = (
            HomePage.objects.count(),
            SectionPage.objects.count(),
            ArticlePage.objects.count(),
        )
        second = load_demo_content()
        self.assertEqual(set(second.values()), {0}, second)
        self.assertEqual(
            counts,
            (HomePage.objects.count(), SectionPage.objects.count(), ArticlePage.objects.count()),
        )

    def test_site_root_is_the_home_page(self):
        load_demo_content()
        site = Site.objects.get(is_default_site=True)
        self.assertIsInstance(site.root_page.specific, HomePage)

    def test_the_command_loads_then_reports_nothing_new(self):
        out = StringIO()
        call_command("load_demo_content", stdout=out)
        self.assertIn(
            f"tạo mới {len(SECTIONS)} chuyên mục, {len(ARTICLES) + 1} tin bài", out.getvalue()
        )
        out = StringIO()
        call_command("load_demo_content", stdout=out)
        self.assertIn(
            "tạo mới 0 chuyên mục, 0 tin bài, 0 liên kết website, 0 cuộc bình chọn", out.getvalue()
        )
