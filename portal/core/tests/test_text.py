import unicodedata

from django.test import SimpleTestCase

from portal.core.text import (
    canonical_tones,
    clean_whitespace,
    find_symbols,
    fold,
    nfc,
    normalize,
    symbol_key,
    words,
)


class TextTests:
    def test_nfd_input_is_stored_nfc(self):
        decomposed = unicodedata.normalize("NFD", "Hoàn Kiếm")
        assert decomposed != "Hoàn Kiếm"
        assert nfc(decomposed) == "Hoàn Kiếm"

    def test_old_style_tone_placement_becomes_modern(self):
        assert canonical_tones("hoà") == "hòa"
        assert canonical_tones("thuỷ") == "thủy"
        assert canonical_tones("Khoẻ") == "Khỏe"
        assert canonical_tones("HOÀ BÌNH") == "HÒA BÌNH"

    def test_tone_placement_left_alone_where_it_is_not_old_style(self):
        assert canonical_tones("hoàng") == "hoàng"
        assert canonical_tones("quý") == "quý"
        assert canonical_tones("khuya") == "khuya"
        assert canonical_tones("hòa") == "hòa"

    def test_fold_strips_diacritics_and_maps_d(self):
        assert fold("Hoàn Kiếm") == "hoan kiem"
        assert fold("ĐOÀN ĐBQH") == "doan dbqh"
        assert fold(unicodedata.normalize("NFD", "Thủy")) == "thuy"

    def test_clean_whitespace_replaces_non_breaking_space(self):
        assert (
            clean_whitespace("Đồng chí\u00a0Nguyễn  Ngọc Tuấn \u200b")
            == "Đồng chí Nguyễn Ngọc Tuấn"
        )

    def test_normalize_combines_everything(self):
        raw = unicodedata.normalize("NFD", "  Thuỷ\u00a0lợi  hoà bình ")
        assert normalize(raw) == "Thủy lợi hòa bình"


class SymbolTests(SimpleTestCase):
    def test_issuer_tu_with_horn_and_tw_give_the_same_key(self):
        keys = [found.key for found in find_symbols("Quy định số 55-QĐ/TƯ và 55-QĐ/TW")]
        self.assertEqual(keys, ["55 qd tw", "55 qd tw"])

    def test_thanh_uy_tu_stays_distinct_from_trung_uong(self):
        self.assertEqual(find_symbols("Chương trình 01-CTr/TU")[0].key, "1 ctr tu")

    def test_symbols_with_year_and_compound_codes(self):
        found = find_symbols(
            "Nghị định 42/2022/NĐ-CP, Luật 55/2014/QH13, Nghị quyết 04/2023/NQ-HĐND."
        )
        self.assertEqual(
            [symbol.key for symbol in found], ["42 2022 nd cp", "55 2014 qh13", "4 2023 nq hdnd"]
        )

    def test_offsets_cover_the_symbol_as_written(self):
        text = "Quy định số 55-QĐ/TƯ ngày 19/12/2016"
        start, end, _, _ = find_symbols(text)[0]
        self.assertEqual(text[start:end], "55-QĐ/TƯ")

    def test_numbers_ratios_and_ranges_are_not_symbols(self):
        self.assertEqual(find_symbols("đạt 213/210; giai đoạn 2021-2025; 98,65%; Covid-19"), [])

    def test_nfd_input_is_recognised(self):
        import unicodedata

        self.assertEqual(find_symbols(unicodedata.normalize("NFD", "55-QĐ/TƯ"))[0].key, "55 qd tw")

    def test_symbol_key_drops_leading_zeros(self):
        self.assertEqual(symbol_key("01-CTr/TU"), "1 ctr tu")


class WordsTests(SimpleTestCase):
    def test_words_split_on_punctuation_and_underscores(self):
        self.assertEqual([w for _, _, w in words("Hà_Nội, 98,65%!")], ["Hà", "Nội", "98", "65"])

    def test_existing_functions_keep_their_behaviour(self):
        self.assertEqual(fold("Hoàn Kiếm Đống Đa"), "hoan kiem dong da")
        self.assertEqual(normalize("hoà  thuỷ"), "hòa thủy")


class FormatControlTests(SimpleTestCase):
    def test_bidirectional_controls_and_other_invisible_format_characters_are_dropped(self):
        from portal.core.text import strip_format_controls

        controls = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
        self.assertEqual(
            strip_format_controls(f"Ý kiến {controls}hay\u00ad\ufeff\U000e0041"), "Ý kiến hay"
        )

    def test_letters_marks_and_emoji_joiners_stay(self):
        from portal.core.text import strip_format_controls

        text = unicodedata.normalize("NFD", "Kiểm tra 👩\u200d💻 ok")
        self.assertEqual(strip_format_controls(text), text)
