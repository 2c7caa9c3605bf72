import datetime
import re
import zoneinfo
from pathlib import Path

from django.test import TestCase
from django.utils.html import strip_tags

from wagtail.rich_text import RichText

from portal.core.testing.pages import ArticlePageFactory, SectionPageFactory, site_home
from portal.demo.content import SEED_SLUG
from portal.demo.testing import load_demo_content
from portal.news.models import SECTION_PAGE_SIZE, ArticlePage

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
SEED_PARAGRAPH_STARTS = [
    "Sáng 9/5/2022, đoàn kiểm tra số 2",
    "Đồng chí Nguyễn Ngọc Tuấn, Phó Bí thư Thành ủy",
    "Báo cáo với đoàn kiểm tra",
    "Đặc biệt, công tác nâng cao",
    "Đáng chú ý, công tác giáo dục",
    "Kết quả cụ thể, năm 2021",
    "Tuy nhiên, việc nghiên cứu",
    "Sau khi nghe thành viên đoàn",
    "Đồng chí Nguyễn Ngọc Tuấn nhấn mạnh",
    "Về những tồn tại, hạn chế",
    "Về nhiệm vụ trong thời gian tới",
    "Đồng chí Nguyễn Ngọc Tuấn yêu cầu Quận ủy Hoàn Kiếm thường xuyên",
]
WIDGET_TEXT = [
    "lượt đánh giá",
    "Mã xác thực không đúng",
    "Liên kết website",
    "người đã bình chọn",
    "3.137.287",
    "Online: 54",
]


def _article_html(html: str) -> str:
    match = re.search(r'<article class="article".*?</article>', html, re.S)
    assert match, "the page has no article element"
    return match.group(0)


class SeedArticleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo_content()
        cls.article = ArticlePage.objects.get(slug=SEED_SLUG)

    def test_body_is_twelve_paragraphs_with_the_caption_after_the_second(self):
        kinds = [block.block_type for block in self.article.body]
        self.assertEqual(kinds.count("paragraph"), 12)
        self.assertEqual(kinds.count("image"), 1)
        self.assertEqual(kinds.index("image"), 2)
        caption = self.article.body[2].value["caption"]
        self.assertEqual(caption, "Đồng chí Nguyễn Ngọc Tuấn phát biểu tại buổi kiểm tra")
        self.assertNotIn("\u00a0", caption)

    def test_paragraphs_are_the_seed_paragraphs_in_order(self):
        paragraphs = [
            strip_tags(block.value.source)
            for block in self.article.body
            if block.block_type == "paragraph"
        ]
        for paragraph, start in zip(paragraphs, SEED_PARAGRAPH_STARTS, strict=True):
            self.assertTrue(paragraph.startswith(start), paragraph[:60])

    def test_byline_event_date_and_no_widget_text(self):
        self.assertEqual(self.article.byline, "Nguyễn Hợp")
        self.assertEqual(self.article.event_date, datetime.date(2022, 5, 9))
        self.assertEqual(self.article.event_part_of_day, "sáng")
        text = self.article.plain_text()
        for widget in WIDGET_TEXT:
            self.assertNotIn(widget, text)

    def test_page_renders_caption_byline_and_date(self):
        response = self.client.get(self.article.url)
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        article = _article_html(html)
        self.assertIn(
            '<figcaption class="figure__caption">Đồng chí Nguyễn Ngọc Tuấn phát biểu tại buổi kiểm tra',
            article,
        )
        self.assertIn('<p class="article__byline">Nguyễn Hợp</p>', article)
        self.assertIn("Thứ Hai, 09/05/2022 15:30", article)
        self.assertEqual(article.count('<div class="para">'), 12)
        # The caption sits between the second and third paragraphs.
        second = article.index("Trưởng đoàn kiểm tra chủ trì")
        caption = article.index("phát biểu tại buổi kiểm tra</figcaption>")
        third = article.index("Báo cáo với đoàn kiểm tra")
        self.assertLess(second, caption)
        self.assertLess(caption, third)
        for widget in WIDGET_TEXT[1:]:
            self.assertNotIn(widget, article)

    def test_page_has_print_and_text_size_tools(self):
        html = self.client.get(self.article.url).content.decode()
        self.assertIn("data-print", html)
        self.assertIn('data-text-size="1"', html)
        stylesheet = Path("portal/static/css/portal.css").read_text(encoding="utf-8")
        self.assertIn("@media print", stylesheet)

    def test_related_articles_come_from_the_same_section(self):
        related = list(self.article.related_articles())
        self.assertTrue(related)
        for other in related:
            self.assertEqual(other.get_parent().pk, self.article.get_parent().pk)
            self.assertNotEqual(other.pk, self.article.pk)
        html = self.client.get(self.article.url).content.decode()
        self.assertIn("Tin cùng chuyên mục", html)
        self.assertIn(related[0].title, html)


class ArticleBlockTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = SectionPageFactory(parent=site_home(), title="Thử nghiệm", slug="thu-nghiem")

    def test_image_block_without_an_image_still_shows_its_caption(self):
        article = ArticlePageFactory(
            parent=self.section,
            body=[
                ("paragraph", RichText("<p>Mở đầu.</p>")),
                ("image", {"image": None, "caption": "Quang cảnh buổi làm việc", "credit": ""}),
                ("quote", {"text": "Dân biết, dân bàn", "attribution": "Đại biểu"}),
            ],
        )
        html = self.client.get(article.url).content.decode()
        self.assertIn("figure--no-image", html)
        self.assertIn("Quang cảnh buổi làm việc</figcaption>", html)
        self.assertIn("Dân biết, dân bàn", html)

    def test_lead_and_title_are_escaped(self):
        article = ArticlePageFactory(
            parent=self.section, title="<b>Tiêu đề</b>", lead="<script>x()</script>"
        )
        html = self.client.get(article.url).content.decode()
        self.assertNotIn("<script>x()</script>", html)
        self.assertIn("&lt;script&gt;x()&lt;/script&gt;", html)


class SectionPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = SectionPageFactory(parent=site_home(), title="Kỳ họp", slug="ky-hop")
        cls.articles = []
        for day in range(1, SECTION_PAGE_SIZE + 4):
            article = ArticlePageFactory(parent=cls.section, title=f"Tin ngày {day:02d}")
            published = datetime.datetime(2026, 10, day, 9, 0, tzinfo=HANOI)
            ArticlePage.objects.filter(pk=article.pk).update(first_published_at=published)
            cls.articles.append(article)
        cls.draft = ArticlePageFactory(parent=cls.section, title="Tin nháp", live=False)

    def test_first_page_is_newest_first_and_paginated(self):
        response = self.client.get(self.section.url)
        self.assertEqual(response.status_code, 200)
        page = response.context["articles"]
        titles = [article.title for article in page]
        self.assertEqual(len(titles), SECTION_PAGE_SIZE)
        self.assertEqual(titles[0], f"Tin ngày {SECTION_PAGE_SIZE + 3:02d}")
        self.assertEqual(titles, sorted(titles, reverse=True))
        self.assertContains(response, "Trang sau")

    def test_second_page_and_bad_page_numbers(self):
        second = self.client.get(self.section.url + "?page=2")
        self.assertEqual([a.title for a in second.context["articles"]][-1], "Tin ngày 01")
        for bad in ("abc", "-1", "99999", "1e9"):
            response = self.client.get(self.section.url, {"page": bad})
            self.assertEqual(response.status_code, 200, bad)

    def test_drafts_are_not_listed(self):
        response = self.client.get(self.section.url + "?page=2")
        self.assertNotContains(response, "Tin nháp")
