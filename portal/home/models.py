"""The home page: a featured article, the latest articles of each section, the sidebar."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from portal.news.models import ArticlePage, SectionPage

__all__ = ["HomePage"]

ARTICLES_PER_SECTION = 4
LATEST_ARTICLES = 6


class HomePage(Page):
    featured_article = models.ForeignKey(
        "news.ArticlePage",
        verbose_name="tin nổi bật",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Để trống để dùng tin mới nhất.",
    )

    content_panels = [*Page.content_panels, FieldPanel("featured_article")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["news.SectionPage", "oversight.OversightIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = "trang chủ"

    def sections(self):
        return SectionPage.objects.live().public().child_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Cards show no body: skip the StreamFields. The privacy filter (one query) is built once.
        published = ArticlePage.objects.published().defer_streamfields()
        articles = published.descendant_of(self).newest_first()
        featured = self.featured_article
        if featured is None or not featured.live:
            featured = articles.first()
        others = articles.exclude(pk=featured.pk) if featured else articles
        context["featured_article"] = featured
        context["latest_articles"] = others[:LATEST_ARTICLES]
        context["section_blocks"] = [
            (section, published.in_section(section).newest_first()[:ARTICLES_PER_SECTION])
            for section in self.sections()
        ]
        return context
