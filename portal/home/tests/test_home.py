from django.test import TestCase

from portal.demo.articles import SECTIONS
from portal.demo.content import SEED_SLUG
from portal.demo.testing import load_demo_content
from portal.news.models import ArticlePage


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
