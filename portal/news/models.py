"""News pages: sections ("chuyên mục") and the articles ("tin bài") inside them."""

from django.core.paginator import Paginator
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.html import strip_tags

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase

from .blocks import ArticleBodyBlock

__all__ = ["ArticlePage", "ArticlePageTag", "SectionPage"]

SECTION_PAGE_SIZE = 10
RELATED_ARTICLES = 5


class ArticlePageQuerySet(PageQuerySet):
    def published(self):
        """Live articles a visitor may read (not behind a privacy restriction)."""
        return self.live().public()

    def newest_first(self):
        return self.order_by("-first_published_at", "-pk")

    def in_section(self, section: Page):
        return self.child_of(section)


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)


class SectionPage(Page):
    """A section ("chuyên mục"): lists its articles, newest first, ten per page."""

    intro = models.TextField("giới thiệu", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage", "news.SectionPage"]
    subpage_types = ["news.ArticlePage", "news.SectionPage"]

    class Meta:
        verbose_name = "chuyên mục"
        verbose_name_plural = "chuyên mục"

    def articles(self):
        return ArticlePage.objects.published().in_section(self).newest_first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        number = request.GET.get("page")
        context["page_number"] = number or ""
        # Lazy: read only when the page's cached list part is rendered (portal.core.fragments).
        context["articles"] = SimpleLazyObject(
            lambda: Paginator(self.articles().defer_streamfields(), SECTION_PAGE_SIZE).get_page(
                number
            )
        )
        return context


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ArticlePage(Page):
    """An article ("tin bài"): lead, event date, body, byline, tags; lives in a section."""

    PART_OF_DAY_CHOICES = [
        ("", "—"),
        ("sáng", "Sáng"),
        ("trưa", "Trưa"),
        ("chiều", "Chiều"),
        ("tối", "Tối"),
    ]

    lead = models.TextField("sapo (đoạn dẫn)", blank=True, max_length=1000)
    event_date = models.DateField("ngày diễn ra sự kiện", null=True, blank=True)
    event_part_of_day = models.CharField(
        "buổi", max_length=8, blank=True, choices=PART_OF_DAY_CHOICES, default=""
    )
    body = StreamField(ArticleBodyBlock(), verbose_name="nội dung", blank=True)
    byline = models.CharField("tác giả", max_length=255, blank=True)
    tags = ClusterTaggableManager("từ khóa", through=ArticlePageTag, blank=True)
    title_needs_review = models.BooleanField(
        "tiêu đề cần biên tập viên xem lại",
        default=False,
        help_text="Tiêu đề do máy đề xuất (ví dụ khi nhập từ trang cũ).",
    )

    objects = ArticlePageManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        FieldRowPanel([FieldPanel("event_date"), FieldPanel("event_part_of_day")]),
        FieldPanel("body"),
        FieldPanel("byline"),
    ]
    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel(
            [FieldPanel("tags"), FieldPanel("title_needs_review")], heading="Phân loại"
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.SearchField("byline"),
        index.FilterField("event_date"),
    ]

    parent_page_types = ["news.SectionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "tin bài"
        verbose_name_plural = "tin bài"

    @property
    def section(self) -> Page:
        return self.get_parent()

    def plain_text(self) -> str:
        """The body as plain text, paragraph by paragraph (for search, references, feeds)."""
        parts = []
        for block in self.body:
            if block.block_type == "paragraph":
                parts.append(strip_tags(block.value.source))
            elif block.block_type == "image":
                parts.append(block.value.get("caption") or "")
            elif block.block_type == "quote":
                parts.append(block.value.get("text") or "")
        return "\n\n".join(part for part in parts if part)

    def cited_document_urls(self) -> dict[str, str | None]:
        """The library page of each document the body's paragraphs refer to (None: not held)."""
        from portal.legal_documents.selectors import document_urls, reference_keys

        keys = set()
        for block in self.body:
            if block.block_type == "paragraph":
                # The stored source has the same text nodes as the rendered paragraph; a key
                # missed here is still looked up by the filter itself.
                keys |= reference_keys(block.value.source)
        return document_urls(keys)

    def related_articles(self, limit: int = RELATED_ARTICLES):
        """Other live articles of the same section, newest first."""
        return (
            ArticlePage.objects.published()
            .sibling_of(self, inclusive=False)
            .defer_streamfields()
            .newest_first()[:limit]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: read only when the page's cached "related" part is rendered (fragments.py).
        context["related_articles"] = SimpleLazyObject(lambda: list(self.related_articles()))
        # The documents cited anywhere in the body, in one query, when the body is rendered.
        context["document_urls"] = SimpleLazyObject(self.cited_document_urls)
        return context
