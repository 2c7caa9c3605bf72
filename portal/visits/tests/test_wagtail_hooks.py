import datetime
import re

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.utils import timezone

from portal.accounts.testing import force_login_verified
from portal.visits.models import DailyVisits
from portal.visits.services import visit_total_set


class DashboardPanelTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = get_user_model().objects.create_superuser("quantri", "qt@example.com", "pw")
        today = timezone.localdate()
        DailyVisits.objects.create(date=today, visits=1234, page_views=5678)
        DailyVisits.objects.create(date=today - datetime.timedelta(days=3), visits=617)
        DailyVisits.objects.create(date=today - datetime.timedelta(days=45), visits=99999)
        visit_total_set(total=3137287)

    def test_admin_home_charts_visits_per_day_for_thirty_days(self):
        force_login_verified(self.client, self.admin)
        response = self.client.get("/admin/")
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn("Thống kê truy cập 30 ngày qua", html)
        self.assertIn("<svg", html)
        bars = re.findall(r'<rect class="visits-chart__bar"[^>]*>', html)
        self.assertEqual(len(bars), 30)
        heights = {
            re.search(r'data-date="([^"]+)"', bar).group(1): (
                int(re.search(r'data-visits="(\d+)"', bar).group(1)),
                float(re.search(r'height="([\d.]+)"', bar).group(1)),
            )
            for bar in bars
        }
        today = timezone.localdate()
        self.assertEqual(heights[today.isoformat()], (1234, 160.0))  # the tallest bar
        three_days_ago = (today - datetime.timedelta(days=3)).isoformat()
        self.assertEqual(heights[three_days_ago], (617, 80.0))  # half as tall
        self.assertNotIn("99999", html)  # older than 30 days
        self.assertIn("3.137.287", html)
        self.assertIn("1.851", html)  # visits in the 30 days, Vietnamese separators

    def test_the_panel_needs_an_admin_login(self):
        response = self.client.get("/admin/")
        self.assertEqual(response.status_code, 302)
