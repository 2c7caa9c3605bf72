"""The append-only event base: events are written once, never edited or deleted."""

import datetime

from django.conf import settings
from django.db import connection, models
from django.test import SimpleTestCase, TransactionTestCase

from portal.core.events import AppendOnlyError, AppendOnlyEvent


class SampleEvent(AppendOnlyEvent):
    subject = models.CharField(max_length=20)

    class Meta(AppendOnlyEvent.Meta):
        app_label = "core"


class AppendOnlyEventTests(TransactionTestCase):
    # Only core's tables are flushed after each test (and with CASCADE): a full flush cannot
    # TRUNCATE search_searchentry on PostgreSQL, which the raw-SQL search_fulltext references.
    available_apps = ["portal.core"]

    # A throw-away table for a concrete event model: the base is abstract.
    def setUp(self):
        with connection.schema_editor() as editor:
            editor.create_model(SampleEvent)

    def tearDown(self):
        with connection.schema_editor() as editor:
            editor.delete_model(SampleEvent)

    def _event(self, **extra):
        return SampleEvent.objects.create(
            occurred_on=datetime.date(2026, 3, 2), kind="answer", subject="a", **extra
        )

    def test_an_event_is_written_once(self):
        event = self._event()
        event.note = "changed"
        with self.assertRaisesMessage(AppendOnlyError, "chỉ được ghi thêm"):
            event.save()
        self.assertEqual(SampleEvent.objects.get().note, "")

    def test_an_event_cannot_be_deleted(self):
        event = self._event()
        with self.assertRaises(AppendOnlyError):
            event.delete()
        with self.assertRaises(AppendOnlyError):
            SampleEvent.objects.all().delete()
        with self.assertRaises(AppendOnlyError):
            SampleEvent.objects.filter(pk=event.pk).delete()
        self.assertEqual(SampleEvent.objects.count(), 1)

    def test_bulk_edits_are_refused(self):
        event = self._event()
        with self.assertRaises(AppendOnlyError):
            SampleEvent.objects.update(note="x")
        with self.assertRaises(AppendOnlyError):
            SampleEvent.objects.filter(pk=event.pk).update(note="x")
        event.note = "x"
        with self.assertRaises(AppendOnlyError):
            SampleEvent.objects.bulk_update([event], ["note"])
        self.assertEqual(SampleEvent.objects.get().note, "")

    def test_a_correction_is_a_later_event_and_hides_the_first(self):
        first = self._event(note="sai")
        second = self._event(note="đúng", corrects=first)
        self.assertEqual(list(SampleEvent.objects.effective()), [second])
        self.assertTrue(second.is_correction)
        self.assertEqual(list(SampleEvent.objects.chronological()), [first, second])

    def test_bulk_create_appends(self):
        SampleEvent.objects.bulk_create(
            [
                SampleEvent(occurred_on=datetime.date(2026, 1, 5), kind="k", subject="b"),
                SampleEvent(occurred_on=datetime.date(2026, 1, 6), kind="k", subject="c"),
            ]
        )
        self.assertEqual(SampleEvent.objects.count(), 2)


class AppendOnlyEventBaseTests(SimpleTestCase):
    def test_the_base_names_no_domain_app(self):
        """Core depends on no domain app: each register adds its own source document."""
        related = {
            str(field.remote_field.model)
            for field in AppendOnlyEvent._meta.local_fields
            if field.remote_field
        }
        self.assertEqual(related, {settings.AUTH_USER_MODEL, "self"})
        self.assertNotIn("source_document", [f.name for f in AppendOnlyEvent._meta.local_fields])
