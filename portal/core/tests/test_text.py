import unicodedata

from portal.core.text import canonical_tones, clean_whitespace, fold, nfc, normalize


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
