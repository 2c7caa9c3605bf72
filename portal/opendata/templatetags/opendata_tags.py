"""{% opendata_head %}: canonical link, OpenGraph, feeds and schema.org JSON-LD for the head."""

from django import template
from django.template.loader import render_to_string

from wagtail.models import Page

from portal.core.fragments import cached
from portal.opendata.jsonld import head_meta

register = template.Library()


@register.simple_tag(takes_context=True)
def opendata_head(context):
    request = context.get("request")
    if request is None:
        return ""

    def render() -> str:
        return render_to_string("opendata/head.html", {"meta": head_meta(context)})

    page = context.get("page")
    if isinstance(page, Page) and page.pk and context.get("document") is None:
        # A page's head says only what the page (and its section, tags, images) says.
        return cached(request, "opendata-head", render, page.pk)
    return render()
