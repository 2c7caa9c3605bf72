from io import StringIO

from django.core.management import CommandError, call_command
from django.test import TestCase

from portal.visits.models import PageViewCount, VisitTotal
from portal.visits.services import visit_record

from .factories import two_articles


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


class SetVisitTotalCommandTests(TestCase):
    def test_sets_the_total_from_the_old_portal(self):
        output = run("set_visit_total", "3.137.287")
        self.assertIn("3.137.287", output)
        self.assertEqual(VisitTotal.objects.get().total, 3137287)

    def test_if_empty_keeps_a_counted_total(self):
        run("set_visit_total", "500")
        output = run("set_visit_total", "3137287", "--if-empty")
        self.assertIn("Giữ nguyên", output)
        self.assertEqual(VisitTotal.objects.get().total, 500)

    def test_dry_run_changes_nothing(self):
        run("set_visit_total", "3137287", "--dry-run")
        self.assertFalse(VisitTotal.objects.exists())

    def test_rejects_what_is_not_a_number(self):
        with self.assertRaisesMessage(CommandError, "không phải là một số nguyên không âm"):
            run("set_visit_total", "-5")


class FlushVisitsCommandTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article, _ = two_articles()

    def test_flushes_buffered_views(self):
        for _ in range(3):
            visit_record(visitor_key="c:a", page_id=self.article.pk)
        output = run("flush_visits")
        self.assertIn("Đã ghi 3 lượt xem trang, 1 lượt truy cập.", output)
        self.assertEqual(PageViewCount.objects.get(page=self.article).views, 3)

    def test_is_one_of_the_scheduled_commands(self):
        from django.conf import settings

        self.assertIn("flush_visits", settings.SCHEDULED_COMMANDS)
