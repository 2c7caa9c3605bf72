"""Atom and RSS 2.0 feeds: the whole site, each section, the legal library and each kind."""

import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.text import Truncator

from wagtail.models import Site

from portal.core.models import PortalSettings
from portal.legal_documents.models import KIND_CHOICES, LegalDocument
from portal.news.models import ArticlePage, SectionPage

__all__ = ["FEED_FORMATS", "feed_links"]

FEED_ITEMS = 30
SUMMARY_WORDS = 60
KINDS = dict(KIND_CHOICES)


class VietnameseAtomFeed(Atom1Feed):
    content_type = "application/atom+xml; charset=utf-8"


class VietnameseRssFeed(Rss201rev2Feed):
    content_type = "application/rss+xml; charset=utf-8"


FEED_FORMATS = {"atom": VietnameseAtomFeed, "rss": VietnameseRssFeed}


def _local(value):
    """Dates in the feed in Vietnam time (+07:00), like the rest of the open data."""
    return timezone.localtime(value) if value else value


def _portal_name(request) -> str:
    site = Site.find_for_request(request)
    return PortalSettings.load(request_or_site=site).body_name if site else ""


class PortalFeed(Feed):
    language = "vi"

    def __init__(self, feed_format: str = "atom"):
        super().__init__()
        self.feed_type = FEED_FORMATS[feed_format]
        self.feed_format = feed_format

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def feed_url(self, obj=None):
        return self.request.path

    def author_name(self, obj=None):
        return _portal_name(self.request)


class ArticleFeedMixin:
    def item_title(self, item: ArticlePage) -> str:
        return item.title

    def item_description(self, item: ArticlePage) -> str:
        text = item.lead or Truncator(item.plain_text()).words(SUMMARY_WORDS)
        return escape(text)

    def item_link(self, item: ArticlePage) -> str:
        return item.get_url(self.request)

    def item_guid(self, item: ArticlePage) -> str:
        return f"urn:dancu:article:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: ArticlePage):
        return _local(item.first_published_at)

    def item_updateddate(self, item: ArticlePage):
        return _local(item.last_published_at or item.first_published_at)

    def item_author_name(self, item: ArticlePage) -> str:
        return item.byline

    def item_categories(self, item: ArticlePage):
        return [tag.name for tag in item.tags.all()]


class SiteArticlesFeed(ArticleFeedMixin, PortalFeed):
    """The newest articles of the whole site."""

    def title(self):
        return f"Tin mới – {_portal_name(self.request)}"

    def link(self):
        return "/"

    def description(self):
        return f"Các tin bài mới nhất của {_portal_name(self.request)}."

    subtitle = description

    def items(self):
        return ArticlePage.objects.published().newest_first().prefetch_related("tags")[:FEED_ITEMS]


class SectionArticlesFeed(ArticleFeedMixin, PortalFeed):
    """The newest articles of one section."""

    def get_object(self, request, pk: int):
        section = SectionPage.objects.live().public().filter(pk=pk).first()
        if section is None:
            raise Http404("Không có chuyên mục này.")
        return section

    def title(self, obj):
        return f"{obj.title} – {_portal_name(self.request)}"

    def link(self, obj):
        return obj.get_url(self.request)

    def description(self, obj):
        return obj.intro or f"Tin bài mới của chuyên mục {obj.title}."

    def subtitle(self, obj):
        return self.description(obj)

    def items(self, obj):
        return obj.articles().prefetch_related("tags")[:FEED_ITEMS]


class LegalDocumentsFeed(PortalFeed):
    """The documents newest in the library, all kinds or one."""

    def get_object(self, request, kind: str = ""):
        if kind and kind not in KINDS:
            raise Http404("Không có loại văn bản này.")
        return kind

    def title(self, obj):
        what = KINDS[obj] if obj else "Văn bản pháp lý"
        return f"{what} – thư viện văn bản – {_portal_name(self.request)}"

    def link(self, obj):
        url = reverse("legal_documents:list")
        return f"{url}?kind={obj}" if obj else url

    def description(self, obj):
        what = f"loại {KINDS[obj]}" if obj else "mọi loại"
        return f"Văn bản ({what}) mới được đưa vào thư viện văn bản."

    def subtitle(self, obj):
        return self.description(obj)

    def items(self, obj):
        documents = LegalDocument.objects.order_by("-created_at", "-pk")
        if obj:
            documents = documents.of_kind(obj)
        return documents[:FEED_ITEMS]

    def item_title(self, item: LegalDocument) -> str:
        if item.title and item.symbol:
            return f"{item.display_name}: {item.title}"
        return item.display_name

    def item_description(self, item: LegalDocument) -> str:
        parts = [item.summary or item.title]
        if item.issuer:
            parts.append(f"Cơ quan ban hành: {item.issuer}.")
        if item.issued_on:
            parts.append(f"Ngày ban hành: {item.issued_on:%d/%m/%Y}.")
        if item.is_draft:
            parts.append("Thông tin đang được cập nhật.")
        return escape(" ".join(part for part in parts if part))

    def item_link(self, item: LegalDocument) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: LegalDocument) -> str:
        return f"urn:dancu:legal-document:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: LegalDocument):
        if item.issued_on:
            return timezone.make_aware(datetime.datetime.combine(item.issued_on, datetime.time()))
        return _local(item.created_at)

    def item_updateddate(self, item: LegalDocument):
        return _local(item.updated_at)

    def item_categories(self, item: LegalDocument):
        return [item.get_kind_display()]


def feed_links(*, section: SectionPage | None = None, library: bool = False) -> list[dict]:
    """The <link rel="alternate"> entries a page's head offers."""
    links = [
        {
            "title": "Tin mới (Atom)",
            "type": "application/atom+xml",
            "href": reverse("feeds:site", args=["atom"]),
        },
        {
            "title": "Tin mới (RSS)",
            "type": "application/rss+xml",
            "href": reverse("feeds:site", args=["rss"]),
        },
    ]
    if section is not None:
        for feed_format, mime in (("atom", "application/atom+xml"), ("rss", "application/rss+xml")):
            links.append(
                {
                    "title": f"{section.title} ({feed_format.upper() if feed_format == 'rss' else 'Atom'})",
                    "type": mime,
                    "href": reverse("feeds:section", args=[section.pk, feed_format]),
                }
            )
    if library:
        links.append(
            {
                "title": "Văn bản pháp lý (Atom)",
                "type": "application/atom+xml",
                "href": reverse("feeds:legal-documents", args=["atom"]),
            }
        )
    return links
