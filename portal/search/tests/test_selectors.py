"""The Vietnamese search behaviour, on whichever engine the suite runs (SQLite or PostgreSQL)."""

import datetime
import unicodedata

from django.test import SimpleTestCase, TestCase

from portal.search.analysis import analyse_text, fold_words, parse_query
from portal.search.backends import _bonus
from portal.search.selectors import search_entries
from portal.search.services import search_index_remove, search_index_store

DOCS = {
    1: ("Kiểm tra công tác cán bộ tại quận Hoàn Kiếm", "Đoàn kiểm tra làm việc với Quận ủy."),
    2: ("Chợ Đồng Xuân sau cải tạo", "Các hộ kinh doanh trở lại chợ."),
    3: ("Chuẩn bị sản xuất vụ đông xuân", "Nông dân gieo cấy lúa."),
    4: ("Công tác hòa giải ở cơ sở", "Tổ hòa giải hoạt động hiệu quả."),
    5: ("Công tác hóa giải mâu thuẫn", "Chuyên đề về hóa giải xung đột."),
    6: ("Vận hành công trình thuỷ lợi", "Trạm bơm hoạt động ổn định."),
    7: ("Hoàn thành việc tìm kiếm cứu nạn", "Lực lượng cứu hộ đã hoàn thành."),
    8: ("Giao thông quận Đống Đa", "Ùn tắc tại nút giao Ô Chợ Dừa."),
    9: ("Quán triệt quy định về nêu gương", "Thực hiện Quy định số 55-QĐ/TƯ của Bộ Chính trị."),
    10: ("Hội nghị cán bộ chủ chốt", "Triển khai Quy định 55-QĐ/TW và Chương trình 01-CTr/TU."),
    11: ("Sơ kết Chương trình của Thành ủy", "Kết quả thực hiện Chương trình số 01-CTr/TU."),
}


def _store(pk, title, body, **extra):
    return search_index_store(
        kind=extra.pop("kind", "article"),
        object_id=pk,
        entry={"title": title, "body": body, "url": f"/bai/{pk}/", **extra},
    )


def _ids(text, **kwargs):
    return [result.entry.object_id for result in search_entries(text, **kwargs)[0:20]]


class FoldingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        for pk, (title, body) in DOCS.items():
            _store(pk, title, body, date=datetime.date(2024, 1, pk), section="tin-tuc")
        _store(
            100,
            "Quy định số 55-QĐ/TW ngày 19/12/2016 của Bộ Chính trị về một số việc cần làm ngay",
            "Tăng cường vai trò nêu gương của cán bộ, đảng viên.",
            kind="legal_document",
            symbol="55-QĐ/TW",
            date=datetime.date(2016, 12, 19),
        )

    def test_unaccented_query_finds_accented_text(self):
        self.assertEqual(_ids("kiem tra hoan kiem")[:1], [1])

    def test_d_and_dj_match_both_ways(self):
        self.assertEqual(_ids("dong da"), [8])
        self.assertEqual(_ids("Đống Đa"), [8])
        self.assertIn(8, _ids("đong đa"))

    def test_nfd_input_matches(self):
        self.assertEqual(_ids(unicodedata.normalize("NFD", "Hoàn Kiếm"))[:1], [1])

    def test_old_and_new_tone_placement_match(self):
        self.assertEqual(_ids("thủy lợi"), [6])  # text has "thuỷ"
        self.assertEqual(_ids("hoà giải")[:1], [4])  # text has "hòa"

    def test_mixed_case_matches(self):
        self.assertEqual(_ids("KiỂm TrA hOÀN kIẾM")[:1], [1])

    def test_exact_spelling_ranks_above_folded(self):
        self.assertEqual(_ids("Đồng Xuân"), [2, 3])
        self.assertEqual(_ids("đông xuân"), [3, 2])
        self.assertEqual(_ids("hóa giải")[:2], [5, 4])
        self.assertEqual(_ids("hòa giải")[:2], [4, 5])

    def test_quoted_phrase_matches_as_a_phrase(self):
        self.assertIn(7, _ids("hoàn kiếm"))
        self.assertNotIn(7, _ids('"hoàn kiếm"'))
        self.assertEqual(_ids('"hoan kiem"'), [1])

    def test_symbol_typed_any_way_finds_the_document_then_articles_citing_it(self):
        for typed in ("55-QĐ/TƯ", "55 qd tw", "55-QĐ/TW", "quy định 55 QĐ TƯ", "55/qđ/tư"):
            with self.subTest(typed=typed):
                found = _ids(typed)
                self.assertEqual(found[0], 100)
                self.assertEqual(sorted(found[1:]), [9, 10])

    def test_thanh_uy_symbol_does_not_find_trung_uong_documents(self):
        self.assertEqual(sorted(_ids("01-CTr/TU")), [10, 11])

    def test_fts_syntax_typed_by_a_visitor_never_errors(self):
        for typed in [
            '"',
            '""',
            "AND",
            "OR NOT",
            "NEAR(a b)",
            "*",
            "title:x",
            "'",
            "\\",
            "(",
            "a -b",
            "!&|",
            "^kiểm",
            "kiểm*",
            "{title_exact}: x",
        ]:
            with self.subTest(typed=typed):
                results = search_entries(typed)
                results.count()
                list(results[0:10])

    def test_empty_and_punctuation_only_queries_find_nothing(self):
        for typed in ("", "   ", "...", "?!", "“”"):
            with self.subTest(typed=typed):
                self.assertEqual(search_entries(typed).count(), 0)

    def test_very_long_query_is_cut_not_refused(self):
        self.assertEqual(_ids("kiểm tra hoàn kiếm " * 500)[:1], [1])
        self.assertIn(1, _ids("hoàn kiếm " + "x" * 5000))

    def test_query_with_no_full_match_falls_back_to_any_word(self):
        results = search_entries("hoàn kiếm xyzzyq")
        self.assertEqual([r.entry.object_id for r in results[0:1]], [1])
        self.assertTrue(results.relaxed)

    def test_filters_by_kind_section_and_date(self):
        self.assertEqual(_ids("55 qd tw", kinds=["legal_document"]), [100])
        self.assertEqual(sorted(_ids("55 qd tw", kinds=["article"])), [9, 10])
        self.assertEqual(
            _ids("55 qd tw", section="tin-tuc", date_from=datetime.date(2024, 1, 10)), [10]
        )
        self.assertEqual(_ids("55 qd tw", date_to=datetime.date(2020, 1, 1)), [100])

    def test_sort_by_date_puts_newest_first(self):
        self.assertEqual(_ids("55 qd tw", sort="date"), [10, 9, 100])

    def test_results_carry_highlighted_title_and_snippet(self):
        result = search_entries("kiem tra hoan kiem")[0:1][0]
        self.assertIn("<mark>Hoàn</mark>", result.title_html)
        self.assertIn("<mark>kiểm</mark>", result.snippet_html)

    def test_removed_entries_are_no_longer_found(self):
        from portal.search.models import SearchEntry

        _store(50, "Bài tạm thời về Sóc Sơn", "Nội dung.")
        self.assertEqual(_ids("soc son"), [50])
        entry = SearchEntry.objects.get(object_id=50)
        from portal.search.services import _remove_entries

        _remove_entries(entry.kind, [50])
        self.assertEqual(_ids("soc son"), [])

    def test_storing_again_replaces_the_entry(self):
        _store(60, "Tiêu đề cũ về Mê Linh", "Nội dung.")
        _store(60, "Tiêu đề mới về Ba Vì", "Nội dung.")
        self.assertEqual(_ids("me linh"), [])
        self.assertEqual(_ids("ba vi"), [60])

    def test_remove_of_unregistered_object_is_harmless(self):
        self.assertFalse(search_index_remove(object()))


class TitleCoverageTests(SimpleTestCase):
    """The re-ranking bonus: a title holding every word typed beats one repeating some of them
    (which bm25 and ts_rank_cd both reward in a short title)."""

    def _bonus(self, query: str, title: str, body: str = "") -> float:
        exact_title, exact_body = analyse_text(title).exact, analyse_text(body).exact
        return _bonus(
            parse_query(query),
            exact_title,
            exact_body,
            fold_words(exact_title),
            fold_words(exact_body),
        )

    def test_every_word_in_the_title_outweighs_repetition(self):
        whole = self._bonus("kiem tra hoan kiem", "Quận ủy Hoàn Kiếm làm việc với đoàn kiểm tra")
        repeated = self._bonus(
            "kiem tra hoan kiem", "Kiểm tra, kiểm tra lại và kiểm tra sau kiểm tra", "Hoàn Kiếm."
        )
        self.assertGreaterEqual(whole - repeated, 1.0)

    def test_share_of_the_words_counts_not_their_order(self):
        all_words = self._bonus("hoan kiem giam sat", "Giám sát tại Hoàn Kiếm")
        half = self._bonus("hoan kiem giam sat", "Giám sát tại Đống Đa")
        none = self._bonus("hoan kiem giam sat", "Lịch tiếp công dân")
        self.assertGreater(all_words, half)
        self.assertGreater(half, none)
        self.assertEqual(none, 0.0)
