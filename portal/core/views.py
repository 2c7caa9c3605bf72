"""Site-wide views: the per-visitor state pages ask for, and errors that need Vietnamese wording."""

import sys
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.module_loading import import_string
from django.views import defaults
from django.views.decorators.http import require_GET

from .faults import is_storage_fault, storage_unavailable

__all__ = ["CSRF_FAILURE_MESSAGE", "csrf_failure", "server_error", "visitor_state", "wants_json"]

CSRF_FAILURE_MESSAGE = (
    "Phiên làm việc đã hết hạn hoặc yêu cầu không hợp lệ. "
    "Vui lòng tải lại trang rồi gửi lại (trình duyệt cần cho phép cookie)."
)
CONFIRM_TITLE = "Xác nhận gửi"
CONFIRM_MESSAGE = (
    "Trang bạn vừa dùng được lưu sẵn cho mọi người, nên chưa có mã bảo vệ riêng của bạn. "
    "Vui lòng bấm “Xác nhận gửi” để gửi lại đúng nội dung bạn đã nhập."
)
# Fields never replayed: the token (a fresh one is added) and single-use verification codes.
NOT_REPLAYED = {"csrfmiddlewaretoken"}
MAX_REPLAYED_FIELDS = 20


def wants_json(request: HttpRequest) -> bool:
    """True when the caller (our progressive-enhancement scripts) asked for JSON."""
    return "application/json" in request.headers.get("Accept", "")


@require_GET
def visitor_state(request: HttpRequest) -> JsonResponse:
    """What one visitor's page needs and no shared cache may hold (Cache-Control: no-store).

    The CSRF token for the page's forms (and its cookie), the visitor cookie (set by
    VisitorMiddleware on this path), and what each widget app answers for the ids asked:
    ?bai-viet=ID (rating, views), ?binh-chon=ID (poll).
    """
    state = {"csrf_token": get_token(request)}
    for path in getattr(settings, "VISITOR_STATE_PROVIDERS", []):
        state.update(import_string(path)(request, request.GET))
    response = JsonResponse(state)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _same_origin(request: HttpRequest) -> bool:
    """The form was posted from one of our pages (not from another site)."""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = request.headers.get("Origin") or request.headers.get("Referer")
    if not origin:
        return True
    return urlsplit(origin).netloc == request.get_host()


def _replay_fields(request: HttpRequest) -> list[tuple[str, str]] | None:
    fields = [
        (name, value)
        for name, values in request.POST.lists()
        for value in values
        if name not in NOT_REPLAYED
    ]
    return fields if len(fields) <= MAX_REPLAYED_FIELDS else None


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a 403 that tells a citizen what to do, in Vietnamese.

    A form posted from a cached page without JavaScript carries no token: when it came from our
    own page, the answer is that form again with a fresh token, what was typed kept, one click
    to confirm (uncached; sets the CSRF cookie).
    """
    if wants_json(request):
        return JsonResponse({"ok": False, "error": CSRF_FAILURE_MESSAGE}, status=403)
    fields = _replay_fields(request) if request.method == "POST" else None
    if fields and _same_origin(request):
        html = render_to_string(
            "core/confirm_post.html",
            {
                "title": CONFIRM_TITLE,
                "message": CONFIRM_MESSAGE,
                "action": request.get_full_path(),
                "fields": fields,
            },
            request=request,
        )
        return HttpResponse(html, status=403)
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
