"""Site-wide error views that need Vietnamese wording."""

import sys

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views import defaults

from .faults import is_storage_fault, storage_unavailable

__all__ = ["CSRF_FAILURE_MESSAGE", "csrf_failure", "server_error", "wants_json"]

CSRF_FAILURE_MESSAGE = (
    "Phiên làm việc đã hết hạn hoặc yêu cầu không hợp lệ. "
    "Vui lòng tải lại trang rồi gửi lại (trình duyệt cần cho phép cookie)."
)


def wants_json(request: HttpRequest) -> bool:
    """True when the caller (our progressive-enhancement scripts) asked for JSON."""
    return "application/json" in request.headers.get("Accept", "")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a 403 that tells a citizen what to do, in Vietnamese."""
    if wants_json(request):
        return JsonResponse({"ok": False, "error": CSRF_FAILURE_MESSAGE}, status=403)
    html = render_to_string(
        "core/message_page.html",
        {"title": "Không gửi được yêu cầu", "message": CSRF_FAILURE_MESSAGE},
        request=request,
    )
    return HttpResponse(html, status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a storage fault raised outside a view (e.g. saving a session) is still a 503."""
    error = sys.exc_info()[1]
    if error is not None and is_storage_fault(error):
        return storage_unavailable(request)
    return defaults.server_error(request)
