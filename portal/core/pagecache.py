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
  server without a front still renders a page once per change.

Anything else — a logged-in editor, a preview, a response that sets a cookie or says otherwise,
a page showing one visitor's notice (`mark_private`) — gets `Cache-Control: private, no-store`
and is never written to any cache.
"""

import datetime
import logging
import zlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import http_date, parse_http_date_safe

from .fragments import share_fragments

__all__ = [
    "PageCacheMiddleware",
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


def _bump() -> None:
    from .models import ContentVersion

    # F() so two editors publishing at once both count; the row is created on first use.
    if not ContentVersion.objects.filter(pk=1).update(
        value=F("value") + 1, changed_at=timezone.now()
    ):
        ContentVersion.objects.get_or_create(pk=1, defaults={"value": 2})


def content_changed() -> None:
    """Every cached page is stale from now on (after the current transaction commits)."""
    transaction.on_commit(_bump)


def mark_private(request: HttpRequest) -> None:
    """This response shows something meant for one visitor: keep it out of every cache."""
    request._dancu_private = True


def _shareable_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(_setting("PAGE_CACHE_EXCLUDED_PREFIXES", DEFAULT_EXCLUDED_PREFIXES)):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:  # an editor (or any session): never
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def _validators(request: HttpRequest) -> tuple[str, datetime.datetime]:
    version, changed_at = content_version()
    bucket_seconds = max(1, int(_setting("PAGE_CACHE_BUCKET_SECONDS", 60)))
    now = timezone.now().timestamp()
    bucket = int(now // bucket_seconds)
    bucket_start = datetime.datetime.fromtimestamp(bucket * bucket_seconds, tz=datetime.UTC)
    path = zlib.crc32(f"{request.get_host()}{request.get_full_path()}".encode())
    etag = f'W/"{version}-{bucket}-{path:08x}"'
    # The parts of the page cached on their own use the same version and bucket (fragments.py).
    share_fragments(request, version, bucket)
    return etag, max(changed_at, bucket_start)


def _not_modified(request: HttpRequest, etag: str, last_modified: datetime.datetime) -> bool:
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        candidates = [tag.strip() for tag in if_none_match.split(",")]
        bare = etag.removeprefix("W/")
        return any(tag.removeprefix("W/") == bare or tag == "*" for tag in candidates)
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return since is not None and int(last_modified.timestamp()) <= since


def _shared_headers(response: HttpResponse, etag: str, last_modified: datetime.datetime) -> None:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified.timestamp())
    response["Cache-Control"] = (
        f"public, max-age=0, s-maxage={int(_setting('PAGE_CACHE_SHARED_SECONDS', 1))}"
    )
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


def _cache_key(request: HttpRequest, etag: str) -> str:
    return f"pagecache:{etag}:{request.get_host()}{request.get_full_path()}"


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


class PageCacheMiddleware:
    """Shared-cache headers, 304s before rendering and the application's page cache.

    Sits right after WhiteNoise, outside the session, CSRF and visitor middleware, so it sees
    every cookie they set before deciding that a response may be shared.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _shareable_request(request):
            response = self.get_response(request)
            if not request.path.startswith(("/static/", "/media/", "/documents/")):
                _make_private(response)
            return response

        etag, last_modified = _validators(request)
        if _not_modified(request, etag, last_modified):
            response = HttpResponseNotModified()
            _shared_headers(response, etag, last_modified)
            return response

        key = _cache_key(request, etag)
        app_timeout = int(_setting("PAGE_CACHE_APP_SECONDS", 300))
        stored = _cache_get(key) if app_timeout > 0 else None
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["X-App-Cache"] = "HIT"
            _shared_headers(response, etag, last_modified)
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
        _shared_headers(response, etag, last_modified)
        if app_timeout > 0 and request.method == "GET":
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in NOT_REPLAYED
            ]
            _cache_set(key, (response.content, headers), app_timeout)
        return response
