"""The results page and the header search box: markup, messages, filters, bad input."""

import datetime

from django.test import TestCase

from portal.demo.testing import load_demo_content
from portal.search.services import search_index_store

URL = "/tim-kiem/"


class SearchPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo_content()
        for index in range(25):
            search_index_store(
                kind="article",
                object_id=500_000 + index,
                entry={
                    "title": f"Tiếp xúc cử tri phường Quảng An lần {index + 1}",
                    "body": "Cử tri phường Quảng An kiến nghị về giao thông.",
                    "url": f"/tiep-xuc-cu-tri/quang-an-{index}/",
                    "section": "tiep-xuc-cu-tri",
                    "section_label": "Tiếp xúc cử tri",
                    "date": datetime.date(2025, 1, 1) + datetime.timedelta(days=index),
                },
            )

    def test_every_page_has_the_header_search_box(self):
        html = self.client.get("/").content.decode()
        self.assertIn('role="search"', html)
        self.assertIn('action="/tim-kiem/"', html)
        self.assertIn('type="search" name="q"', html)
        self.assertIn(">Tìm kiếm</button>", html)

    def test_unaccented_query_shows_the_seed_first_with_highlights(self):
        response = self.client.get(URL, {"q": "kiem tra quan uy hoan kiem"})
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn('id="search-results"', html)
        first = html.index('class="search-result ')
        self.assertIn(
            "doan-kiem-tra-so-2-lam-viec-voi-quan-uy-hoan-kiem", html[first : first + 400]
        )
        self.assertIn("<mark>Hoàn</mark> <mark>Kiếm</mark>", html)
        self.assertIn("09/05/2022", html)
        self.assertIn("Tin tức – Sự kiện", html)

    def test_empty_query_asks_for_keywords(self):
        for params in ({}, {"q": ""}, {"q": "   "}, {"q": "?!.,;"}):
            with self.subTest(params=params):
                response = self.client.get(URL, params)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "Nhập từ khóa để tìm kiếm")

    def test_no_results_message_escapes_the_query(self):
        response = self.client.get(URL, {"q": "<script>qqzx</script>"})
        self.assertContains(response, "Không tìm thấy kết quả nào cho “&lt;script&gt;qqzx")
        self.assertNotContains(response, "<script>qqzx")

    def test_fts_syntax_and_very_long_queries_never_fail(self):
        for q in [
            '"',
            "AND OR NOT",
            "NEAR(a b)",
            "a* -b",
            "{title}:x",
            "'; DROP TABLE x; --",
            "kiểm " * 3000,
        ]:
            with self.subTest(q=q[:20]):
                self.assertEqual(self.client.get(URL, {"q": q}).status_code, 200)

    def test_pagination_keeps_the_query_and_filters(self):
        response = self.client.get(URL, {"q": '"quang an"', "section": "tiep-xuc-cu-tri"})
        html = response.content.decode()
        self.assertEqual(html.count('class="search-result '), 10)
        self.assertIn("Trang 1/3", html)
        self.assertIn("q=%22quang+an%22&amp;section=tiep-xuc-cu-tri&amp;page=2", html)
        page3 = self.client.get(
            URL, {"q": '"quang an"', "section": "tiep-xuc-cu-tri", "page": "3"}
        ).content.decode()
        self.assertEqual(page3.count('class="search-result '), 5)
        self.assertEqual(self.client.get(URL, {"q": '"quang an"', "page": "abc"}).status_code, 200)
        self.assertEqual(self.client.get(URL, {"q": '"quang an"', "page": "999"}).status_code, 200)

    def test_sort_by_date_and_date_range_filter(self):
        html = self.client.get(
            URL,
            {"q": "quang an", "sort": "date", "date_from": "20/01/2025", "date_to": "2025-01-25"},
        ).content.decode()
        self.assertEqual(html.count('class="search-result '), 6)
        self.assertLess(html.index("lần 25"), html.index("lần 20"))

    def test_invalid_filters_get_a_vietnamese_message_and_the_search_still_runs(self):
        response = self.client.get(
            URL, {"q": "quang an", "date_from": "31/02/2025", "kind": "zzz", "sort": "x"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Ngày không hợp lệ (nhập theo dạng 31/12/2024).")
        self.assertContains(response, "Lựa chọn không hợp lệ.")
        self.assertContains(response, 'value="31/02/2025"')
        self.assertContains(response, 'class="search-result ', count=10)

    def test_reversed_date_range_is_explained(self):
        response = self.client.get(
            URL, {"q": "quang an", "date_from": "2025-02-01", "date_to": "2025-01-01"}
        )
        self.assertContains(response, "“Đến ngày” phải sau “Từ ngày”.")

    def test_kind_filter_lists_registered_types(self):
        html = self.client.get(URL, {"q": "quang an", "kind": "article"}).content.decode()
        self.assertIn('<option value="article" selected>Tin bài</option>', html)
        self.assertIn('class="search-result ', html)
