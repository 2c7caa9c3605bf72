"""The WSGI short-cut: a shared page the application's cache holds, answered before Django runs."""

from unittest import mock

from django.core.cache import cache
from django.db import OperationalError
from django.test import Client, TestCase, override_settings

from portal.core import pagecache
from portal.core.models import ContentVersion
from portal.core.pagecache import SharedPageShortcut
from portal.core.testing.pages import published_article


def _environ(path: str, method: str = "GET", query: str = "", **headers) -> dict:
    """What gunicorn hands the application for a request like the test client's."""
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
    }
    environ.update(headers)
    return environ


class _Django:
    """Stands for Django behind the short-cut: counts what reaches it."""

    def __init__(self):
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        start_response("299 Django", [("Content-Type", "text/plain")])
        return [b"django"]


def _key_of(path: str) -> str:
    return pagecache._validators(_environ(path), *pagecache._version_memo.get()).key


def _call(shortcut: SharedPageShortcut, environ: dict) -> tuple[str, dict, bytes]:
    answer = {}

    def start_response(status, headers):
        answer["status"], answer["headers"] = status, headers

    body = b"".join(shortcut(environ, start_response))
    names = [name.lower() for name, _ in answer["headers"]]
    assert len(names) == len(set(names)), f"a header sent twice: {names}"
    return answer["status"], {name.lower(): value for name, value in answer["headers"]}, body


@override_settings(PAGE_CACHE_APP_SECONDS=300, PAGE_CACHE_VERSION_SECONDS=0)
class SharedPageShortcutTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = published_article(title="Kỳ họp thứ mười: nghị quyết về đầu tư công")

    def setUp(self):
        cache.clear()
        pagecache._version_memo.forget()
        self.django = _Django()
        self.shortcut = SharedPageShortcut(self.django)

    def _stored(self):
        """The first anonymous request renders the page and keeps its final response."""
        first = Client().get(self.article.url)
        self.assertEqual(first.status_code, 200)
        self.assertIn("public", first["Cache-Control"])
        return first

    def test_a_stored_page_comes_back_whole_without_reaching_django(self):
        first = self._stored()
        status, headers, body = _call(self.shortcut, _environ(self.article.url))
        self.assertEqual(self.django.calls, 0)
        self.assertEqual(status, "200 OK")
        self.assertEqual(body, first.content)
        self.assertEqual(headers["x-app-cache"], "HIT")
        self.assertEqual(headers["etag"], first["ETag"])
        self.assertEqual(headers["cache-control"], first["Cache-Control"])
        self.assertEqual(headers["content-length"], str(len(first.content)))
        # The hardening the outer middleware added was kept with the page, not lost.
        for name in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"):
            self.assertEqual(headers[name.lower()], first[name], name)
        self.assertNotIn("set-cookie", headers)
        self.assertNotIn("vary", headers)

    def test_head_gets_the_headers_and_no_body(self):
        first = self._stored()
        status, headers, body = _call(self.shortcut, _environ(self.article.url, "HEAD"))
        self.assertEqual((status, body), ("200 OK", b""))
        self.assertEqual(headers["content-length"], str(len(first.content)))

    def test_a_matching_validator_gets_304(self):
        first = self._stored()
        environ = _environ(self.article.url, HTTP_IF_NONE_MATCH=first["ETag"])
        status, headers, body = _call(self.shortcut, environ)
        self.assertEqual((status, body, self.django.calls), ("304 Not Modified", b"", 0))
        self.assertEqual(headers["etag"], first["ETag"])
        stale = _environ(self.article.url, HTTP_IF_NONE_MATCH='W/"0-0-00000000"')
        self.assertEqual(_call(self.shortcut, stale)[0], "200 OK")

    def test_requests_that_may_not_share_a_page_go_to_django(self):
        first = self._stored()
        etag = first["ETag"]
        for environ in (
            _environ(self.article.url, HTTP_COOKIE="sessionid=abc; csrftoken=x"),
            _environ(self.article.url, HTTP_AUTHORIZATION="Bearer x"),
            _environ(self.article.url, "POST"),
            _environ(self.article.url, query="danh-gia=moi"),
            _environ("/ca-nhan/"),
            # A host the portal does not serve: never a page or a 304, even with a known ETag.
            _environ(self.article.url, HTTP_HOST="evil.example", HTTP_IF_NONE_MATCH=etag),
            # Another scheme is another page (absolute links differ).
            _environ(self.article.url, **{"wsgi.url_scheme": "https"}),
        ):
            with self.subTest(environ=environ):
                before = self.django.calls
                status, _headers, body = _call(self.shortcut, environ)
                self.assertEqual((status, body), ("299 Django", b"django"))
                self.assertEqual(self.django.calls, before + 1)

    def test_a_forwarded_scheme_counts_only_from_a_trusted_proxy(self):
        with override_settings(TRUSTED_PROXIES=["127.0.0.1/32"]):
            Client().get(self.article.url, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
            trusted = _environ(self.article.url, HTTP_X_FORWARDED_PROTO="https")
            self.assertEqual(_call(self.shortcut, trusted)[0], "200 OK")
            forged = _environ(
                self.article.url, REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_PROTO="https"
            )
            self.assertEqual(_call(self.shortcut, forged)[0], "299 Django")

    def test_plain_http_is_left_to_the_https_redirect(self):
        self._stored()
        with override_settings(SECURE_SSL_REDIRECT=True):
            self.assertEqual(_call(self.shortcut, _environ(self.article.url))[0], "299 Django")

    def test_a_content_change_elsewhere_shows_once_the_version_is_read_again(self):
        self._stored()
        with override_settings(PAGE_CACHE_VERSION_SECONDS=60):
            self.assertEqual(_call(self.shortcut, _environ(self.article.url))[0], "200 OK")
            # Another app server publishes: the row changes, this process has not read it yet.
            ContentVersion.objects.update_or_create(pk=1, defaults={"value": 999})
            self.assertEqual(_call(self.shortcut, _environ(self.article.url))[0], "200 OK")
            pagecache._version_memo.forget()  # what PAGE_CACHE_VERSION_SECONDS' expiry does
            self.assertEqual(_call(self.shortcut, _environ(self.article.url))[0], "299 Django")

    def test_a_change_published_in_this_process_shows_at_once(self):
        self._stored()
        with override_settings(PAGE_CACHE_VERSION_SECONDS=60):
            self.assertEqual(_call(self.shortcut, _environ(self.article.url))[0], "200 OK")
            with self.captureOnCommitCallbacks(execute=True):
                self.article.save_revision().publish()
            self.assertEqual(_call(self.shortcut, _environ(self.article.url))[0], "299 Django")

    def test_a_failing_cache_or_database_leaves_the_answer_to_django(self):
        self._stored()
        with mock.patch.object(pagecache.cache, "get", side_effect=ConnectionError("redis")):
            self.assertEqual(_call(self.shortcut, _environ(self.article.url))[0], "299 Django")
        with mock.patch.object(
            pagecache, "content_version", side_effect=OperationalError("database is locked")
        ):
            self.assertEqual(_call(self.shortcut, _environ(self.article.url))[0], "299 Django")
        self.assertEqual(_call(self.shortcut, _environ(self.article.url))[0], "200 OK")

    def test_the_process_keeps_the_last_pages_and_drops_them_with_the_version(self):
        first = self._stored()
        self.assertEqual(_call(self.shortcut, _environ(self.article.url))[0], "200 OK")
        # Redis gone: the copy this process kept still answers, byte for byte.
        with mock.patch.object(pagecache.cache, "get", side_effect=ConnectionError("redis")):
            status, _headers, body = _call(self.shortcut, _environ(self.article.url))
        self.assertEqual((status, body), ("200 OK", first.content))
        # A content change makes the local copy unreachable too.
        with self.captureOnCommitCallbacks(execute=True):
            self.article.save_revision().publish()
        self.assertEqual(_call(self.shortcut, _environ(self.article.url))[0], "299 Django")

    @override_settings(PAGE_CACHE_LOCAL_ENTRIES=1)
    def test_the_local_copies_are_bounded(self):
        other = published_article(title="Một bài khác")
        for page in (self.article, other):
            Client().get(page.url)
            self.assertEqual(_call(self.shortcut, _environ(page.url))[0], "200 OK")
        self.assertIsNone(self.shortcut.local.get(_key_of(self.article.url)))
        self.assertIsNotNone(self.shortcut.local.get(_key_of(other.url)))

    @override_settings(PAGE_CACHE_APP_SECONDS=0)
    def test_off_when_the_application_keeps_no_pages(self):
        self.assertEqual(_call(self.shortcut, _environ(self.article.url))[0], "299 Django")
