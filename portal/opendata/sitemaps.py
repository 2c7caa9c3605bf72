"""sitemap.xml: an index of the pages, the legal documents and the portal's other addresses."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.db.models import Max
from django.urls import reverse

from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from portal.legal_documents.models import LegalDocument

__all__ = ["SITEMAPS"]


def _limit() -> int:
    return getattr(settings, "SITEMAP_LIMIT", 10000)


class PageSitemap(WagtailSitemap):
    """Every live public page of the site (Wagtail's own sitemap, paged)."""

    @property
    def limit(self):
        return _limit()


class LegalDocumentSitemap(DjangoSitemap):
    """The legal documents, which are not pages."""

    @property
    def limit(self):
        return _limit()

    def items(self):
        return LegalDocument.objects.order_by("pk").only("pk", "updated_at")

    def lastmod(self, document):
        return document.updated_at


class OtherSitemap(DjangoSitemap):
    """Addresses that are neither pages nor documents: the library, the catalogue, the map."""

    def items(self):
        return [
            "legal_documents:list",
            "opendata:catalogue",
            "opendata:site-map",
            "api:docs",
        ]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        if name == "legal_documents:list":
            return LegalDocument.objects.aggregate(last=Max("updated_at"))["last"]
        return None


SITEMAPS = {"trang": PageSitemap, "van-ban": LegalDocumentSitemap, "khac": OtherSitemap}
