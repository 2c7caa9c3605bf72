"""The counting beacon: a tiny request every page makes, never cached, so cached pages count."""

import base64
from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from portal.core.visitors import get_visitor

from .bots import is_bot
from .services import beacon_page_id, sign_page_id, visit_record

__all__ = ["PIXEL", "beacon", "beacon_page_id", "sign_page_id"]

PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
NOT_COUNTED_REFERRERS = ("/admin/",)


def _should_count(request: HttpRequest) -> bool:
    if request.method == "HEAD":
        return False
    if is_bot(request.META.get("HTTP_USER_AGENT")):
        return False
    referrer_path = urlsplit(request.META.get("HTTP_REFERER", "")).path
    return not referrer_path.startswith(NOT_COUNTED_REFERRERS)


# CSRF-exempt on purpose: a cached page carries no fresh token, the beacon changes nothing but a
# counter, and any site could already make a browser load the GET pixel.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def beacon(request: HttpRequest) -> HttpResponse:
    """GET → a 1×1 GIF (the <noscript> pixel); POST → 204 (navigator.sendBeacon)."""
    raw_page = request.GET.get("p", "")
    page_id = beacon_page_id(raw_page) if raw_page else None
    if _should_count(request) and not (raw_page and page_id is None):
        visitor = get_visitor(request)
        key, alias = visitor.key, None
        if not visitor.has_cookie and request.META.get("HTTP_SEC_FETCH_MODE"):
            # A browser's first beacon (its page came from a cache, without the cookie): count
            # it under the cookie this response sets, so its next view continues the visit; the
            # address hash stays an alias in case the browser refuses cookies. Tools that never
            # keep cookies (no Sec-Fetch-* headers) stay one visitor by their address hash.
            key, alias = f"c:{visitor.new_cookie_id}", visitor.key
        visit_record(visitor_key=key, page_id=page_id, alias_key=alias)
    if request.method == "POST":
        response = HttpResponse(status=204)
    else:
        response = HttpResponse(PIXEL, content_type="image/gif")
    response["X-Robots-Tag"] = "noindex"
    return response
