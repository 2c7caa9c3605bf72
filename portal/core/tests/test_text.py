from django.test import SimpleTestCase

from portal.core.text import find_symbols, fold, normalize, symbol_key, words


class SymbolTests(SimpleTestCase):
    def test_issuer_tu_with_horn_and_tw_give_the_same_key(self):
        keys = [key for _, _, key in find_symbols("Quy định số 55-QĐ/TƯ và 55-QĐ/TW")]
        self.assertEqual(keys, ["55 qd tw", "55 qd tw"])

    def test_thanh_uy_tu_stays_distinct_from_trung_uong(self):
        self.assertEqual(find_symbols("Chương trình 01-CTr/TU")[0][2], "1 ctr tu")

    def test_symbols_with_year_and_compound_codes(self):
        found = find_symbols(
            "Nghị định 42/2022/NĐ-CP, Luật 55/2014/QH13, Nghị quyết 04/2023/NQ-HĐND."
        )
        self.assertEqual(
            [key for _, _, key in found], ["42 2022 nd cp", "55 2014 qh13", "4 2023 nq hdnd"]
        )

    def test_offsets_cover_the_symbol_as_written(self):
        text = "Quy định số 55-QĐ/TƯ ngày 19/12/2016"
        start, end, _ = find_symbols(text)[0]
        self.assertEqual(text[start:end], "55-QĐ/TƯ")

    def test_numbers_ratios_and_ranges_are_not_symbols(self):
        self.assertEqual(find_symbols("đạt 213/210; giai đoạn 2021-2025; 98,65%; Covid-19"), [])

    def test_nfd_input_is_recognised(self):
        import unicodedata

        self.assertEqual(find_symbols(unicodedata.normalize("NFD", "55-QĐ/TƯ"))[0][2], "55 qd tw")

    def test_symbol_key_drops_leading_zeros(self):
        self.assertEqual(symbol_key("01", None, ["CTr", "TU"]), "1 ctr tu")


class WordsTests(SimpleTestCase):
    def test_words_split_on_punctuation_and_underscores(self):
        self.assertEqual([w for _, _, w in words("Hà_Nội, 98,65%!")], ["Hà", "Nội", "98", "65"])

    def test_existing_functions_keep_their_behaviour(self):
        self.assertEqual(fold("Hoàn Kiếm Đống Đa"), "hoan kiem dong da")
        self.assertEqual(normalize("hoà  thuỷ"), "hòa thủy")
