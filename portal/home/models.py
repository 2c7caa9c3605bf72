"""The home page: a featured article, the latest articles of each section, the sidebar."""

from django.db import models
from django.utils.functional import SimpleLazyObject

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

    def front_page_lists(self) -> dict:
        """The featured article, the latest others and each section's newest articles."""
        # Cards show no body: skip the StreamFields. The privacy filter (one query) is built once.
        published = ArticlePage.objects.published().defer_streamfields()
        articles = published.descendant_of(self).newest_first()
        featured = self.featured_article
        if featured is None or not featured.live:
            featured = articles.first()
        others = articles.exclude(pk=featured.pk) if featured else articles
        return {
            "featured_article": featured,
            "latest_articles": list(others[:LATEST_ARTICLES]),
            "section_blocks": [
                (section, list(published.in_section(section).newest_first()[:ARTICLES_PER_SECTION]))
                for section in self.sections()
            ],
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: read only when the page's cached main part is rendered (portal.core.fragments).
        lists = SimpleLazyObject(self.front_page_lists)
        for name in ("featured_article", "latest_articles", "section_blocks"):
            context[name] = SimpleLazyObject(lambda name=name: lists[name])
        return context
