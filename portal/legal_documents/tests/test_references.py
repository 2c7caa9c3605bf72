import datetime
import unicodedata
from collections import Counter
from pathlib import Path

from django.test import SimpleTestCase

from portal.core.testing.figures import record_figure
from portal.core.tests.text_samples import SAMPLES
from portal.core.text import canonical_symbol, symbol_key
from portal.legal_documents.references import find_references, issuer_from_symbol

SEED = Path(__file__).resolve().parents[2] / "demo" / "seed_article.txt"
PRECISION_TARGET = 0.98
RECALL_TARGET = 0.95


def keys(text: str) -> list[str]:
    return [reference.key for reference in find_references(text)]


class SymbolKeyTests(SimpleTestCase):
    def test_spellings_of_one_party_symbol_share_a_key(self):
        spellings = [
            "55-QĐ/TƯ",
            "55-QĐ/TW",
            "55 - QĐ/TW",
            "55 QĐ/TW",
            "55-QĐ / TƯ",
            "55-QD/TW",
            "55 qd tw",
        ]
        self.assertEqual({symbol_key(s) for s in spellings}, {"55 qd tw"})

    def test_nfd_symbol_has_the_nfc_key(self):
        self.assertEqual(symbol_key(unicodedata.normalize("NFD", "55-QĐ/TƯ")), "55 qd tw")

    def test_thanh_uy_is_not_confused_with_trung_uong(self):
        self.assertEqual(symbol_key("01-CTr/TU"), "1 ctr tu")
        self.assertNotEqual(symbol_key("01-CTr/TU"), symbol_key("01-CTr/TƯ"))

    def test_canonical_symbol_writes_tw_and_no_spaces(self):
        self.assertEqual(canonical_symbol("55 - QĐ / TƯ"), "55-QĐ/TW")
        self.assertEqual(canonical_symbol("42 /2022/NĐ-CP"), "42/2022/NĐ-CP")

    def test_issuer_is_read_from_well_known_codes(self):
        self.assertEqual(issuer_from_symbol("42/2022/NĐ-CP"), "Chính phủ")
        self.assertEqual(issuer_from_symbol("59/2020/QH14"), "Quốc hội")
        self.assertEqual(issuer_from_symbol("1234/QĐ-UBND"), "Ủy ban nhân dân")
        self.assertEqual(issuer_from_symbol("01-CTr/TU"), "Thành ủy")
        self.assertEqual(issuer_from_symbol("12/ABC-XYZ"), "")


class FindReferencesTests(SimpleTestCase):
    def test_seed_yields_three_symbols_and_the_named_resolution(self):
        found = find_references(SEED.read_text(encoding="utf-8"))
        self.assertEqual(
            list(dict.fromkeys(ref.key for ref in found)),
            ["1 ctr tu", "55 qd tw", "37 qd tw", "nghi quyet trung uong 4"],
        )

    def test_full_reference_gives_kind_symbol_date_and_issuer(self):
        (ref,) = find_references(
            "thực hiện Chương trình số 01-CTr/TU ngày 17/3/2021 của Thành ủy Hà Nội (khóa XVII) về"
        )
        self.assertEqual(ref.kind, "programme")
        self.assertEqual(ref.symbol, "01-CTr/TU")
        self.assertEqual(ref.issued_on, datetime.date(2021, 3, 17))
        self.assertEqual(ref.issuer, "Thành ủy Hà Nội")
        self.assertEqual(ref.text, "Chương trình số 01-CTr/TU")

    def test_issuer_stops_before_the_term_and_the_subject(self):
        (ref,) = find_references(
            "Quy định số 37-QĐ/TƯ ngày 25/10/2021 của Ban Chấp hành Trung ương khóa XIII về"
        )
        self.assertEqual(ref.issuer, "Ban Chấp hành Trung ương")
        self.assertEqual(ref.symbol, "37-QĐ/TW")

    def test_date_written_in_words_is_read(self):
        (ref,) = find_references("Nghị quyết số 18-NQ/TW ngày 25 tháng 10 năm 2017")
        self.assertEqual(ref.issued_on, datetime.date(2017, 10, 25))

    def test_impossible_date_is_left_empty(self):
        (ref,) = find_references("Kết luận số 21-KL/TW ngày 31/2/2021")
        self.assertIsNone(ref.issued_on)

    def test_reference_without_the_word_so_is_found(self):
        self.assertEqual(keys("Quy định 37-QĐ/TW"), ["37 qd tw"])

    def test_kind_comes_from_the_word_before_the_symbol(self):
        kinds = {
            "Nghị định 42/2022/NĐ-CP": "decree",
            "Thông tư 01/2022/TT-BNV": "circular",
            "Luật số 59/2020/QH14": "law",
            "Nghị quyết số 43/2022/QH15": "resolution",
            "Quyết định số 1234/QĐ-UBND": "decision",
            "Công văn số 456/UBND-KT": "official_letter",
            "Chỉ thị 05-CT/TW": "directive",
            "Kết luận số 21-KL/TW": "conclusion",
        }
        for text, kind in kinds.items():
            with self.subTest(text=text):
                self.assertEqual(find_references(text)[0].kind, kind)

    def test_kind_falls_back_to_the_symbol_code(self):
        self.assertEqual(find_references("thực hiện 01-CTr/TU")[0].kind, "programme")
        self.assertEqual(find_references("theo 42/2022/NĐ-CP")[0].kind, "decree")
        self.assertEqual(find_references("theo 1234/QĐ-UBND")[0].kind, "decision")

    def test_listed_symbols_inherit_the_kind(self):
        refs = find_references("các Quy định số 55-QĐ/TƯ, 37-QĐ/TƯ và số 22-QĐ/TW")
        self.assertEqual([ref.kind for ref in refs], ["regulation"] * 3)

    def test_named_resolution_keeps_its_term(self):
        (ref,) = find_references("Nghị quyết Trung ương 4 (khóa XII) về xây dựng Đảng")
        self.assertEqual(ref.name, "Nghị quyết Trung ương 4 khóa XII")
        self.assertEqual(ref.kind, "resolution")

    def test_named_law_needs_a_year(self):
        self.assertEqual(keys("Luật Đất đai 2024 có hiệu lực"), ["luat dat dai 2024"])
        self.assertEqual(keys("Luật Đất đai sửa đổi được cử tri quan tâm"), [])

    def test_nfd_text_gives_nfc_offsets_and_the_same_keys(self):
        text = "Triển khai Quy định số 55-QĐ/TƯ và Nghị quyết Trung ương 4."
        self.assertEqual(keys(unicodedata.normalize("NFD", text)), keys(text))

    def test_numbers_that_are_not_symbols_are_ignored(self):
        for text in ["213/210", "17/3/2021", "024.3825.3536", "1.950", "98,65%", "lần 2/2022"]:
            with self.subTest(text=text):
                self.assertEqual(keys(text), [])

    def test_offsets_point_at_the_reference(self):
        text = "Theo Nghị định 42/2022/NĐ-CP, thông tin phải công khai."
        (ref,) = find_references(text)
        self.assertEqual(text[ref.start : ref.end], "Nghị định 42/2022/NĐ-CP")


class LabelledSetTests(SimpleTestCase):
    """Precision and recall on the labelled sentences (run with -rP or -s to see them)."""

    def test_labelled_set_is_large_enough(self):
        self.assertGreaterEqual(len(SAMPLES), 150)
        self.assertGreaterEqual(sum(1 for _, expected in SAMPLES if not expected), 50)

    def test_precision_and_recall_meet_the_targets(self):
        true_pos = false_pos = false_neg = 0
        misses = []
        for sentence, expected in SAMPLES:
            found, wanted = Counter(keys(sentence)), Counter(expected)
            hits = sum((found & wanted).values())
            true_pos += hits
            false_pos += sum(found.values()) - hits
            false_neg += sum(wanted.values()) - hits
            if found != wanted:
                misses.append((sentence, sorted(found), sorted(wanted)))
        precision = true_pos / (true_pos + false_pos)
        recall = true_pos / (true_pos + false_neg)
        record_figure(
            f"Reference recogniser on {len(SAMPLES)} labelled sentences: "
            f"precision {precision:.3f}, recall {recall:.3f} "
            f"(TP {true_pos}, FP {false_pos}, FN {false_neg})"
        )
        for miss in misses:
            print("  miss:", miss)
        self.assertGreaterEqual(precision, PRECISION_TARGET)
        self.assertGreaterEqual(recall, RECALL_TARGET)
