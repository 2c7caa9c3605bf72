"""The plumbing every /api/v1/ endpoint shares, and the way an app plugs its endpoints in.

Plugging in an endpoint (a register such as oversight or petitions does this in its own
`portal/<app>/api.py`, which `portal.opendata.urls` imports at start-up):

    from portal.opendata.api import PublicReadOnlyViewSet, register

    class ActivityViewSet(PublicReadOnlyViewSet):
        serializer_class = ActivitySerializer     # dates through Rfc3339DateTimeField
        cursor_ordering = "-pk"                   # a (nearly) unique, non-null column
        updated_field = "updated_at"              # drives ?updated_since= and Last-Modified

        def get_public_queryset(self):            # only what anonymous visitors may see
            return Activity.objects.published()

    register("oversight-activities", ActivityViewSet, basename="oversight-activity")

Such a viewset gets cursor pagination with a Link header, `updated_since`, ETag/Last-Modified
and 304, problem+json errors in Vietnamese, the shared rate limit and its place in the OpenAPI
schema and the documentation page; the anonymous-walk test visits it automatically.
"""

import hashlib
from dataclasses import dataclass

from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers, status, viewsets

from .plumbing import (
    PROBLEM_CONTENT_TYPE,
    PROBLEM_TITLES,
    UPDATED_SINCE_HELP,
    Rfc3339DateTimeField,
    parse_updated_since,
    rfc3339,
)

__all__ = [
    "ENDPOINTS",
    "PROBLEM_CONTENT_TYPE",
    "PROBLEM_TITLES",
    "PublicReadOnlyViewSet",
    "Rfc3339DateTimeField",
    "register",
    "rfc3339",
    "updated_since_parameter",
]


# ---------------------------------------------------------------------------- viewsets


class PublicReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """Read-only, anonymous; only `get_public_queryset()` ever reaches a response."""

    cursor_ordering = "-pk"
    updated_field = ""
    http_method_names = ["get", "head", "options"]

    def get_public_queryset(self):
        raise NotImplementedError

    def filter_public_queryset(self, queryset, params):
        """Apply the endpoint's own filters (validated query parameters)."""
        return queryset

    filter_serializer_class: type[serializers.Serializer] | None = None

    def get_queryset(self):
        queryset = self.get_public_queryset()
        if self.action != "list":
            return queryset
        params = {}
        if self.filter_serializer_class is not None:
            # A plain dict: DRF would silently drop blank values of a QueryDict ("?year=").
            filters = self.filter_serializer_class(data=self.request.query_params.dict())
            filters.is_valid(raise_exception=True)
            params = {k: v for k, v in filters.validated_data.items() if v not in (None, "")}
        raw_since = self.request.query_params.get("updated_since")
        if self.updated_field and raw_since:
            since = parse_updated_since(raw_since)
            queryset = queryset.filter(**{f"{self.updated_field}__gte": since})
        return self.filter_public_queryset(queryset, params)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in {"GET", "HEAD"} or response.status_code != status.HTTP_200_OK:
            return response
        response.render()
        etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
        last_modified = self._last_modified(response)
        response["ETag"] = etag
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified)
        response["Cache-Control"] = "public, max-age=60"
        conditional = get_conditional_response(
            request, etag=etag, last_modified=last_modified, response=response
        )
        return conditional

    def get_object(self):
        self._object = super().get_object()
        return self._object

    def _last_modified(self, response) -> float | None:
        # Only a single item has a trustworthy modification time: a list can change by losing
        # an item (unpublished), which no remaining item's time would show. Lists use ETag.
        obj = getattr(self, "_object", None)
        value = getattr(obj, self.updated_field, None) if obj and self.updated_field else None
        return int(value.timestamp()) if value else None


def updated_since_parameter() -> OpenApiParameter:
    return OpenApiParameter(
        "updated_since",
        OpenApiTypes.DATETIME,
        OpenApiParameter.QUERY,
        description=UPDATED_SINCE_HELP,
    )


# ---------------------------------------------------------------------------- registry


@dataclass(frozen=True)
class Endpoint:
    prefix: str
    viewset: type
    basename: str


ENDPOINTS: list[Endpoint] = []


def register(prefix: str, viewset: type, *, basename: str) -> None:
    """Plug a read-only viewset in at /api/v1/<prefix>/ (call from portal/<app>/api.py)."""
    if any(endpoint.prefix == prefix for endpoint in ENDPOINTS):
        return
    ENDPOINTS.append(Endpoint(prefix, viewset, basename))
