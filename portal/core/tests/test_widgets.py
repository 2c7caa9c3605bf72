from django.http import QueryDict
from django.test import RequestFactory, SimpleTestCase

from portal.core.widgets import (
    MAX_ID,
    BoundedIdConverter,
    DoneNotice,
    body_too_large,
    json_or_redirect,
    parse_id,
)


class ParseIdTests(SimpleTestCase):
    def test_ascii_digits_within_64_bits_are_ids(self):
        self.assertEqual(parse_id("1"), 1)
        self.assertEqual(parse_id("42"), 42)
        self.assertEqual(parse_id(str(MAX_ID)), MAX_ID)

    def test_other_digits_and_oversized_values_are_not(self):
        for value in ("²", "٥", "１", "4²", " 4", "4 ", "-4", "+4", "0", "", str(2**63), "9" * 40):
            self.assertIsNone(parse_id(value), repr(value))
        self.assertIsNone(parse_id(None))

    def test_the_converter_refuses_what_parse_id_refuses(self):
        converter = BoundedIdConverter()
        self.assertEqual(converter.to_python("12"), 12)
        with self.assertRaises(ValueError):
            converter.to_python(str(2**63))
        self.assertEqual(converter.to_url(12), "12")


class WidgetPlumbingTests(SimpleTestCase):
    def test_body_cap(self):
        factory = RequestFactory()
        self.assertFalse(body_too_large(factory.post("/", {"stars": "3"})))
        self.assertTrue(body_too_large(factory.post("/", {"stars": "3" * 5000})))
        request = factory.post("/")
        request.META["CONTENT_LENGTH"] = "lots"
        self.assertTrue(body_too_large(request))

    def test_done_notice_round_trip(self):
        done = DoneNotice("trang-thai", {"cam-on": "Cảm ơn bạn."})
        url = done.url("/binh-chon/1/ket-qua/", "cam-on", anchor="ket-qua")
        self.assertEqual(url, "/binh-chon/1/ket-qua/?trang-thai=cam-on#ket-qua")
        request = RequestFactory().get(url.split("#")[0])
        self.assertEqual(done.message(request), "Cảm ơn bạn.")
        request.GET = QueryDict("trang-thai=<script>")
        self.assertEqual(done.message(request), "")

    def test_json_or_redirect(self):
        self.assertEqual(
            json_or_redirect(as_json=True, data={"ok": True}, redirect_to="/x/").status_code, 200
        )
        redirect = json_or_redirect(as_json=False, data={}, redirect_to="/x/")
        self.assertEqual((redirect.status_code, redirect["Location"]), (303, "/x/"))
