"""Visit statistics in templates: the sidebar boxes and an article's view count."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from wagtail.models import Page

from portal.visits import selectors
from portal.visits.services import sign_page_id

register = template.Library()


def beacon_url(request, page) -> str:
    """The counting request for this page, or "" where nothing should be counted (previews)."""
    if request is None or getattr(request, "is_preview", False):
        return ""
    if request.path.startswith("/admin/"):
        return ""
    url = reverse("visits:beacon")
    if isinstance(page, Page) and page.pk:
        url += "?" + urlencode({"p": sign_page_id(page.pk)})
    return url


@register.inclusion_tag("visits/stats_box.html")
def visit_stats_box():
    """ "Thống kê: 3.137.287 / Online: 54" (the same on every page: a cached sidebar part)."""
    return {"total": selectors.total_visits(), "online": selectors.online_count()}


@register.inclusion_tag("visits/beacon.html", takes_context=True)
def visit_beacon(context):
    """The request that counts this page view (its signed page id differs on every page)."""
    request = context.get("request")
    page = context.get("page") or context.get("self")
    return {"beacon_url": beacon_url(request, page)}


@register.inclusion_tag("visits/most_read_box.html")
def most_read_box(limit: int = 5):
    """ "Tin đọc nhiều": the published articles with the most views."""
    return {"articles": list(selectors.most_read(limit))}


@register.inclusion_tag("visits/article_views.html")
def article_views(page):
    """ "Lượt xem: 1.234" for an article."""
    return {"views": selectors.page_views(page.pk) if page and page.pk else 0}
