from django.test import TestCase

from wagtail.models import Site

from portal.home.demo import SEED_SLUG, load_demo_content
from portal.home.demo.articles import ARTICLES, SECTIONS
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


class HomePageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo_content()
        cls.seed = ArticlePage.objects.get(slug=SEED_SLUG)

    def test_home_shows_the_featured_seed_article_and_every_section(self):
        response = self.client.get("/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["featured_article"].pk, self.seed.pk)
        self.assertContains(response, self.seed.url)
        for _slug, title, _intro in SECTIONS:
            self.assertContains(response, title)

    def test_sections_show_their_latest_articles_newest_first(self):
        response = self.client.get("/")
        for section, articles in response.context["section_blocks"]:
            dates = [article.first_published_at for article in articles]
            self.assertEqual(dates, sorted(dates, reverse=True), section.title)
            for article in articles:
                self.assertEqual(article.get_parent().pk, section.pk)

    def test_banner_navigation_and_footer(self):
        html = self.client.get("/").content.decode()
        self.assertIn('<html lang="vi">', html)
        self.assertIn("Đoàn Đại biểu Quốc hội và Hội đồng nhân dân thành phố Hà Nội", html)
        self.assertIn('aria-label="Chuyên mục"', html)
        self.assertIn("Cơ quan chủ quản", html)
        self.assertIn("Địa chỉ:", html)
        self.assertIn("Điện thoại:", html)
        self.assertIn("mailto:", html)

    def test_unknown_page_is_a_vietnamese_404(self):
        response = self.client.get("/khong-ton-tai/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "Không tìm thấy trang", status_code=404)
