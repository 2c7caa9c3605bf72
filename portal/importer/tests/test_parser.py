import datetime
import unicodedata

from django.test import SimpleTestCase

from portal.importer.parser import (
    UnreadableDump,
    decode_dump,
    parse_legacy_page,
    propose_title,
)
from portal.importer.tests.factories import SEED_DUMP, legacy_dump, to_cp1258

SEED_TEXT = SEED_DUMP.read_text(encoding="utf-8")
WIDGET_WORDS = [
    "Đánh giá:",
    "lượt đánh giá",
    "Mã xác thực",
    "Liên kết website",
    "Bình chọn",
    "người đã bình chọn",
    "Thống kê",
    "Online",
]


class SeedParseTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.article = parse_legacy_page(SEED_TEXT)

    def test_twelve_paragraphs_in_order(self):
        self.assertEqual(len(self.article.paragraphs), 12)
        self.assertTrue(self.article.paragraphs[0].startswith("Sáng 9/5/2022, đoàn kiểm tra số 2"))
        self.assertTrue(self.article.paragraphs[-1].endswith("của từng đơn vị, cá nhân./."))

    def test_caption_follows_the_second_paragraph_without_nbsp(self):
        self.assertEqual(
            self.article.captions, [(1, "Đồng chí Nguyễn Ngọc Tuấn phát biểu tại buổi kiểm tra")]
        )
        self.assertEqual(
            [kind for kind, _ in self.article.blocks()][:4],
            ["paragraph", "paragraph", "caption", "paragraph"],
        )

    def test_byline_and_event_date(self):
        self.assertEqual(self.article.byline, "Nguyễn Hợp")
        self.assertEqual(self.article.event_date, datetime.date(2022, 5, 9))
        self.assertEqual(self.article.event_part_of_day, "sáng")

    def test_no_widget_line_reaches_the_article(self):
        text = "\n".join(text for _, text in self.article.blocks())
        for word in WIDGET_WORDS:
            with self.subTest(word=word):
                self.assertNotIn(word, text)
        self.assertEqual(len(self.article.widget_lines), 9)

    def test_widget_values_are_reported(self):
        widgets = self.article.widgets
        self.assertEqual(widgets.poll_votes, 498)
        self.assertEqual(widgets.visit_total, 3137287)
        self.assertEqual(widgets.online_now, 54)
        self.assertEqual(widgets.rating_count, 0)
        self.assertTrue(widgets.poll_question.startswith("Đánh giá của bạn về trang thông tin"))
        self.assertTrue(widgets.captcha_message and widgets.website_links and widgets.comments_box)
        self.assertIn("498 người đã bình chọn", widgets.summary())
        self.assertIn("3137287", widgets.summary())

    def test_vietnamese_punctuation_and_quotes_are_kept(self):
        text = " ".join(self.article.paragraphs)
        self.assertIn("“Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh”", text)
        self.assertIn("98,65%", text)
        self.assertIn("213/210", text)
        self.assertIn("1.950", text)


class ParseVariantsTests(SimpleTestCase):
    def test_nfd_text_is_stored_nfc(self):
        article = parse_legacy_page(unicodedata.normalize("NFD", SEED_TEXT))
        self.assertEqual(article.paragraphs, parse_legacy_page(SEED_TEXT).paragraphs)
        self.assertTrue(all(unicodedata.is_normalized("NFC", p) for p in article.paragraphs))

    def test_windows_line_endings_and_stray_spaces_are_cleaned(self):
        text = SEED_TEXT.replace("\n", "\r\n").replace(
            "Sáng 9/5/2022,", "  Sáng\u00a09/5/2022,\u200b "
        )
        article = parse_legacy_page(text)
        self.assertTrue(article.paragraphs[0].startswith("Sáng 9/5/2022, đoàn"))
        self.assertEqual(len(article.paragraphs), 12)

    def test_widget_numbers_do_not_matter(self):
        text = (
            SEED_TEXT.replace("498 người", "12.345 người")
            .replace("3.137.287", "9")
            .replace("Online: 54", "Online: 1")
            .replace("lượt đánh giá: , trung bình:", "lượt đánh giá: 7, trung bình: 4,5")
        )
        article = parse_legacy_page(text)
        self.assertEqual(len(article.paragraphs), 12)
        self.assertEqual(article.widgets.poll_votes, 12345)
        self.assertEqual(article.widgets.visit_total, 9)
        self.assertEqual(article.widgets.rating_count, 7)
        self.assertEqual(article.widgets.rating_average, 4.5)

    def test_paragraph_starting_like_a_widget_stays_in_the_article(self):
        text = "Ngày 1/6/2023, HĐND họp.\n\nĐánh giá: " + "kết quả rất tốt " * 10 + ".\n\nKết thúc."
        article = parse_legacy_page(text)
        self.assertEqual(len(article.paragraphs), 3)
        self.assertEqual(article.widget_lines, [])

    def test_event_date_forms(self):
        cases = {
            "Chiều 15/6/2023, HĐND khai mạc.": (datetime.date(2023, 6, 15), "chiều"),
            "Sáng ngày 9-5-2022, đoàn làm việc.": (datetime.date(2022, 5, 9), "sáng"),
            "(HNP) - Tối 1/10/2021, quận tổ chức.": (datetime.date(2021, 10, 1), "tối"),
            "Ngày 3 tháng 2 năm 2020, đoàn làm việc.": (datetime.date(2020, 2, 3), ""),
            "Chiều 15-6, HĐND khai mạc.": (None, ""),
            "Ngày 31/2/2022, không có ngày này.": (None, ""),
            "Đoàn làm việc với quận.": (None, ""),
        }
        for text, expected in cases.items():
            with self.subTest(text=text):
                article = parse_legacy_page(text + "\n\nĐoạn hai.")
                self.assertEqual((article.event_date, article.event_part_of_day), expected)

    def test_generated_dump_parses_to_what_was_generated(self):
        for index in range(20):
            text, expected = legacy_dump(index)
            article = parse_legacy_page(text)
            with self.subTest(index=index):
                self.assertEqual(article.paragraphs, expected["paragraphs"])
                self.assertEqual(article.captions, [(0, expected["caption"])])
                self.assertEqual(article.byline, expected["byline"])
                self.assertEqual(article.event_date, datetime.date(*expected["event_date"]))
                self.assertEqual(article.widgets.visit_total, expected["visit_total"])


class ProposeTitleTests(SimpleTestCase):
    def test_title_from_the_seed_first_sentence_without_the_date(self):
        title = propose_title(parse_legacy_page(SEED_TEXT).paragraphs)
        self.assertEqual(
            title,
            "Đoàn kiểm tra số 2 của Ban Thường vụ Thành ủy đã làm việc với Ban Thường vụ "
            "Quận ủy Hoàn Kiếm",
        )

    def test_short_first_sentence_is_the_title(self):
        self.assertEqual(
            propose_title(["Sáng 1/6/2023, HĐND khai mạc kỳ họp thứ 7. Sau đó…"]),
            "HĐND khai mạc kỳ họp thứ 7",
        )

    def test_no_paragraphs_no_title(self):
        self.assertEqual(propose_title([]), "")


class DecodeDumpTests(SimpleTestCase):
    def assertUnreadable(self, data: bytes, reason: str):
        with self.assertRaises(UnreadableDump) as caught:
            decode_dump(data)
        self.assertIn(reason, str(caught.exception))

    def test_utf8_with_and_without_bom(self):
        self.assertEqual(decode_dump(SEED_TEXT.encode()).text, SEED_TEXT)
        self.assertEqual(decode_dump(b"\xef\xbb\xbf" + SEED_TEXT.encode()).text, SEED_TEXT)

    def test_utf16_with_bom_and_without(self):
        for encoding in ("utf-16", "utf-16-le", "utf-16-be"):
            with self.subTest(encoding=encoding):
                decoded = decode_dump(SEED_TEXT.encode(encoding))
                self.assertEqual(decoded.text.lstrip("\ufeff"), SEED_TEXT)
                self.assertIn("UTF-16", decoded.note)

    def test_windows_1258_is_decoded_to_the_same_article_and_noted(self):
        decoded = decode_dump(to_cp1258(SEED_TEXT))
        self.assertEqual(decoded.encoding, "cp1258")
        self.assertIn("Windows-1258", decoded.note)
        self.assertEqual(
            parse_legacy_page(decoded.text).paragraphs, parse_legacy_page(SEED_TEXT).paragraphs
        )

    def test_empty_and_blank_files_are_refused(self):
        self.assertUnreadable(b"", "tệp rỗng")
        self.assertUnreadable(b" \r\n\t\n", "tệp rỗng")

    def test_binary_files_are_refused(self):
        png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
        self.assertUnreadable(png, "nhị phân")
        self.assertUnreadable(bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 100, "nhị phân")

    def test_utf8_with_a_broken_byte_is_refused_not_read_as_windows_1258(self):
        data = SEED_TEXT.encode()
        self.assertUnreadable(data[:500] + b"\xff" + data[500:], "UTF-8 bị hỏng")

    def test_text_in_an_unknown_encoding_is_refused(self):
        self.assertUnreadable("Hello world, ça va très bien".encode("latin-1"), "bảng mã")
