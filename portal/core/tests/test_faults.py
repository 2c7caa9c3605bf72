import errno
import sqlite3
from unittest import mock

from django.db import IntegrityError, OperationalError, connections
from django.db.utils import InternalError
from django.test import RequestFactory, TestCase, override_settings
from django.urls import path

from portal.core.faults import STORAGE_UNAVAILABLE_MESSAGE, is_storage_fault


def _wrapped(django_error, cause):
    try:
        raise django_error from cause
    except Exception as error:
        return error


class _PgError(Exception):
    def __init__(self, sqlstate):
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


class StorageFaultTests:
    def test_storage_refusals_are_faults(self):
        readonly = sqlite3.OperationalError("attempt to write a readonly database")
        full = sqlite3.OperationalError("database or disk is full")
        assert is_storage_fault(_wrapped(OperationalError(str(readonly)), readonly))
        assert is_storage_fault(_wrapped(OperationalError(str(full)), full))
        read_only_txn = _PgError("25006")
        assert is_storage_fault(_wrapped(InternalError("read-only transaction"), read_only_txn))
        assert is_storage_fault(_wrapped(OperationalError("disk full"), _PgError("53100")))
        assert is_storage_fault(OSError(errno.EROFS, "Read-only file system"))
        assert is_storage_fault(OSError(errno.ENOSPC, "No space left on device"))

    def test_mistakes_in_our_code_stay_errors(self):
        typo = sqlite3.OperationalError("no such column: stras")
        assert not is_storage_fault(_wrapped(OperationalError(str(typo)), typo))
        assert not is_storage_fault(_wrapped(IntegrityError("dup"), _PgError("23505")))
        assert not is_storage_fault(ValueError("x"))
        assert not is_storage_fault(OSError(errno.ENOENT, "missing"))


READONLY = OperationalError("attempt to write a readonly database")
READONLY.__cause__ = sqlite3.OperationalError("attempt to write a readonly database")
FAILURE = {"error": READONLY}


def failing_write(request):
    raise FAILURE["error"]


urlpatterns = [path("ghi/", failing_write)]


@override_settings(ROOT_URLCONF=__name__)
class StorageFaultResponseTests(TestCase):
    """A write the database refuses: a Vietnamese 503 with Retry-After, never a 500."""

    def setUp(self):
        FAILURE["error"] = READONLY

    def test_html_caller_gets_a_vietnamese_page(self):
        response = self.client.post("/ghi/")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response["Retry-After"], "30")
        self.assertIn(STORAGE_UNAVAILABLE_MESSAGE, response.content.decode())
        self.assertIn("no-cache", response["Cache-Control"])

    def test_json_caller_gets_json(self):
        response = self.client.post("/ghi/", HTTP_ACCEPT="application/json")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json(), {"ok": False, "error": STORAGE_UNAVAILABLE_MESSAGE})

    def test_full_disk_is_a_503_too(self):
        FAILURE["error"] = OSError(errno.ENOSPC, "No space left on device")
        response = self.client.post("/ghi/")
        self.assertEqual(response.status_code, 503)

    def test_other_errors_stay_500(self):
        FAILURE["error"] = ValueError("a bug")
        self.client.raise_request_exception = False
        response = self.client.post("/ghi/")
        self.assertEqual(response.status_code, 500)

    def test_a_fault_outside_the_view_is_a_503_too(self):
        from portal.core.views import server_error

        request = RequestFactory().get("/")
        try:
            raise READONLY
        except OperationalError:
            response = server_error(request)
        self.assertEqual(response.status_code, 503)


class HealthTests(TestCase):
    def test_liveness_touches_nothing_and_sets_no_cookie(self):
        with self.assertNumQueries(0):
            response = self.client.get("/healthz", HTTP_HOST="10.9.8.7")  # any host
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"status": "ok"})
        self.assertFalse(response.cookies)
        self.assertIn("no-store", response["Cache-Control"])

    def test_readiness_checks_database_cache_and_disk(self):
        response = self.client.get("/readyz")
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["failing"], [])
        self.assertEqual(set(body["checks"]), {"database", "cache", "disk"})
        self.assertFalse(response.cookies)
        self.assertIn("no-store", response["Cache-Control"])

    def test_readiness_names_the_failing_check(self):
        # On the connection itself: a test case that ran before may have left an instance
        # attribute (Django's database-access guard) that a patch of the class would not reach.
        with mock.patch.object(connections["default"], "cursor", side_effect=READONLY):
            response = self.client.get("/readyz/")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json()["failing"], ["database"])
        with override_settings(HEALTH_MIN_FREE_MB=10**12):
            response = self.client.get("/readyz")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json()["failing"], ["disk"])
        self.assertIn("MB free", response.json()["checks"]["disk"]["detail"])
