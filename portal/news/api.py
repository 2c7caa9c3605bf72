"""Articles and sections in the open-data API (/api/v1/articles/, /api/v1/sections/)."""

from django.urls import reverse

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from portal.opendata.api import (
    PublicReadOnlyViewSet,
    Rfc3339DateTimeField,
    register,
    updated_since_parameter,
)

from .models import ArticlePage, SectionPage

MAX_ID = 2_147_483_647


def _api_url(request, name: str, pk: int) -> str:
    return request.build_absolute_uri(reverse(name, kwargs={"pk": pk}))


class SectionRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, obj) -> str:
        return obj.get_full_url(self.context["request"])


class SectionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk", help_text="Mã ổn định của chuyên mục.")
    title = serializers.CharField(help_text="Tên chuyên mục.")
    slug = serializers.CharField()
    intro = serializers.CharField(help_text="Giới thiệu.")
    parent_id = serializers.SerializerMethodField(help_text="Chuyên mục cha (nếu có).")
    url = serializers.SerializerMethodField(help_text="Địa chỉ chuẩn của trang.")
    api_url = serializers.SerializerMethodField()
    articles_url = serializers.SerializerMethodField(help_text="Tin bài của chuyên mục (API).")
    published_at = Rfc3339DateTimeField(source="first_published_at")
    updated_at = Rfc3339DateTimeField(source="last_published_at")

    def get_parent_id(self, obj) -> int | None:
        parent = obj.get_parent()
        return parent.pk if parent and parent.specific_class is SectionPage else None

    def get_url(self, obj) -> str:
        return obj.get_full_url(self.context["request"])

    def get_api_url(self, obj) -> str:
        return _api_url(self.context["request"], "api:section-detail", obj.pk)

    def get_articles_url(self, obj) -> str:
        request = self.context["request"]
        return request.build_absolute_uri(reverse("api:article-list") + f"?section={obj.pk}")


class CitedDocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="document.pk")
    display_name = serializers.CharField(source="document.display_name")
    quoted_as = serializers.CharField()
    api_url = serializers.SerializerMethodField()

    def get_api_url(self, obj) -> str:
        return _api_url(self.context["request"], "api:legal-document-detail", obj.document_id)


class ArticleSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk", help_text="Mã ổn định của tin bài.")
    title = serializers.CharField(help_text="Tiêu đề.")
    slug = serializers.CharField()
    lead = serializers.CharField(help_text="Sapo (đoạn dẫn).")
    byline = serializers.CharField(help_text="Tác giả.")
    event_date = serializers.DateField(allow_null=True, help_text="Ngày diễn ra sự kiện.")
    event_part_of_day = serializers.CharField(help_text="Buổi (sáng, chiều…), có thể trống.")
    tags = serializers.SerializerMethodField(help_text="Từ khóa.")
    section = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField(help_text="Địa chỉ chuẩn của trang.")
    api_url = serializers.SerializerMethodField()
    published_at = Rfc3339DateTimeField(source="first_published_at")
    updated_at = Rfc3339DateTimeField(source="last_published_at")

    def get_tags(self, obj) -> list[str]:
        return [tag.name for tag in obj.tags.all()]

    def get_section(self, obj) -> SectionRefSerializer:
        # One query per distinct section on a page of results, not two per article.
        sections = self.context.setdefault("_sections", {})
        parent_path = obj.path[: -obj.steplen]
        if parent_path not in sections:
            parent = SectionPage.objects.filter(path=parent_path).first() or obj.get_parent()
            sections[parent_path] = SectionRefSerializer(parent, context=self.context).data
        return sections[parent_path]

    def get_url(self, obj) -> str:
        return obj.get_full_url(self.context["request"])

    def get_api_url(self, obj) -> str:
        return _api_url(self.context["request"], "api:article-detail", obj.pk)


class ArticleDetailSerializer(ArticleSerializer):
    body_text = serializers.CharField(source="plain_text", help_text="Nội dung (văn bản thuần).")
    cites = serializers.SerializerMethodField(help_text="Văn bản pháp lý bài viết trích dẫn.")

    def get_cites(self, obj) -> CitedDocumentSerializer(many=True):
        citations = obj.legal_citations.select_related("document").order_by("pk")
        return CitedDocumentSerializer(citations, many=True, context=self.context).data


class ArticleFilters(serializers.Serializer):
    section = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text="Mã chuyên mục."
    )
    year = serializers.IntegerField(
        required=False, min_value=1900, max_value=9999, help_text="Năm đăng."
    )
    tag = serializers.CharField(required=False, max_length=100, help_text="Từ khóa.")


class SectionFilters(serializers.Serializer):
    parent = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text="Mã chuyên mục cha."
    )


@extend_schema_view(
    list=extend_schema(
        summary="Danh sách tin bài",
        description="Tin bài đã đăng, mới nhất trước.",
        parameters=[ArticleFilters, updated_since_parameter()],
    ),
    retrieve=extend_schema(summary="Một tin bài", responses=ArticleDetailSerializer),
)
class ArticleViewSet(PublicReadOnlyViewSet):
    serializer_class = ArticleSerializer
    filter_serializer_class = ArticleFilters
    cursor_ordering = "-first_published_at"
    updated_field = "last_published_at"
    lookup_value_regex = "[0-9]{1,9}"

    def get_serializer_class(self):
        return ArticleDetailSerializer if self.action == "retrieve" else ArticleSerializer

    def get_public_queryset(self):
        articles = ArticlePage.objects.published().prefetch_related("tags")
        if self.action == "list":
            articles = articles.defer_streamfields()
        return articles

    def filter_public_queryset(self, queryset, params):
        if "section" in params:
            section = SectionPage.objects.live().public().filter(pk=params["section"]).first()
            queryset = queryset.in_section(section) if section else queryset.none()
        if "year" in params:
            queryset = queryset.filter(first_published_at__year=params["year"])
        if "tag" in params:
            queryset = queryset.filter(tags__name=params["tag"])
        return queryset


@extend_schema_view(
    list=extend_schema(
        summary="Danh sách chuyên mục", parameters=[SectionFilters, updated_since_parameter()]
    ),
    retrieve=extend_schema(summary="Một chuyên mục"),
)
class SectionViewSet(PublicReadOnlyViewSet):
    serializer_class = SectionSerializer
    filter_serializer_class = SectionFilters
    cursor_ordering = "path"
    updated_field = "last_published_at"
    lookup_value_regex = "[0-9]{1,9}"

    def get_public_queryset(self):
        return SectionPage.objects.live().public()

    def filter_public_queryset(self, queryset, params):
        if "parent" in params:
            parent = SectionPage.objects.live().public().filter(pk=params["parent"]).first()
            queryset = queryset.child_of(parent) if parent else queryset.none()
        return queryset


register("articles", ArticleViewSet, basename="article")
register("sections", SectionViewSet, basename="section")
