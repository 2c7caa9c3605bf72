import unicodedata

from django.test import SimpleTestCase

from portal.search.analysis import MAX_QUERY_CHARS, MAX_TERMS, Term, analyse_text, parse_query


class ParseQueryTests(SimpleTestCase):
    def test_words_are_kept_exact_and_folded(self):
        query = parse_query("Kiểm tra HOÀN Kiếm")
        self.assertEqual(
            query.terms,
            [Term("kiểm", "kiem"), Term("tra", "tra"), Term("hoàn", "hoan"), Term("kiếm", "kiem")],
        )

    def test_nfd_and_old_tone_placement_read_like_nfc_modern(self):
        self.assertEqual(
            parse_query(unicodedata.normalize("NFD", "hoà thuỷ")).terms,
            parse_query("hòa thủy").terms,
        )

    def test_quoted_text_is_a_phrase(self):
        query = parse_query("“Hoàn Kiếm” kiểm tra")
        self.assertEqual(query.phrases, [[Term("hoàn", "hoan"), Term("kiếm", "kiem")]])
        self.assertEqual([t.folded for t in query.terms], ["kiem", "tra"])

    def test_symbols_typed_any_reasonable_way_give_one_key(self):
        for typed in ("55-QĐ/TƯ", "55 qd tw", "55-QĐ/TW", "55 QĐ TƯ", "55/qđ/tw"):
            with self.subTest(typed=typed):
                query = parse_query(typed)
                self.assertEqual(query.symbols, [["55 qd tw"]])
                self.assertEqual(query.terms, [])

    def test_tu_without_horn_tries_thanh_uy_then_trung_uong(self):
        self.assertEqual(parse_query("01 ctr tu").symbols, [["1 ctr tu", "1 ctr tw"]])

    def test_numbers_before_ordinary_words_are_not_symbols(self):
        query = parse_query("kỳ họp thứ 5 hội đồng")
        self.assertEqual(query.symbols, [])
        self.assertIn(Term("5", "5"), query.terms)

    def test_fts_syntax_and_punctuation_are_plain_words_or_nothing(self):
        self.assertTrue(parse_query('"" * ( ) : ^ - + NEAR/').is_empty is False)
        self.assertTrue(parse_query('"""*()^:-').is_empty)
        self.assertEqual(
            [t.exact for t in parse_query("a AND (b OR c*)").terms], ["a", "and", "b", "or", "c"]
        )

    def test_empty_and_very_long_queries_are_bounded(self):
        self.assertTrue(parse_query("").is_empty)
        self.assertTrue(parse_query(None).is_empty)
        query = parse_query("kiểm tra " * 1000)
        self.assertLessEqual(len(query.text), MAX_QUERY_CHARS)
        self.assertEqual(query.terms[:2], [Term("kiểm", "kiem"), Term("tra", "tra")])
        self.assertLessEqual(len(query.terms), MAX_TERMS)


class AnalyseTextTests(SimpleTestCase):
    def test_exact_and_folded_streams_align_word_for_word(self):
        indexed = analyse_text("Quận ủy Hoàn Kiếm, thuỷ lợi; Đống Đa")
        self.assertEqual(indexed.exact, "quận ủy hoàn kiếm thủy lợi đống đa")
        self.assertEqual(indexed.folded, "quan uy hoan kiem thuy loi dong da")
