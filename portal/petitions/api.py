"""Voters' petitions in the open-data API (/api/v1/petitions/, /api/v1/voter-meetings/).

What the public petition page shows, nothing more; the app stores no voter's personal data.
A petition merged into another is not listed; asking for it answers 301 to the petition it
was merged into (as its public page does).
"""

import datetime

from django.http import HttpResponsePermanentRedirect
from django.urls import reverse

from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers

from portal.opendata.api import (
    PublicReadOnlyViewSet,
    Rfc3339DateTimeField,
    register,
    updated_since_parameter,
)

from . import rules
from .models import Answer, Petition, VoterMeeting
from .selectors import deadlines_for


def _api(request, name: str, pk: int) -> str:
    return request.build_absolute_uri(reverse(name, kwargs={"pk": pk}))


class MeetingSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    code = serializers.CharField(help_text="Mã ổn định của buổi tiếp xúc.")
    held_on = serializers.DateField(help_text="Ngày tiếp xúc.")
    place = serializers.CharField(help_text="Địa điểm.")
    locality_code = serializers.CharField(source="locality.code", help_text="Mã địa bàn.")
    locality_name = serializers.CharField(source="locality.name", help_text="Tên địa bàn.")
    occasion = serializers.CharField(help_text="Dịp tiếp xúc.")
    deputies = serializers.SerializerMethodField(help_text="Đại biểu tham dự (họ tên).")
    minutes_url = serializers.SerializerMethodField(help_text="Biên bản (nếu có).")
    api_url = serializers.SerializerMethodField()

    def get_deputies(self, obj) -> list[str]:
        return [deputy.name for deputy in obj.deputies.all()]

    def get_minutes_url(self, obj) -> str | None:
        return self.context["request"].build_absolute_uri(obj.minutes.url) if obj.minutes else None

    def get_api_url(self, obj) -> str:
        return _api(self.context["request"], "api:voter-meeting-detail", obj.pk)


class AnswerSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Answer.KINDS, help_text="Loại trả lời (mã).")
    kind_label = serializers.CharField(source="get_kind_display")
    answered_on = serializers.DateField(help_text="Ngày trả lời.")
    reference = serializers.CharField(help_text="Số, ký hiệu văn bản trả lời.")
    document_url = serializers.SerializerMethodField()
    summary = serializers.CharField(help_text="Tóm tắt nội dung trả lời.")
    target_date = serializers.DateField(allow_null=True, help_text="Hạn giải quyết xong đã hứa.")
    reason = serializers.CharField(help_text="Lý do chưa giải quyết được.")

    def get_document_url(self, obj) -> str | None:
        return (
            self.context["request"].build_absolute_uri(obj.document.url) if obj.document else None
        )


class PetitionEventSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="Loại sự kiện (mã).")
    kind_label = serializers.CharField()
    occurred_on = serializers.DateField()
    extension_days = serializers.IntegerField(allow_null=True)
    note = serializers.CharField()


class PetitionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk", help_text="Mã ổn định của kiến nghị.")
    external_id = serializers.CharField(help_text="Mã kiến nghị (như trên trang).")
    title = serializers.CharField()
    text = serializers.CharField(help_text="Nội dung kiến nghị (không có tên cử tri).")
    status = serializers.ChoiceField(choices=list(rules.STATUSES.items()))
    status_label = serializers.CharField()
    field = serializers.CharField(source="field.name", help_text="Lĩnh vực.")
    locality_codes = serializers.SerializerMethodField(help_text="Mã địa bàn liên quan.")
    agency_code = serializers.SerializerMethodField(help_text="Mã cơ quan được chuyển.")
    received_on = serializers.DateField()
    forwarded_on = serializers.DateField(allow_null=True)
    answered_on = serializers.DateField(allow_null=True)
    resolved_on = serializers.DateField(allow_null=True)
    forward_due = serializers.SerializerMethodField(help_text="Hạn chuyển cơ quan.")
    answer_due = serializers.SerializerMethodField(help_text="Hạn cơ quan trả lời.")
    overdue = serializers.SerializerMethodField(help_text="Đang quá hạn hôm nay.")
    meeting_api_urls = serializers.SerializerMethodField(help_text="Nêu tại các buổi (API).")
    answers = AnswerSerializer(many=True)
    events = serializers.SerializerMethodField()
    merged_from = serializers.SerializerMethodField(
        help_text="Mã các kiến nghị trùng đã gộp vào kiến nghị này."
    )
    url = serializers.SerializerMethodField(help_text="Địa chỉ chuẩn của trang.")
    api_url = serializers.SerializerMethodField()
    updated_at = Rfc3339DateTimeField()

    def _deadlines(self, obj):
        if not hasattr(obj, "_api_deadlines"):
            obj._api_deadlines = deadlines_for(obj)
        return obj._api_deadlines

    def get_locality_codes(self, obj) -> list[str]:
        return [locality.code for locality in obj.localities.all()]

    def get_agency_code(self, obj) -> str | None:
        return obj.agency.code if obj.agency_id else None

    def get_forward_due(self, obj) -> datetime.date | None:
        return self._deadlines(obj).forward_due

    def get_answer_due(self, obj) -> datetime.date | None:
        return self._deadlines(obj).answer_due

    def get_overdue(self, obj) -> bool:
        return self._deadlines(obj).overdue

    def get_meeting_api_urls(self, obj) -> list[str]:
        request = self.context["request"]
        return [_api(request, "api:voter-meeting-detail", m.pk) for m in obj.meetings.all()]

    @extend_schema_field(PetitionEventSerializer(many=True))
    def get_events(self, obj) -> list[dict]:
        events = obj.events.order_by("occurred_on", "pk")
        return PetitionEventSerializer(events, many=True).data

    def get_merged_from(self, obj) -> list[str]:
        return [p.external_id for p in obj.merged_from.order_by("pk")]

    def get_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())

    def get_api_url(self, obj) -> str:
        return _api(self.context["request"], "api:petition-detail", obj.pk)


@extend_schema_view(
    list=extend_schema(summary="Kiến nghị cử tri", parameters=[updated_since_parameter()]),
    retrieve=extend_schema(
        summary="Một kiến nghị cử tri",
        responses={
            200: PetitionSerializer,
            301: OpenApiResponse(description="Kiến nghị đã gộp: chuyển tới kiến nghị gộp vào."),
        },
    ),
)
class PetitionViewSet(PublicReadOnlyViewSet):
    serializer_class = PetitionSerializer
    cursor_ordering = "-pk"
    updated_field = "updated_at"
    lookup_value_regex = "[0-9]{1,9}"

    def get_public_queryset(self):
        return (
            Petition.objects.public()
            .select_related("field", "agency")
            .prefetch_related("localities", "meetings", "answers__document")
        )

    def retrieve(self, request, *args, **kwargs):
        merged = (
            Petition.objects.filter(pk=kwargs["pk"], merged_into__isnull=False)
            .select_related("merged_into")
            .first()
        )
        if merged is not None:
            target = merged.merged_into
            for _ in range(100):  # merges flatten chains; bounded all the same
                if not target.merged_into_id:
                    break
                target = target.merged_into
            return HttpResponsePermanentRedirect(_api(request, "api:petition-detail", target.pk))
        return super().retrieve(request, *args, **kwargs)


@extend_schema_view(
    list=extend_schema(summary="Buổi tiếp xúc cử tri"),
    retrieve=extend_schema(summary="Một buổi tiếp xúc cử tri"),
)
class VoterMeetingViewSet(PublicReadOnlyViewSet):
    serializer_class = MeetingSerializer
    cursor_ordering = "-pk"
    lookup_value_regex = "[0-9]{1,9}"

    def get_public_queryset(self):
        return VoterMeeting.objects.select_related("locality", "minutes").prefetch_related(
            "deputies"
        )


register("petitions", PetitionViewSet, basename="petition")
register("voter-meetings", VoterMeetingViewSet, basename="voter-meeting")
