"""Legal documents and their citations in the open-data API (/api/v1/legal-documents/, /api/v1/citations/)."""

from django.urls import reverse

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action

from portal.news.models import ArticlePage
from portal.opendata.api import (
    PublicReadOnlyViewSet,
    Rfc3339DateTimeField,
    register,
    updated_since_parameter,
)

from .models import KIND_CHOICES, Citation, LegalDocument

MAX_ID = 2_147_483_647


def _absolute(request, name: str, pk: int) -> str:
    return request.build_absolute_uri(reverse(name, kwargs={"pk": pk}))


class LegalDocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk", help_text="Mã ổn định của văn bản.")
    symbol = serializers.CharField(help_text="Số ký hiệu, ví dụ 55-QĐ/TW (có thể trống).")
    kind = serializers.ChoiceField(choices=KIND_CHOICES, help_text="Loại văn bản (mã).")
    kind_label = serializers.CharField(source="get_kind_display", help_text="Loại văn bản.")
    display_name = serializers.CharField(help_text="Tên gọi, ví dụ “Quy định số 55-QĐ/TW”.")
    title = serializers.CharField(help_text="Tên văn bản.")
    summary = serializers.CharField(help_text="Trích yếu.")
    issuer = serializers.CharField(help_text="Cơ quan ban hành.")
    issued_on = serializers.DateField(allow_null=True, help_text="Ngày ban hành.")
    status = serializers.ChoiceField(
        choices=LegalDocument.STATUS_CHOICES,
        help_text="complete: đã hoàn thiện; draft: do máy tạo, đang cập nhật.",
    )
    file_url = serializers.SerializerMethodField(help_text="Tệp văn bản (nếu có).")
    url = serializers.SerializerMethodField(help_text="Địa chỉ chuẩn của trang.")
    api_url = serializers.SerializerMethodField()
    citations_url = serializers.SerializerMethodField(help_text="Tin bài trích dẫn (API).")
    created_at = Rfc3339DateTimeField()
    updated_at = Rfc3339DateTimeField()

    def get_file_url(self, obj) -> str | None:
        return self.context["request"].build_absolute_uri(obj.file.url) if obj.file else None

    def get_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())

    def get_api_url(self, obj) -> str:
        return _absolute(self.context["request"], "api:legal-document-detail", obj.pk)

    def get_citations_url(self, obj) -> str:
        return _absolute(self.context["request"], "api:legal-document-citations", obj.pk)


class CitationSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    document_id = serializers.IntegerField()
    article_id = serializers.IntegerField()
    quoted_as = serializers.CharField(help_text="Cách viết trong bài.")
    article_title = serializers.CharField(source="article.title")
    article_url = serializers.SerializerMethodField(help_text="Địa chỉ chuẩn của tin bài.")
    document_api_url = serializers.SerializerMethodField()
    article_api_url = serializers.SerializerMethodField()

    def get_article_url(self, obj) -> str:
        return obj.article.get_full_url(self.context["request"])

    def get_document_api_url(self, obj) -> str:
        return _absolute(self.context["request"], "api:legal-document-detail", obj.document_id)

    def get_article_api_url(self, obj) -> str:
        return _absolute(self.context["request"], "api:article-detail", obj.article_id)


class LegalDocumentFilters(serializers.Serializer):
    kind = serializers.ChoiceField(choices=KIND_CHOICES, required=False, help_text="Loại văn bản.")
    issuer = serializers.CharField(required=False, max_length=255, help_text="Cơ quan ban hành.")
    year = serializers.IntegerField(
        required=False, min_value=1900, max_value=9999, help_text="Năm ban hành."
    )
    status = serializers.ChoiceField(
        choices=LegalDocument.STATUS_CHOICES, required=False, help_text="Trạng thái biên tập."
    )


class CitationFilters(serializers.Serializer):
    document = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text="Mã văn bản."
    )
    article = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text="Mã tin bài."
    )


def public_citations():
    """Citations by articles an anonymous visitor may read (live, no privacy restriction)."""
    return Citation.objects.filter(article__in=ArticlePage.objects.published().values("pk"))


@extend_schema_view(
    list=extend_schema(
        summary="Danh sách văn bản pháp lý",
        description="Thư viện văn bản, như trang /van-ban-phap-ly/ (lọc theo loại, cơ quan, năm).",
        parameters=[LegalDocumentFilters, updated_since_parameter()],
    ),
    retrieve=extend_schema(summary="Một văn bản pháp lý"),
)
class LegalDocumentViewSet(PublicReadOnlyViewSet):
    serializer_class = LegalDocumentSerializer
    filter_serializer_class = LegalDocumentFilters
    cursor_ordering = "-pk"
    updated_field = "updated_at"
    lookup_value_regex = "[0-9]{1,9}"

    def get_public_queryset(self):
        return LegalDocument.objects.select_related("file")

    def filter_public_queryset(self, queryset, params):
        if "kind" in params:
            queryset = queryset.of_kind(params["kind"])
        if "issuer" in params:
            queryset = queryset.by_issuer(params["issuer"])
        if "year" in params:
            queryset = queryset.issued_in(params["year"])
        if "status" in params:
            queryset = queryset.filter(status=params["status"])
        return queryset

    @extend_schema(
        summary="Tin bài trích dẫn một văn bản",
        responses=CitationSerializer(many=True),
        parameters=[],
    )
    @action(detail=True, url_path="citations", url_name="citations")
    def citations(self, request, pk=None):
        document = self.get_object()
        citations = (
            public_citations().filter(document=document).select_related("article").order_by("-pk")
        )
        page = self.paginate_queryset(citations)
        serializer = CitationSerializer(page, many=True, context=self.get_serializer_context())
        return self.get_paginated_response(serializer.data)


@extend_schema_view(
    list=extend_schema(
        summary="Danh sách trích dẫn (tin bài → văn bản)", parameters=[CitationFilters]
    ),
    retrieve=extend_schema(summary="Một trích dẫn"),
)
class CitationViewSet(PublicReadOnlyViewSet):
    serializer_class = CitationSerializer
    filter_serializer_class = CitationFilters
    cursor_ordering = "-pk"
    lookup_value_regex = "[0-9]{1,9}"

    def get_public_queryset(self):
        return public_citations().select_related("article")

    def filter_public_queryset(self, queryset, params):
        if "document" in params:
            queryset = queryset.filter(document_id=params["document"])
        if "article" in params:
            queryset = queryset.filter(article_id=params["article"])
        return queryset


register("legal-documents", LegalDocumentViewSet, basename="legal-document")
register("citations", CitationViewSet, basename="citation")
