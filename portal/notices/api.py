"""Maintenance notices in the open-data API (/api/v1/notices/)."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from portal.opendata.api import PublicReadOnlyViewSet, Rfc3339DateTimeField, register

from .models import MaintenanceNotice


class MaintenanceNoticeSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField(help_text="Tiêu đề.")
    text = serializers.CharField(help_text="Nội dung thông báo.")
    starts_at = Rfc3339DateTimeField(help_text="Bắt đầu gián đoạn.")
    ends_at = Rfc3339DateTimeField(help_text="Kết thúc gián đoạn.")
    show_from = Rfc3339DateTimeField(help_text="Hiển thị từ.")
    updated_at = Rfc3339DateTimeField()


@extend_schema_view(
    list=extend_schema(
        summary="Thông báo bảo trì đang hiển thị",
        description="Các thông báo đang hiện trên mọi trang (từ lúc hiển thị đến khi kết thúc).",
    ),
    retrieve=extend_schema(summary="Một thông báo bảo trì"),
)
class MaintenanceNoticeViewSet(PublicReadOnlyViewSet):
    serializer_class = MaintenanceNoticeSerializer
    cursor_ordering = "starts_at"
    updated_field = "updated_at"
    lookup_value_regex = "[0-9]{1,9}"

    def get_public_queryset(self):
        # Only what the banner shows: a notice scheduled for later is not public yet.
        return MaintenanceNotice.objects.visible()


register("notices", MaintenanceNoticeViewSet, basename="notice")
