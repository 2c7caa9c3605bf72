"""The sidebar box of related websites."""

from django import template

from ..models import WebsiteLink

register = template.Library()


@register.inclusion_tag("links/website_links.html")
def website_links():
    return {"links": list(WebsiteLink.objects.active().in_order())}
