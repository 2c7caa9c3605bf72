import datetime
import io
from unittest import mock

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.utils import timezone

from wagtail.models import Page
from wagtail.test.utils import WagtailTestUtils

from portal.accounts.testing import force_login_verified
from portal.demo.testing import load_demo_content
from portal.notices.models import MaintenanceNotice

TEXT = "Trang tạm ngừng hoạt động để nâng cấp máy chủ."


def _notice(*, show_in_days: float, start_in_days: float, hours: float = 2) -> MaintenanceNotice:
    now = timezone.now()
    starts = now + datetime.timedelta(days=start_in_days)
    return MaintenanceNotice.objects.create(
        text=TEXT,
        show_from=now + datetime.timedelta(days=show_in_days),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=hours),
    )


@override_settings(ALLOWED_HOSTS=["*"])
class MaintenanceNoticeTests(WagtailTestUtils, TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo_content()
        cls.pages = ["/", Page.objects.live().filter(depth=4).first().url, "/van-ban-phap-ly/"]

    def test_banner_shows_on_every_page_from_show_from_until_the_end(self):
        notice = _notice(show_in_days=1, start_in_days=7)
        for url in self.pages:
            self.assertNotContains(self.client.get(url), TEXT)
        self.assertEqual(self.client.get("/api/v1/notices/").json()["results"], [])

        notice.show_from = timezone.now() - datetime.timedelta(minutes=1)
        notice.save()
        for url in self.pages:
            response = self.client.get(url)
            self.assertContains(response, TEXT)
            self.assertContains(response, 'aria-label="Thông báo bảo trì"')
        results = self.client.get("/api/v1/notices/").json()["results"]
        self.assertEqual([item["text"] for item in results], [TEXT])
        self.assertRegex(results[0]["starts_at"], r"\+07:00$")

        notice.starts_at = timezone.now() - datetime.timedelta(hours=3)
        notice.ends_at = timezone.now() - datetime.timedelta(minutes=1)
        notice.show_from = notice.starts_at - datetime.timedelta(days=1)
        notice.save()
        self.assertNotContains(self.client.get("/"), TEXT)

    def test_end_before_start_or_showing_after_start_is_refused_in_vietnamese(self):
        now = timezone.now()
        notice = MaintenanceNotice(
            text=TEXT,
            show_from=now,
            starts_at=now + datetime.timedelta(days=2),
            ends_at=now + datetime.timedelta(days=1),
        )
        with self.assertRaisesMessage(ValidationError, "phải sau thời điểm bắt đầu"):
            notice.full_clean()
        notice.ends_at = now + datetime.timedelta(days=3)
        notice.show_from = now + datetime.timedelta(days=2, hours=1)
        with self.assertRaisesMessage(ValidationError, "trước khi gián đoạn bắt đầu"):
            notice.full_clean()

    def test_saving_a_notice_and_its_time_coming_both_refresh_cached_pages(self):
        with mock.patch("portal.notices.signals.purge_pages") as purge:
            notice = _notice(show_in_days=1, start_in_days=2)
            notice.delete()
        self.assertEqual(purge.call_count, 2)
        cache.clear()
        _notice(show_in_days=-1, start_in_days=1)
        with mock.patch("portal.notices.management.commands.check_notices.purge_pages") as purge:
            call_command("check_notices", stdout=io.StringIO())
            call_command("check_notices", stdout=io.StringIO())
        self.assertEqual(purge.call_count, 1, "only when what is visible changes")

    def test_administrators_schedule_notices_in_the_admin(self):
        force_login_verified(self.client, self.create_test_user())
        response = self.client.get("/admin/snippets/notices/maintenancenotice/add/")
        self.assertEqual(response.status_code, 200)
        for field in ("text", "show_from", "starts_at", "ends_at"):
            self.assertContains(response, f'name="{field}"')
