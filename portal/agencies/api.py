"""The agency register in the open-data API (/api/v1/agencies/), keyed by its stable code."""

from django.urls import reverse

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from portal.opendata.api import PublicReadOnlyViewSet, register

from .models import Agency


class AgencySerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Mã cố định của cơ quan, đơn vị.")
    name = serializers.CharField(help_text="Tên đầy đủ.")
    short_name = serializers.CharField(help_text="Tên ngắn.")
    kind = serializers.ChoiceField(choices=Agency.KIND_CHOICES, help_text="Loại (mã).")
    kind_label = serializers.CharField(source="get_kind_display", help_text="Loại.")
    parent_code = serializers.SerializerMethodField(help_text="Mã cơ quan cấp trên (nếu có).")
    is_active = serializers.BooleanField(help_text="Đang hoạt động.")
    api_url = serializers.SerializerMethodField()

    def get_parent_code(self, obj) -> str | None:
        return obj.parent.code if obj.parent_id else None

    def get_api_url(self, obj) -> str:
        url = reverse("api:agency-detail", kwargs={"code": obj.code})
        return self.context["request"].build_absolute_uri(url)


class AgencyFilters(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Agency.KIND_CHOICES, required=False, help_text="Loại.")
    active = serializers.BooleanField(required=False, help_text="Chỉ đơn vị đang hoạt động.")


@extend_schema_view(
    list=extend_schema(summary="Danh sách cơ quan, đơn vị", parameters=[AgencyFilters]),
    retrieve=extend_schema(summary="Một cơ quan, đơn vị"),
)
class AgencyViewSet(PublicReadOnlyViewSet):
    serializer_class = AgencySerializer
    filter_serializer_class = AgencyFilters
    cursor_ordering = "code"
    lookup_field = "code"
    lookup_value_regex = "[-a-z0-9_]{1,64}"

    def get_public_queryset(self):
        return Agency.objects.select_related("parent")

    def filter_public_queryset(self, queryset, params):
        if "kind" in params:
            queryset = queryset.of_kind(params["kind"])
        if params.get("active"):
            queryset = queryset.active()
        return queryset


register("agencies", AgencyViewSet, basename="agency")
