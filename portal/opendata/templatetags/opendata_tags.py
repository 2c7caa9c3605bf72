"""{% opendata_head %}: canonical link, OpenGraph, feeds and schema.org JSON-LD for the head."""

from django import template
from django.template.loader import render_to_string

from portal.opendata.jsonld import head_meta

register = template.Library()


@register.simple_tag(takes_context=True)
def opendata_head(context):
    if context.get("request") is None:
        return ""
    return render_to_string("opendata/head.html", {"meta": head_meta(context)})
