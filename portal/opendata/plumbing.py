"""What every /api/v1/ answer shares: RFC 3339 dates, problem+json errors, cursor paging, limits.

Kept apart from portal.opendata.api because REST_FRAMEWORK settings name these classes and DRF
imports them while its own views module is still loading.
"""

import datetime
import math
import time

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, pagination, serializers, throttling
from rest_framework.response import Response

from portal.core.ratelimit import Limit, hit, limits_for
from portal.core.visitors import address_hash, client_address

__all__ = [
    "ApiRateThrottle",
    "CursorPagination",
    "Rfc3339DateTimeField",
    "add_problem_responses",
    "api_rate_limit",
    "parse_updated_since",
    "problem_exception_handler",
    "rfc3339",
]

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_TITLES = {
    400: "Yêu cầu không hợp lệ",
    403: "Không được phép truy cập",
    404: "Không tìm thấy",
    405: "Phương thức không được hỗ trợ",
    406: "Không có định dạng phù hợp",
    415: "Kiểu dữ liệu không được hỗ trợ",
    429: "Quá nhiều yêu cầu",
    500: "Lỗi máy chủ",
}
PROBLEM_DETAILS = {
    403: "Bạn không có quyền truy cập tài nguyên này.",
    404: "Không tìm thấy tài nguyên được yêu cầu.",
    405: "API chỉ cho phép đọc (GET, HEAD, OPTIONS).",
    406: "API chỉ trả về JSON (application/json).",
    415: "API không nhận dữ liệu gửi lên.",
}
# DRF's own messages for the query parameters we validate, by error code, in Vietnamese.
FIELD_MESSAGES = {
    "invalid": "Giá trị không hợp lệ.",
    "invalid_choice": "Giá trị không nằm trong danh sách cho phép.",
    "min_value": "Giá trị quá nhỏ.",
    "max_value": "Giá trị quá lớn.",
    "max_length": "Giá trị quá dài.",
    "max_string_length": "Giá trị quá lớn.",
    "required": "Cần có giá trị.",
    "null": "Cần có giá trị.",
    "blank": "Không được để trống.",
    "null_characters_not_allowed": "Không được chứa ký tự rỗng (NUL).",
    "surrogate_characters_not_allowed": "Chứa ký tự không hợp lệ.",
}
UPDATED_SINCE_HELP = (
    "Chỉ trả về mục được cập nhật từ thời điểm này (RFC 3339, ví dụ 2026-11-20T08:00:00+07:00)."
)


# ---------------------------------------------------------------------------- dates


def rfc3339(value: datetime.datetime | None) -> str | None:
    """2026-11-20T08:30:00+07:00: seconds precision, in the portal's timezone."""
    if value is None:
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return timezone.localtime(value).replace(microsecond=0).isoformat()


@extend_schema_field(OpenApiTypes.DATETIME)
class Rfc3339DateTimeField(serializers.ReadOnlyField):
    """A read-only date-time rendered as RFC 3339 with the +07:00 offset."""

    def to_representation(self, value):
        return rfc3339(value)


def parse_updated_since(raw: str) -> datetime.datetime:
    """Parse ?updated_since= (RFC 3339 / ISO 8601); naive values are Vietnam time."""
    try:
        value = datetime.datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    except ValueError as error:
        raise exceptions.ValidationError(
            {"updated_since": ["Thời điểm không hợp lệ, cần dạng 2026-11-20T08:00:00+07:00."]},
            code="vi",
        ) from error
    try:
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        # PostgreSQL refuses offsets beyond ±15:59 (Python allows up to ±23:59): compare in UTC.
        return value.astimezone(datetime.UTC)
    except (OverflowError, ValueError) as error:
        raise exceptions.ValidationError(
            {"updated_since": ["Thời điểm nằm ngoài khoảng cho phép."]}, code="vi"
        ) from error


# ---------------------------------------------------------------------------- errors


def problem_response(
    status_code: int, detail: str, *, instance: str = "", errors=None, headers=None
) -> Response:
    """An RFC 9457 problem details answer, in Vietnamese."""
    body = {
        "type": "about:blank",
        "title": PROBLEM_TITLES.get(status_code, "Lỗi"),
        "status": status_code,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    if errors:
        body["errors"] = errors
    response = Response(body, status=status_code, headers=headers)
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


def _vietnamese_errors(exc: exceptions.ValidationError) -> dict:
    """{parameter: [messages]} with DRF's English messages replaced by their code's Vietnamese."""
    details = exc.detail if isinstance(exc.detail, dict) else {"chung": exc.detail}
    codes = exc.get_codes()
    codes = codes if isinstance(codes, dict) else {"chung": codes}
    errors = {}
    for name, messages in details.items():
        messages = messages if isinstance(messages, list) else [messages]
        field_codes = codes.get(name, [])
        field_codes = field_codes if isinstance(field_codes, list) else [field_codes]
        errors[name] = [
            FIELD_MESSAGES.get(code, str(message)) if isinstance(code, str) else str(message)
            for message, code in zip(messages, field_codes or [None] * len(messages), strict=False)
        ]
    return errors


def problem_exception_handler(exc, context):
    """DRF's exception handler, answering every error as problem+json in Vietnamese."""
    request = context.get("request")
    instance = request.path if request is not None else ""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if not isinstance(exc, exceptions.APIException):
        return None  # a bug: let Django log it and answer 500
    headers = {}
    errors = None
    code = exc.status_code
    if isinstance(exc, exceptions.Throttled):
        wait = math.ceil(exc.wait or 1)
        headers["Retry-After"] = str(wait)
        detail = f"Bạn gửi quá nhiều yêu cầu. Vui lòng thử lại sau {wait} giây."
    elif isinstance(exc, exceptions.ValidationError):
        errors = _vietnamese_errors(exc)
        detail = "Tham số không hợp lệ: " + "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in errors.items()
        )
    elif code in PROBLEM_DETAILS and (
        code in {405, 406, 415} or str(exc.detail) == str(exc.default_detail)
    ):
        detail = PROBLEM_DETAILS[code]
    else:
        detail = str(exc.detail)
    return problem_response(code, detail, instance=instance, errors=errors, headers=headers)


def doc_excludes() -> list:
    """drf-spectacular: classes whose (English, internal) docstrings never become descriptions."""
    from drf_spectacular.plumbing import get_lib_doc_excludes

    from .api import PublicReadOnlyViewSet

    return [*get_lib_doc_excludes(), PublicReadOnlyViewSet]


def only_open_data_paths(endpoints):
    """drf-spectacular hook: the schema describes /api/v1/ only (not Wagtail's admin API)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


def add_problem_responses(result, generator, request, public):
    """drf-spectacular hook: every operation documents its problem answers and 304."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Problem"] = {
        "type": "object",
        "description": "Chi tiết lỗi theo RFC 9457 (tiếng Việt).",
        "properties": {
            "type": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string"},
            "instance": {"type": "string"},
            "errors": {"type": "object", "additionalProperties": True},
        },
        "required": ["type", "title", "status", "detail"],
    }
    problem = {PROBLEM_CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in {"get", "head"}:
                continue
            responses = operation.setdefault("responses", {})
            responses.setdefault("304", {"description": "Không thay đổi (ETag/Last-Modified)."})
            for code in ("400", "404", "406", "429"):
                responses.setdefault(
                    code, {"description": PROBLEM_TITLES[int(code)], "content": problem}
                )
    return result


# ---------------------------------------------------------------------------- paging, limits


class CursorPagination(pagination.CursorPagination):
    """Opaque cursors, `next`/`prev` links in the body and in an RFC 8288 Link header."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    invalid_cursor_message = "Con trỏ trang (cursor) không hợp lệ."
    cursor_query_description = "Con trỏ trang, lấy từ liên kết next/prev."
    page_size_query_description = "Số mục mỗi trang (1–100, mặc định 20)."

    def get_ordering(self, request, queryset, view):
        ordering = getattr(view, "cursor_ordering", "-pk")
        return (ordering,) if isinstance(ordering, str) else tuple(ordering)

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if not 1 <= size <= self.max_page_size:
            raise exceptions.ValidationError(
                {"page_size": [f"Cần là số nguyên từ 1 đến {self.max_page_size}."]}, code="vi"
            )
        return size

    def get_paginated_response(self, data):
        links = []
        next_link, prev_link = self.get_next_link(), self.get_previous_link()
        if next_link:
            links.append(f'<{next_link}>; rel="next"')
        if prev_link:
            links.append(f'<{prev_link}>; rel="prev"')
        headers = {"Link": ", ".join(links)} if links else None
        return Response({"next": next_link, "prev": prev_link, "results": data}, headers=headers)

    def get_paginated_response_schema(self, schema):
        link = {"type": ["string", "null"], "format": "uri"}
        return {
            "type": "object",
            "required": ["next", "prev", "results"],
            "properties": {"next": link, "prev": link, "results": schema},
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": self.cursor_query_description,
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": self.page_size_query_description,
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]


def api_rate_limit() -> Limit:
    """The API's limit per client address: RATE_LIMITS["api"]["address"]."""
    return limits_for(ApiRateThrottle.scope)["address"]


class ApiRateThrottle(throttling.BaseThrottle):
    """RATE_LIMITS["api"]["address"] hits per window per client address, in the shared store.

    The address is the socket peer unless it is a trusted proxy (portal.core.visitors), so a
    forged X-Forwarded-For earns no fresh allowance — DRF's own throttles would believe it.
    """

    scope = "api"

    def allow_request(self, request, view):
        self.limit = api_rate_limit()
        identity = address_hash(client_address(request))
        return hit(self.scope, "address", identity, self.limit)

    def wait(self):
        seconds = self.limit.seconds
        return max(1, math.ceil(seconds - (time.time() % seconds)))
