"""Pages every visitor shares: one content version, cheap ETags, a page cache, shared-cache headers.

An anonymous GET/HEAD of a public page is the same for everyone (per-visitor state comes from
`/ca-nhan/`, see portal.core.views.visitor_state). Such a response gets

- `ETag`/`Last-Modified` computed *before* rendering, from the content version (one row,
  bumped on every content change: portal.core.signals) and a time bucket (so counts printed
  in the page and the date in the header refresh within PAGE_CACHE_BUCKET_SECONDS even when
  nothing is published); a conditional request that matches is answered 304 without rendering;
- `Cache-Control: public, max-age=0, s-maxage=N`: browsers revalidate every time, a shared
  cache (the nginx front) keeps it N seconds, then revalidates with a conditional request;
- a copy in the application's cache (Redis or local memory), keyed on the version, so an app
  server without a front still renders a page once per change. The copy holds the final
  response, security headers included; `SharedPageShortcut` (portal.wsgi) answers a request for
  it before Django builds a request or runs any middleware, reading the content version at
  most every PAGE_CACHE_VERSION_SECONDS per process (a change made elsewhere shows within that).

Anything else — a logged-in editor, a preview, a response that sets a cookie or says otherwise,
a page showing one visitor's notice (`mark_private`) — gets `Cache-Control: private, no-store`
and is never written to any cache.
"""

import datetime
import logging
import threading
import time
import zlib
from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connections, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.http.request import split_domain_port, validate_host
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import http_date, parse_http_date_safe

from .fragments import share_fragments
from .security import forwarded_scheme

__all__ = [
    "PageCacheMiddleware",
    "SharedPageShortcut",
    "content_changed",
    "content_version",
    "mark_private",
]

logger = logging.getLogger(__name__)

PRIVATE = "private, no-store"
# Paths whose answers belong to one visitor or are served elsewhere; never shared from here.
DEFAULT_EXCLUDED_PREFIXES = (
    "/admin/",
    "/documents/",
    "/captcha/",
    "/ca-nhan/",
    "/thong-ke/ghi/",
    "/static/",
    "/media/",
    "/django-admin/",
)
# Response headers that must not be replayed from the application's page cache.
NOT_REPLAYED = {"set-cookie", "vary", "date", "etag", "last-modified", "cache-control"}
EPOCH = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def _setting(name: str, default):
    return getattr(settings, name, default)


def content_version() -> tuple[int, datetime.datetime]:
    """(version, when it last changed): one indexed read, shared by every server."""
    from .models import ContentVersion

    row = ContentVersion.objects.filter(pk=1).values_list("value", "changed_at").first()
    return row if row else (0, EPOCH)


class _VersionMemo:
    """The content version as this process last read it, for the WSGI short-cut only.

    Rendering (PageCacheMiddleware) always reads the database; the short-cut may answer from a
    copy up to PAGE_CACHE_VERSION_SECONDS old, so a change made on another server shows there
    within that time (this process's own changes show at once: `_bump` forgets the copy).
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._value: tuple[float, int, datetime.datetime] | None = None

    def get(self) -> tuple[int, datetime.datetime]:
        memo = self._value
        if memo is not None and memo[0] > time.monotonic():
            return memo[1], memo[2]
        with self._lock:  # one database read per expiry, not one per waiting thread
            memo = self._value
            if memo is not None and memo[0] > time.monotonic():
                return memo[1], memo[2]
            try:
                version, changed_at = content_version()
            finally:
                # Outside a Django request nothing else closes this thread's connection.
                for connection in connections.all(initialized_only=True):
                    if not connection.in_atomic_block:
                        connection.close_if_unusable_or_obsolete()
            seconds = float(_setting("PAGE_CACHE_VERSION_SECONDS", 0.5))
            self._value = (time.monotonic() + seconds, version, changed_at)
            return version, changed_at

    def forget(self) -> None:
        self._value = None


_version_memo = _VersionMemo()


def _bump() -> None:
    from .models import ContentVersion

    # F() so two editors publishing at once both count; the row is created on first use.
    if not ContentVersion.objects.filter(pk=1).update(
        value=F("value") + 1, changed_at=timezone.now()
    ):
        ContentVersion.objects.get_or_create(pk=1, defaults={"value": 2})
    _version_memo.forget()


def content_version_advance_past(served: int) -> None:
    """After the database was replaced (a restore): move the version above both the restored
    one and `served`, the last one served before. A page's key and ETag name only the version
    and the time bucket, so a restored, lower version would otherwise count up again through
    numbers whose pages (in nginx, browsers, each process's local copies) show the old content."""
    from .models import ContentVersion

    ContentVersion.objects.update_or_create(
        pk=1,
        defaults={"value": max(served, content_version()[0]) + 1, "changed_at": timezone.now()},
    )
    _version_memo.forget()


def content_changed() -> None:
    """Every cached page is stale from now on (after the current transaction commits)."""
    transaction.on_commit(_bump)


def mark_private(request: HttpRequest) -> None:
    """This response shows something meant for one visitor: keep it out of every cache."""
    request._dancu_private = True


def _shareable_environ(environ: dict) -> bool:
    """A request that may get a shared page: anonymous GET/HEAD of a public path.

    Reads the WSGI environ (request.META is one), so the short-cut and the middleware agree.
    """
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return False
    if environ.get("PATH_INFO", "").startswith(
        _setting("PAGE_CACHE_EXCLUDED_PREFIXES", DEFAULT_EXCLUDED_PREFIXES)
    ):
        return False
    # An editor (or any session): never. A substring test errs on the side of not sharing.
    if f"{settings.SESSION_COOKIE_NAME}=" in environ.get("HTTP_COOKIE", ""):
        return False
    if "HTTP_AUTHORIZATION" in environ:
        return False
    # Plain HTTP where HTTPS is required: SecurityMiddleware redirects it.
    return not (_setting("SECURE_SSL_REDIRECT", False) and forwarded_scheme(environ) != "https")


@dataclass(frozen=True)
class _Validators:
    version: int
    etag: str
    last_modified: datetime.datetime
    bucket: int
    key: str  # the application's copy of the page


def _host(environ: dict) -> str:
    if _setting("USE_X_FORWARDED_HOST", False) and "HTTP_X_FORWARDED_HOST" in environ:
        return environ["HTTP_X_FORWARDED_HOST"]
    return environ.get("HTTP_HOST") or f"{environ['SERVER_NAME']}:{environ['SERVER_PORT']}"


def _allowed_host(environ: dict) -> bool:
    """The test HttpRequest.get_host() applies, for the short-cut that answers without one."""
    domain, _port = split_domain_port(_host(environ))
    allowed = settings.ALLOWED_HOSTS
    if settings.DEBUG and not allowed:
        allowed = [".localhost", "127.0.0.1", "[::1]"]
    return bool(domain) and validate_host(domain, allowed)


def _validators(environ: dict, version: int, changed_at: datetime.datetime) -> _Validators:
    bucket_seconds = max(1, int(_setting("PAGE_CACHE_BUCKET_SECONDS", 60)))
    bucket = int(timezone.now().timestamp() // bucket_seconds)
    bucket_start = datetime.datetime.fromtimestamp(bucket * bucket_seconds, tz=datetime.UTC)
    query = environ.get("QUERY_STRING", "")
    path = environ.get("PATH_INFO", "") + (f"?{query}" if query else "")
    location = f"{forwarded_scheme(environ)}://{_host(environ)}{path}"
    etag = f'W/"{version}-{bucket}-{zlib.crc32(location.encode()):08x}"'
    return _Validators(
        version=version,
        etag=etag,
        last_modified=max(changed_at, bucket_start),
        bucket=bucket,
        key=f"pagecache:{etag}:{location}",
    )


def _not_modified(environ: dict, validators: _Validators) -> bool:
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        candidates = [tag.strip() for tag in if_none_match.split(",")]
        bare = validators.etag.removeprefix("W/")
        return any(tag.removeprefix("W/") == bare or tag == "*" for tag in candidates)
    since = parse_http_date_safe(environ.get("HTTP_IF_MODIFIED_SINCE", ""))
    return since is not None and int(validators.last_modified.timestamp()) <= since


def _shared_header_items(validators: _Validators) -> list[tuple[str, str]]:
    return [
        ("ETag", validators.etag),
        ("Last-Modified", http_date(validators.last_modified.timestamp())),
        (
            "Cache-Control",
            f"public, max-age=0, s-maxage={int(_setting('PAGE_CACHE_SHARED_SECONDS', 1))}",
        ),
    ]


def _shared_headers(response: HttpResponse, validators: _Validators) -> None:
    for name, value in _shared_header_items(validators):
        response[name] = value
    # The bytes are the same whatever the cookies or languages: one copy in a shared cache.
    if response.has_header("Vary"):
        del response["Vary"]


def _shareable_response(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Cache-Control")
        # A page that used a CSRF token holds one visitor's secret, cookie or not.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(request, "_dancu_private", False)
        and not getattr(request, "is_preview", False)
    )


def _make_private(response: HttpResponse) -> None:
    if response.has_header("Cache-Control"):
        patch_cache_control(response, private=True)
        if "public" in response["Cache-Control"]:
            response["Cache-Control"] = PRIVATE
    else:
        response["Cache-Control"] = PRIVATE


def _cache_get(key: str):
    try:
        return cache.get(key)
    except Exception:  # the cache accelerates; Redis gone means rendering, not a 500
        logger.warning("page cache unavailable", exc_info=True)
        return None


def _cache_set(key: str, value, timeout: int) -> None:
    try:
        cache.set(key, value, timeout)
    except Exception:
        logger.warning("page cache unavailable", exc_info=True)


def _app_seconds() -> int:
    return int(_setting("PAGE_CACHE_APP_SECONDS", 300))


class PageCacheMiddleware:
    """Shared-cache headers, 304s before rendering and the application's page cache.

    Sits right after TrustedProxySSLMiddleware (so it knows the scheme) and outside everything
    else: it sees every cookie the session, CSRF and visitor middleware set before deciding that
    a response may be shared, and it stores the final response, with the security and CSP
    headers, so that replaying it needs none of them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _shareable_environ(request.META):
            response = self.get_response(request)
            if not request.path.startswith(("/static/", "/media/", "/documents/")):
                _make_private(response)
            return response

        request.get_host()  # DisallowedHost (400) before anything is read or kept for it
        validators = _validators(request.META, *content_version())
        # The parts of the page cached on their own use the same version and bucket (fragments.py).
        share_fragments(request, validators.version, validators.bucket)
        if _not_modified(request.META, validators):
            response = HttpResponseNotModified()
            _shared_headers(response, validators)
            return response

        app_timeout = _app_seconds()
        stored = _cache_get(validators.key) if app_timeout > 0 else None
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["X-App-Cache"] = "HIT"
            _shared_headers(response, validators)
            return response

        response = self.get_response(request)
        if not _shareable_response(request, response):
            # A view that chose its own caching (e.g. the open-data API) keeps its choice, unless
            # its answer sets a cookie or shows one visitor's notice.
            own_choice = response.has_header("Cache-Control") and not (
                response.cookies or getattr(request, "_dancu_private", False)
            )
            if not own_choice:
                _make_private(response)
            return response
        _shared_headers(response, validators)
        if app_timeout > 0 and request.method == "GET":
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in NOT_REPLAYED
            ]
            _cache_set(validators.key, (response.content, headers), app_timeout)
        return response


class _LocalPages:
    """The pages this process answered last, by cache key: a bounded LRU in front of Redis.

    A key names one content version and one time bucket, so what it holds never changes: a
    local copy is exactly as fresh as the shared one, and a version bump makes both unreachable.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._pages: OrderedDict[str, tuple] = OrderedDict()

    def get(self, key: str):
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: str, page: tuple) -> None:
        limit = int(_setting("PAGE_CACHE_LOCAL_ENTRIES", 200))
        with self._lock:
            self._pages[key] = page
            self._pages.move_to_end(key)
            while len(self._pages) > max(0, limit):
                self._pages.popitem(last=False)


class SharedPageShortcut:
    """WSGI wrapper: answer a shared page the application's cache holds, before Django runs.

    What the middleware stored is the final response for that scheme, host, path and query; a
    request that may share it (the same tests as the middleware's) gets it back with fresh
    validators, or a 304, without a request object, middleware, URL resolution or database
    read (the content version comes from `_VersionMemo`). The last pages answered are also kept
    in the process (`_LocalPages`, PAGE_CACHE_LOCAL_ENTRIES), sparing a trip to Redis and the
    unpickling of the page. Anything else, and any failure of the cache or the database, goes to
    Django, which decides and answers as always.
    """

    def __init__(self, application):
        self.application = application
        self.local = _LocalPages()

    def __call__(self, environ, start_response):
        answer = self._answer(environ)
        if answer is None:
            return self.application(environ, start_response)
        status, headers, body = answer
        start_response(status, headers)
        return [body]

    def _answer(self, environ) -> tuple[str, list[tuple[str, str]], bytes] | None:
        try:
            if _app_seconds() <= 0 or not _shareable_environ(environ):
                return None
            if not _allowed_host(environ):
                return None
            validators = _validators(environ, *_version_memo.get())
            if _not_modified(environ, validators):
                return "304 Not Modified", _shared_header_items(validators), b""
            stored = self.local.get(validators.key)
            if stored is None:
                stored = cache.get(validators.key)
                if stored is not None:
                    self.local.put(validators.key, stored)
        except Exception:  # a cache or database fault: Django answers (and reports) it
            logger.debug("page cache short-cut unavailable", exc_info=True)
            return None
        if stored is None:
            return None
        content, headers = stored
        items = [(name, value) for name, value in headers if name.lower() != "content-length"]
        items += _shared_header_items(validators)
        items += [("X-App-Cache", "HIT"), ("Content-Length", str(len(content)))]
        body = b"" if environ["REQUEST_METHOD"] == "HEAD" else content
        return "200 OK", items, body
