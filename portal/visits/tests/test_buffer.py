"""The spool: a view is on disk before it is answered, flushed once, whoever dies meanwhile."""

import os
import signal
from unittest import mock

from django.test import TestCase
from django.utils import timezone

from portal.core.cache import ResilientRedisCache
from portal.core.testing import free_port
from portal.visits import services
from portal.visits.buffer import ACTIVE, SEALED, LocalBuffer, RedisBuffer
from portal.visits.models import FlushedSpool, PageViewCount, VisitTotal
from portal.visits.services import visits_flush

from .factories import two_articles


class SpoolTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article, _ = two_articles()

    def setUp(self):
        import tempfile

        self.directory = tempfile.mkdtemp(prefix="spool-test-")
        self.addCleanup(__import__("shutil").rmtree, self.directory, True)

    def _record(self, buffer, count, visitor="c:reader"):
        for _ in range(count):
            buffer.record(
                key_hash=services.visitor_key_hash(visitor),
                page_id=self.article.pk,
                now=timezone.now(),
            )

    def _flush(self, buffer):
        with mock.patch.object(services, "get_buffer", return_value=buffer):
            return visits_flush()

    def _files(self):
        return sorted(os.listdir(self.directory))

    def test_a_view_is_on_disk_when_record_returns(self):
        buffer = LocalBuffer(self.directory)
        self._record(buffer, 3)
        (name,) = self._files()
        self.assertTrue(name.endswith(ACTIVE))
        with open(os.path.join(self.directory, name)) as file:
            self.assertEqual(len(file.readlines()), 3)

    def test_views_of_a_process_killed_with_sigkill_are_flushed_by_another(self):
        pid = os.fork()
        if pid == 0:  # the worker: records, answers, is killed before any flush
            worker = LocalBuffer(self.directory)
            self._record(worker, 40)
            os.kill(os.getpid(), signal.SIGKILL)
        os.waitpid(pid, 0)
        self.assertEqual(len(self._files()), 1)  # its file, still ".active", unlocked now
        result = self._flush(LocalBuffer(self.directory))
        self.assertEqual(result.page_views, 40)
        self.assertEqual(PageViewCount.objects.get(page=self.article).views, 40)
        self.assertEqual(self._files(), [])

    def test_the_file_of_a_live_process_is_left_to_it(self):
        alive, flusher = LocalBuffer(self.directory), LocalBuffer(self.directory)
        self._record(alive, 5)
        self.assertEqual(self._flush(flusher).page_views, 0)
        alive.seal()  # its own flush hands the file over
        self.assertTrue(self._files()[0].endswith(SEALED))
        self.assertEqual(self._flush(flusher).page_views, 5)

    def test_a_file_is_never_counted_twice_even_if_deleting_it_failed(self):
        buffer = LocalBuffer(self.directory)
        self._record(buffer, 7)
        with mock.patch.object(LocalBuffer, "finish", staticmethod(LocalBuffer.release)):
            self.assertEqual(self._flush(buffer).page_views, 7)  # committed, file left behind
        self.assertEqual(len(self._files()), 1)
        self.assertEqual(self._flush(buffer).page_views, 0)
        self.assertEqual(PageViewCount.objects.get(page=self.article).views, 7)
        self.assertEqual(self._files(), [])
        self.assertEqual(FlushedSpool.objects.count(), 1)

    def test_a_failed_flush_keeps_the_views_for_the_next(self):
        buffer = LocalBuffer(self.directory)
        self._record(buffer, 4)
        with (
            mock.patch.object(services, "_add_page_views", side_effect=RuntimeError("db down")),
            self.assertRaises(RuntimeError),
        ):
            self._flush(buffer)
        self.assertEqual(self._flush(buffer).page_views, 4)

    def test_a_torn_or_foreign_line_is_skipped(self):
        buffer = LocalBuffer(self.directory)
        self._record(buffer, 2)
        buffer.seal()
        path = os.path.join(self.directory, self._files()[0])
        with open(path, "a") as file:
            file.write("garbage\n1.5\tkey\t")
        self.assertEqual(self._flush(buffer).page_views, 2)

    def test_with_redis_down_views_go_to_the_spool_and_are_counted(self):
        dead = ResilientRedisCache(f"redis://127.0.0.1:{free_port()}/0", {"KEY_PREFIX": "t"})
        buffer = RedisBuffer(dead, spool=LocalBuffer(self.directory))
        self._record(buffer, 6, visitor="c:one")
        self._record(buffer, 1, visitor="c:two")
        self.assertIsNone(buffer.online_count(timezone.now()))  # "—", not a guess
        self.assertEqual(buffer.pending_visits(), 0)
        result = self._flush(buffer)
        self.assertEqual((result.page_views, result.visits), (7, 2))
        self.assertEqual(VisitTotal.objects.get().total, 2)
