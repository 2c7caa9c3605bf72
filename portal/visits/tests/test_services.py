import datetime
from unittest import mock

from django.core.exceptions import ValidationError
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal.visits import selectors, services
from portal.visits.buffer import LocalBuffer
from portal.visits.models import DailyVisits, PageViewCount, RecentVisitor, VisitTotal
from portal.visits.services import visit_record, visit_total_set, visits_flush

from .factories import local_time, record_views, two_articles

MINUTE = datetime.timedelta(minutes=1)


class FlushTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article, cls.other = two_articles()

    def test_recording_views_runs_no_query_at_all(self):
        with CaptureQueriesContext(connection) as queries:
            record_views(50, page=self.article)
        self.assertEqual(len(queries), 0)
        self.assertFalse(PageViewCount.objects.exists())

    def test_flush_moves_buffered_views_to_the_database(self):
        record_views(7, page=self.article)
        record_views(2, page=self.other, visitor="c:visitor-2")
        result = visits_flush()
        self.assertEqual(result.page_views, 9)
        self.assertEqual(result.visits, 2)
        self.assertEqual(PageViewCount.objects.get(page=self.article).views, 7)
        self.assertEqual(PageViewCount.objects.get(page=self.other).views, 2)
        self.assertEqual(VisitTotal.objects.get().total, 2)

    def test_flush_adds_to_existing_counts(self):
        PageViewCount.objects.create(page=self.article, views=1000)
        visit_total_set(total=3137287)
        record_views(5, page=self.article)
        visits_flush()
        self.assertEqual(PageViewCount.objects.get(page=self.article).views, 1005)
        self.assertEqual(VisitTotal.objects.get().total, 3137288)

    def test_flush_uses_a_handful_of_queries_for_many_views(self):
        for number in range(200):
            visit_record(visitor_key=f"c:visitor-{number % 20}", page_id=self.article.pk)
        with CaptureQueriesContext(connection) as queries:
            visits_flush()
        self.assertLess(len(queries), 20)
        self.assertEqual(PageViewCount.objects.get(page=self.article).views, 200)

    def test_second_flush_adds_nothing_twice(self):
        record_views(3, page=self.article)
        visits_flush()
        self.assertEqual(visits_flush().page_views, 0)
        self.assertEqual(PageViewCount.objects.get(page=self.article).views, 3)

    def test_views_of_a_deleted_page_are_dropped(self):
        visit_record(visitor_key="c:visitor-1", page_id=987654)
        self.assertEqual(visits_flush().page_views, 0)
        self.assertFalse(PageViewCount.objects.exists())

    def test_failed_flush_keeps_the_views_for_the_next_one(self):
        record_views(4, page=self.article)
        with (
            mock.patch.object(services, "_add_total", side_effect=RuntimeError("db gone")),
            self.assertRaises(RuntimeError),
        ):
            visits_flush()
        self.assertFalse(PageViewCount.objects.exists())
        visits_flush()
        self.assertEqual(PageViewCount.objects.get(page=self.article).views, 4)
        self.assertEqual(VisitTotal.objects.get().total, 1)

    def test_flush_every_n_views_happens_inside_the_process(self):
        with self.settings(VISITS_FLUSH_EVERY=10):
            record_views(25, page=self.article)
        self.assertEqual(PageViewCount.objects.get(page=self.article).views, 20)

    def test_shutdown_hook_flushes_the_buffer(self):
        record_views(6, page=self.article)
        services.visits_flush_on_exit()
        self.assertEqual(PageViewCount.objects.get(page=self.article).views, 6)

    def test_the_stored_visitor_is_a_hash_not_the_key(self):
        visit_record(visitor_key="a:0123456789abcdef", page_id=self.article.pk)
        visits_flush()
        for key_hash in RecentVisitor.objects.values_list("key_hash", flat=True):
            self.assertNotIn("0123456789abcdef", key_hash)


class VisitWindowTests(TestCase):
    """A visit is counted when a visitor has not been seen for 30 minutes."""

    @classmethod
    def setUpTestData(cls):
        cls.article, _ = two_articles()

    def test_views_within_the_window_are_one_visit(self):
        start = timezone.now()
        for minutes in (0, 10, 25, 50):  # each view within 30 minutes of the previous one
            visit_record(visitor_key="c:a", page_id=self.article.pk, now=start + minutes * MINUTE)
            visits_flush(now=start + minutes * MINUTE)
        self.assertEqual(VisitTotal.objects.get().total, 1)

    def test_a_view_after_thirty_idle_minutes_is_a_new_visit(self):
        start = timezone.now()
        visit_record(visitor_key="c:a", now=start)
        visits_flush(now=start)
        visit_record(visitor_key="c:a", now=start + 31 * MINUTE)
        visits_flush(now=start + 31 * MINUTE)
        self.assertEqual(VisitTotal.objects.get().total, 2)

    def test_a_long_gap_inside_one_batch_is_a_new_visit(self):
        start = timezone.now()
        visit_record(visitor_key="c:a", now=start)
        visit_record(visitor_key="c:a", now=start + 45 * MINUTE)
        visits_flush(now=start + 45 * MINUTE)
        self.assertEqual(VisitTotal.objects.get().total, 2)

    def test_distinct_visitors_are_distinct_visits(self):
        for number in range(5):
            record_views(3, visitor=f"c:visitor-{number}", page=self.article)
        self.assertEqual(visits_flush().visits, 5)

    def test_one_visitor_seen_by_two_worker_processes_is_one_visit(self):
        worker_a, worker_b = LocalBuffer(), LocalBuffer()
        now = timezone.now()
        for buffer in (worker_a, worker_b):
            with mock.patch.object(services, "get_buffer", return_value=buffer):
                visit_record(visitor_key="c:shared", page_id=self.article.pk, now=now)
        for buffer in (worker_b, worker_a):
            with mock.patch.object(services, "get_buffer", return_value=buffer):
                visits_flush(now=now)
        self.assertEqual(VisitTotal.objects.get().total, 1)
        self.assertEqual(PageViewCount.objects.get(page=self.article).views, 2)


class OnlineNowTests(TestCase):
    """Online now: distinct visitors with a view in the last five minutes."""

    def test_counts_distinct_visitors_of_the_last_five_minutes(self):
        now = timezone.now()
        visit_record(visitor_key="c:gone", now=now - 6 * MINUTE)
        visit_record(visitor_key="c:reader", now=now - 4 * MINUTE)
        visit_record(visitor_key="c:reader", now=now - 1 * MINUTE)
        visit_record(visitor_key="c:new", now=now)
        visits_flush(now=now)
        self.assertEqual(selectors.online_count(now), 2)

    def test_the_window_moves_on(self):
        now = timezone.now()
        visit_record(visitor_key="c:early", now=now - 4 * MINUTE)
        visit_record(visitor_key="c:late", now=now)
        visits_flush(now=now)
        self.assertEqual(selectors.online_count(now), 2)
        self.assertEqual(selectors.online_count(now + 2 * MINUTE), 1)

    def test_nobody_online_on_a_quiet_site(self):
        self.assertEqual(selectors.online_count(), 0)


class DailyVisitsTests(TestCase):
    def test_visits_and_views_are_stored_per_local_day(self):
        before_midnight = local_time(2026, 11, 26, 23, 50)
        after_midnight = local_time(2026, 11, 27, 0, 10)
        record_views(3, visitor="c:night-owl", now=before_midnight)
        visits_flush(now=before_midnight)
        record_views(2, visitor="c:early-bird", now=after_midnight)
        visits_flush(now=after_midnight)
        rows = {row.date: (row.visits, row.page_views) for row in DailyVisits.objects.all()}
        self.assertEqual(
            rows,
            {datetime.date(2026, 11, 26): (1, 3), datetime.date(2026, 11, 27): (1, 2)},
        )

    def test_last_thirty_days_are_listed_oldest_first_with_empty_days_as_zero(self):
        today = datetime.date(2026, 11, 27)
        DailyVisits.objects.create(date=today, visits=40, page_views=90)
        DailyVisits.objects.create(date=today - datetime.timedelta(days=29), visits=7)
        DailyVisits.objects.create(date=today - datetime.timedelta(days=30), visits=999)
        days = selectors.daily_visits(30, today=today)
        self.assertEqual(len(days), 30)
        self.assertEqual(days[0].date, datetime.date(2026, 10, 29))
        self.assertEqual(days[0].visits, 7)
        self.assertEqual((days[-1].visits, days[-1].page_views), (40, 90))
        self.assertEqual(sum(day.visits for day in days), 47)


class VisitTotalTests(TestCase):
    def test_operator_sets_the_starting_total(self):
        self.assertEqual(visit_total_set(total=3137287).total, 3137287)
        self.assertEqual(selectors.total_visits(), 3137287)

    def test_negative_total_is_refused(self):
        with self.assertRaises(ValidationError):
            visit_total_set(total=-1)

    def test_buffered_shared_visits_show_in_the_total(self):
        visit_total_set(total=100)
        visit_record(visitor_key="c:a")
        expected = 101 if services.get_buffer().shared else 100
        self.assertEqual(selectors.total_visits(), expected)


class BackgroundFlushTests(TestCase):
    def test_a_worker_flushes_its_buffer_every_few_seconds_on_its_own(self):
        import threading

        flushed = threading.Event()
        flusher = services._BackgroundFlusher()
        with (
            self.settings(VISITS_FLUSH_SECONDS=0.05),
            mock.patch.object(services, "visits_flush", side_effect=lambda: flushed.set()),
        ):
            flusher.ensure_started()
            flusher.ensure_started()  # once per process
            try:
                self.assertTrue(flushed.wait(timeout=10))
                threads = [t for t in threading.enumerate() if t.name == "visits-flush"]
                self.assertEqual(len(threads), 1)
            finally:
                flusher.stop()

    def test_no_background_thread_when_turned_off(self):
        flusher = services._BackgroundFlusher()
        with self.settings(VISITS_FLUSH_SECONDS=0):
            flusher.ensure_started()
        self.assertIsNone(flusher._pid)
