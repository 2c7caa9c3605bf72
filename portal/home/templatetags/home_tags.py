"""Site navigation: the home page and its sections, for the header menu."""

from django import template

from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("includes/navigation.html", takes_context=True)
def main_navigation(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    root = site.root_page.specific if site else None
    sections = root.get_children().live().public().in_menu() if root else []
    current = context.get("page") or context.get("self")
    return {
        "root": root,
        "sections": sections,
        "current_path": getattr(current, "url_path", "") or "",
        "request": request,
    }
