import html
import re

from django.core.cache import cache
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

from portal.accounts.testing import force_login_verified
from portal.visits.models import PageViewCount, VisitTotal
from portal.visits.selectors import online_count
from portal.visits.services import visits_flush
from portal.visits.views import PIXEL, sign_page_id

from .factories import two_articles

CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0 Safari/537.36"
)
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def beacon_from(response) -> str:
    """The counting URL a browser would call for this page (what visits.js posts to)."""
    match = re.search(r'data-visit-beacon="([^"]+)"', response.content.decode())
    assert match, "page has no visit beacon"
    return html.unescape(match.group(1))


def views_of(page) -> int:
    row = PageViewCount.objects.filter(page=page).first()
    return row.views if row else 0


class BeaconTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article, _ = two_articles()

    def setUp(self):
        self.client.defaults["HTTP_USER_AGENT"] = CHROME
        self.beacon = beacon_from(self.client.get(self.article.url))
        self.client.get("/ca-nhan/")  # what the page script does first: the visitor cookie

    def test_pixel_is_a_gif_that_no_cache_keeps(self):
        response = self.client.get(self.beacon)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "image/gif")
        self.assertEqual(response.content, PIXEL)
        self.assertIn("no-store", response["Cache-Control"])
        self.assertIn("private", response["Cache-Control"])

    def test_send_beacon_post_is_counted_without_a_csrf_token(self):
        client = self.client_class(enforce_csrf_checks=True, HTTP_USER_AGENT=CHROME)
        response = client.post(self.beacon)
        self.assertEqual(response.status_code, 204)
        self.assertIn("no-store", response["Cache-Control"])
        visits_flush()
        self.assertEqual(views_of(self.article), 1)

    def test_every_view_of_an_article_counts(self):
        for _ in range(3):
            self.client.get(self.beacon)
            self.client.post(self.beacon)
        visits_flush()
        self.assertEqual(views_of(self.article), 6)
        self.assertEqual(VisitTotal.objects.get().total, 1)

    def test_the_beacon_path_writes_nothing_to_the_database(self):
        with CaptureQueriesContext(connection) as queries:
            for _ in range(20):
                self.client.get(self.beacon)
        writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
        self.assertEqual(writes, [])
        self.assertFalse(PageViewCount.objects.exists())

    def test_robots_are_not_counted(self):
        self.client.get(self.beacon, HTTP_USER_AGENT=GOOGLEBOT)
        self.client.post(self.beacon, HTTP_USER_AGENT="bingbot/2.0")
        visits_flush()
        self.assertEqual(views_of(self.article), 0)
        self.assertFalse(VisitTotal.objects.exists())

    def test_generic_clients_are_counted(self):
        for agent in ("curl/8.5.0", "wrk", ""):
            self.client.get(self.beacon, HTTP_USER_AGENT=agent)
        visits_flush()
        self.assertEqual(views_of(self.article), 3)

    def test_head_requests_are_not_counted(self):
        response = self.client.head(self.beacon)
        self.assertEqual(response.status_code, 200)
        visits_flush()
        self.assertEqual(views_of(self.article), 0)

    def test_views_from_the_admin_are_not_counted(self):
        self.client.get(self.beacon, HTTP_REFERER="http://127.0.0.1/admin/pages/3/edit/preview/")
        visits_flush()
        self.assertEqual(views_of(self.article), 0)

    def test_a_forged_page_id_is_not_counted(self):
        self.client.get("/thong-ke/ghi/?p=" + str(self.article.pk))
        self.client.get("/thong-ke/ghi/?p=" + sign_page_id(self.article.pk) + "x")
        visits_flush()
        self.assertEqual(views_of(self.article), 0)

    def test_a_browser_first_seen_without_cookie_keeps_one_visit_with_its_new_cookie(self):
        browser = self.client_class(HTTP_USER_AGENT=CHROME, HTTP_SEC_FETCH_MODE="no-cors")
        first = browser.get(self.beacon)  # e.g. the page came from a cache, without a cookie
        self.assertIn("dancu_visitor", first.cookies)
        browser.post(self.beacon)  # the next page: now with the cookie
        browser.post(self.beacon)
        visits_flush()
        self.assertEqual(VisitTotal.objects.get().total, 1)
        self.assertEqual(views_of(self.article), 3)
        self.assertEqual(online_count(), 1)

    def test_a_browser_refusing_cookies_is_one_visit_by_address(self):
        browser = self.client_class(HTTP_USER_AGENT=CHROME, HTTP_SEC_FETCH_MODE="no-cors")
        for _ in range(4):
            browser.cookies.clear()
            browser.post(self.beacon, REMOTE_ADDR="198.51.100.10")
        visits_flush()
        self.assertEqual(VisitTotal.objects.get().total, 1)

    def test_tools_without_cookies_are_one_visitor_by_address(self):
        tool = self.client_class(HTTP_USER_AGENT="wrk")
        for _ in range(5):
            tool.cookies.clear()
            tool.get(self.beacon, REMOTE_ADDR="198.51.100.9")
        visits_flush()
        self.assertEqual(VisitTotal.objects.get().total, 1)
        self.assertEqual(views_of(self.article), 5)

    def test_other_methods_are_refused(self):
        self.assertEqual(self.client.put(self.beacon).status_code, 405)

    def test_no_raw_ip_address_is_stored_anywhere(self):
        self.client.get(self.beacon, REMOTE_ADDR="127.0.0.1")
        fresh = self.client_class(HTTP_USER_AGENT=CHROME)  # no cookie: the address hash
        fresh.get(self.beacon, REMOTE_ADDR="203.0.113.77", HTTP_SEC_FETCH_MODE="no-cors")
        fresh.post(self.beacon, REMOTE_ADDR="203.0.113.77", HTTP_SEC_FETCH_MODE="no-cors")
        visits_flush()
        self.assertEqual(VisitTotal.objects.get().total, 2)
        found = []
        with connection.cursor() as cursor:
            for table in connection.introspection.table_names(cursor):
                cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
                for row in cursor.fetchall():
                    text = " ".join(str(value) for value in row)
                    if "127.0.0.1" in text or "203.0.113.77" in text:
                        found.append((table, text[:120]))
        self.assertEqual(found, [])


@override_settings(PAGE_CACHE_APP_SECONDS=300)
class CachedPageTests(TestCase):
    """A page served from the portal's page cache (or nginx's) is still counted (by its beacon)."""

    @classmethod
    def setUpTestData(cls):
        cls.article, _ = two_articles()

    def test_second_response_comes_from_the_cache_and_is_still_counted(self):
        cache.clear()
        section = self.article.get_parent()
        client = self.client_class(HTTP_USER_AGENT=CHROME)
        client.get("/ca-nhan/")  # the page script's per-visitor request: the visitor cookie
        first = client.get(section.url)  # rendered, then stored in the page cache
        self.assertEqual(first.status_code, 200)
        # Change the title behind the cache's back: a fresh render would show it.
        Page.objects.filter(pk=section.pk).update(title="Tiêu đề đã sửa")
        with CaptureQueriesContext(connection) as queries:
            second = client.get(section.url)
        self.assertEqual(second.status_code, 200)
        self.assertNotIn("Tiêu đề đã sửa", second.content.decode())
        self.assertEqual(len(queries), 1)  # the content version only: the view never ran
        self.assertEqual(second["X-App-Cache"], "HIT")
        for response in (first, second):
            client.post(beacon_from(response))
        visits_flush()
        self.assertEqual(views_of(section), 2)


class PreviewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article, _ = two_articles()

    def test_editor_preview_has_no_beacon(self):
        from django.contrib.auth import get_user_model

        admin = get_user_model().objects.create_superuser("admin", "a@example.com", "pw")
        force_login_verified(self.client, admin)
        response = self.client.get(f"/admin/pages/{self.article.pk}/view_draft/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Thống kê:")
        self.assertNotContains(response, "data-visit-beacon")
