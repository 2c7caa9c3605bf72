import datetime
import zoneinfo

from django.template import Context, Template
from django.test import SimpleTestCase, override_settings
from django.utils import formats

from portal.core.formatting import format_date, format_datetime, format_decimal, format_integer

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


class FormattingTests(SimpleTestCase):
    def test_datetime_with_weekday(self):
        value = datetime.datetime(2022, 5, 9, 8, 30)
        self.assertEqual(format_datetime(value), "Thứ Hai, 09/05/2022 08:30")

    def test_sunday(self):
        self.assertEqual(
            format_datetime(datetime.datetime(2026, 11, 29, 7, 5)), "Chủ Nhật, 29/11/2026 07:05"
        )

    def test_date(self):
        self.assertEqual(format_date(datetime.date(2022, 5, 9)), "09/05/2022")

    def test_numbers(self):
        self.assertEqual(format_integer(3137287), "3.137.287")
        self.assertEqual(format_integer(498), "498")
        self.assertEqual(format_integer(-1950), "-1.950")
        self.assertEqual(format_decimal(98.65), "98,65")
        self.assertEqual(format_decimal(1234.5, 1), "1.234,5")

    def test_template_filter_shows_utc_time_in_hanoi(self):
        utc = datetime.datetime(2022, 5, 9, 1, 30, tzinfo=datetime.UTC)
        rendered = Template("{% load core_tags %}{{ value|vi_datetime }}").render(
            Context({"value": utc})
        )
        self.assertEqual(rendered, "Thứ Hai, 09/05/2022 08:30")

    def test_number_filter(self):
        rendered = Template("{% load core_tags %}{{ a|vi_number }} {{ b|vi_number:2 }}").render(
            Context({"a": 3137287, "b": 98.65})
        )
        self.assertEqual(rendered, "3.137.287 98,65")

    @override_settings(USE_THOUSAND_SEPARATOR=True)
    def test_django_localisation_uses_vietnamese_separators(self):
        self.assertEqual(formats.number_format(3137287), "3.137.287")
        self.assertEqual(formats.number_format(98.65, 2), "98,65")
        self.assertEqual(formats.date_format(datetime.date(2022, 5, 9)), "09/05/2022")

    def test_time_zone_is_hanoi(self):
        from django.conf import settings

        self.assertEqual(settings.TIME_ZONE, "Asia/Ho_Chi_Minh")
        self.assertEqual(settings.LANGUAGE_CODE, "vi")
