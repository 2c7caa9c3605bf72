"""The oversight register in the open-data API (/api/v1/oversight-activities/, …-recommendations/).

Only live, public pages, and of each recommendation only the events its live revision took in
(`RecommendationPage.public_events()`, the selector its public page uses): an event recorded
but not yet approved never shows here.
"""

from django.urls import reverse
from django.utils import timezone

from wagtail.rich_text import expand_db_html

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from portal.opendata.api import (
    PublicReadOnlyViewSet,
    Rfc3339DateTimeField,
    register,
    updated_since_parameter,
)

from . import selectors
from . import state as rules
from .models import RecommendationEvent


def _api(request, name: str, pk: int) -> str:
    return request.build_absolute_uri(reverse(name, kwargs={"pk": pk}))


class ActivitySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk", help_text="Mã ổn định của hoạt động.")
    reference = serializers.CharField(help_text="Số hiệu hoạt động, ví dụ GS-2026-01.")
    title = serializers.CharField(help_text="Tên hoạt động giám sát.")
    kind = serializers.CharField(source="kind.name", help_text="Loại hoạt động.")
    supervising_body_code = serializers.CharField(
        source="supervising_body.code", help_text="Mã cơ quan giám sát (xem /api/v1/agencies/)."
    )
    supervised_unit_codes = serializers.SerializerMethodField(
        help_text="Mã các đơn vị chịu sự giám sát."
    )
    period = serializers.CharField(help_text="Thời kỳ được giám sát.")
    start_date = serializers.DateField(help_text="Ngày bắt đầu.")
    end_date = serializers.DateField(allow_null=True, help_text="Ngày kết thúc.")
    summary_html = serializers.SerializerMethodField(help_text="Tóm tắt kết quả (HTML).")
    recommendation_api_urls = serializers.SerializerMethodField(
        help_text="Các kiến nghị của hoạt động (API)."
    )
    url = serializers.SerializerMethodField(help_text="Địa chỉ chuẩn của trang.")
    api_url = serializers.SerializerMethodField()
    last_published_at = Rfc3339DateTimeField()

    def get_supervised_unit_codes(self, obj) -> list[str]:
        return sorted(unit.code for unit in obj.supervised_units.all())

    def get_summary_html(self, obj) -> str:
        return expand_db_html(obj.summary) if obj.summary else ""

    def get_recommendation_api_urls(self, obj) -> list[str]:
        request = self.context["request"]
        visible = selectors.live_recommendations().child_of(obj).order_by("number", "pk")
        return [
            _api(request, "api:oversight-recommendation-detail", pk)
            for pk in visible.values_list("pk", flat=True)
        ]

    def get_url(self, obj) -> str:
        return obj.get_full_url(self.context["request"])

    def get_api_url(self, obj) -> str:
        return _api(self.context["request"], "api:oversight-activity-detail", obj.pk)


class EventSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    kind = serializers.ChoiceField(choices=RecommendationEvent.KIND_CHOICES, help_text="Loại.")
    kind_label = serializers.CharField(source="get_kind_display")
    occurred_on = serializers.DateField(help_text="Ngày xảy ra.")
    note = serializers.CharField(help_text="Nội dung, giải thích.")
    response_status = serializers.CharField(help_text="Trả lời của cơ quan (mã, có thể trống).")
    implementation_status = serializers.CharField(
        help_text="Tình hình thực hiện (mã, có thể trống)."
    )
    target_date = serializers.DateField(allow_null=True)
    new_due_date = serializers.DateField(allow_null=True, help_text="Hạn mới (gia hạn).")
    corrects_id = serializers.IntegerField(
        allow_null=True, help_text="Sự kiện mà sự kiện này đính chính."
    )
    source_document_api_url = serializers.SerializerMethodField(
        help_text="Văn bản nguồn, minh chứng (API)."
    )

    def get_source_document_api_url(self, obj) -> str | None:
        if not obj.source_document_id:
            return None
        return _api(self.context["request"], "api:legal-document-detail", obj.source_document_id)


class RecommendationSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk", help_text="Mã ổn định của kiến nghị.")
    number = serializers.IntegerField(help_text="Số thứ tự trong hoạt động.")
    text = serializers.CharField(help_text="Nội dung kiến nghị.")
    activity_api_url = serializers.SerializerMethodField()
    addressed_to_code = serializers.CharField(
        source="addressed_to.code", help_text="Mã cơ quan được kiến nghị."
    )
    issued_on = serializers.DateField(help_text="Ngày ban hành.")
    original_due_date = serializers.DateField(allow_null=True, help_text="Hạn ban đầu.")
    due_date = serializers.DateField(allow_null=True, help_text="Hạn hiện hành (sau gia hạn).")
    response_status = serializers.ChoiceField(
        choices=list(rules.RESPONSE_LABELS.items()), help_text="Trả lời của cơ quan (mã)."
    )
    response_label = serializers.CharField()
    responded_on = serializers.DateField(allow_null=True)
    implementation_status = serializers.ChoiceField(
        choices=list(rules.IMPLEMENTATION_LABELS.items()), help_text="Tình hình thực hiện (mã)."
    )
    implementation_label = serializers.CharField()
    implemented_on = serializers.DateField(allow_null=True)
    target_date = serializers.DateField(allow_null=True, help_text="Ngày dự kiến hoàn thành.")
    paused = serializers.BooleanField(help_text="Đang tạm dừng theo dõi.")
    overdue = serializers.BooleanField(help_text="Quá hạn hôm nay.")
    days_late = serializers.IntegerField(help_text="Số ngày quá hạn (0 nếu không quá hạn).")
    events = EventSerializer(many=True, help_text="Sự kiện đã duyệt, theo thứ tự thời gian.")
    url = serializers.SerializerMethodField(help_text="Địa chỉ chuẩn của trang.")
    api_url = serializers.SerializerMethodField()
    last_published_at = Rfc3339DateTimeField()

    def to_representation(self, instance):
        # The same events and state the public page shows (views.recommendation_context).
        events = list(instance.public_events().select_related("source_document", "corrects"))
        state = instance.state(today=timezone.localdate(), events=events)
        data = {
            "pk": instance.pk,
            "number": instance.number,
            "text": instance.text,
            "addressed_to": instance.addressed_to,
            "issued_on": instance.issued_on,
            "original_due_date": state.original_due_date,
            "due_date": state.due_date,
            "response_status": state.response_status,
            "response_label": state.response_label,
            "responded_on": state.responded_on,
            "implementation_status": state.implementation_status,
            "implementation_label": state.implementation_label,
            "implemented_on": state.implemented_on,
            "target_date": state.target_date,
            "paused": state.paused,
            "overdue": state.overdue,
            "days_late": state.days_late,
            "events": events,
            "last_published_at": instance.last_published_at,
            "_page": instance,
        }
        return super().to_representation(_Row(data))

    def get_activity_api_url(self, obj) -> str:
        parent_pk = obj._page.get_parent().pk
        return _api(self.context["request"], "api:oversight-activity-detail", parent_pk)

    def get_url(self, obj) -> str:
        return obj._page.get_full_url(self.context["request"])

    def get_api_url(self, obj) -> str:
        return _api(self.context["request"], "api:oversight-recommendation-detail", obj.pk)


class _Row:
    def __init__(self, data: dict):
        self.__dict__.update(data)


@extend_schema_view(
    list=extend_schema(summary="Hoạt động giám sát", parameters=[updated_since_parameter()]),
    retrieve=extend_schema(summary="Một hoạt động giám sát"),
)
class ActivityViewSet(PublicReadOnlyViewSet):
    serializer_class = ActivitySerializer
    cursor_ordering = "-pk"
    updated_field = "last_published_at"
    lookup_value_regex = "[0-9]{1,9}"

    def get_public_queryset(self):
        return selectors.live_activities().prefetch_related("supervised_units")


@extend_schema_view(
    list=extend_schema(summary="Kiến nghị sau giám sát", parameters=[updated_since_parameter()]),
    retrieve=extend_schema(summary="Một kiến nghị sau giám sát"),
)
class RecommendationViewSet(PublicReadOnlyViewSet):
    serializer_class = RecommendationSerializer
    cursor_ordering = "-pk"
    updated_field = "last_published_at"
    lookup_value_regex = "[0-9]{1,9}"

    def get_public_queryset(self):
        return selectors.live_recommendations()


register("oversight-activities", ActivityViewSet, basename="oversight-activity")
register("oversight-recommendations", RecommendationViewSet, basename="oversight-recommendation")
