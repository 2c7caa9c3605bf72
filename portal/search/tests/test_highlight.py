from django.test import SimpleTestCase

from portal.search.highlight import highlight, snippet


class HighlightTests(SimpleTestCase):
    def test_marks_words_in_any_spelling(self):
        self.assertEqual(
            highlight("Quận ủy Hoàn Kiếm", {"hoan", "kiem"}),
            "Quận ủy <mark>Hoàn</mark> <mark>Kiếm</mark>",
        )

    def test_escapes_everything_else(self):
        html = highlight('<script>alert("kiểm")</script>', {"kiem"})
        self.assertNotIn("<script>", html)
        self.assertIn("&lt;script&gt;", html)
        self.assertIn("<mark>kiểm</mark>", html)

    def test_marks_symbols_written_differently(self):
        self.assertEqual(
            highlight("theo Quy định số 55-QĐ/TƯ", set(), {"55 qd tw"}),
            "theo Quy định số <mark>55-QĐ/TƯ</mark>",
        )

    def test_old_tone_placement_in_text_is_marked(self):
        self.assertIn("<mark>thuỷ</mark>", highlight("công trình thuỷ lợi", {"thuy"}))


class SnippetTests(SimpleTestCase):
    def test_snippet_is_the_passage_with_the_query_words(self):
        text = (
            " ".join(["lời mở đầu"] * 40) + " kết quả kiểm tra tại Hoàn Kiếm " + "đoạn cuối " * 40
        )
        html = snippet(text, {"kiem", "tra", "hoan"}, size=12)
        self.assertTrue(html.startswith("… "))
        self.assertIn("<mark>Hoàn</mark> <mark>Kiếm</mark>", html)
        self.assertTrue(html.endswith(" …"))

    def test_snippet_without_matches_is_the_beginning(self):
        self.assertEqual(snippet("một hai ba bốn", {"xyz"}, size=2), "một hai …")

    def test_empty_text_gives_empty_snippet(self):
        self.assertEqual(snippet("", {"a"}), "")
