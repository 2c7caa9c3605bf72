"""Site navigation: the home page and its sections, for the header menu."""

from django import template
from django.template.loader import render_to_string

from wagtail.models import Site

from portal.core.fragments import cached

register = template.Library()


def _current_section_key(current_path: str) -> str:
    """What decides the highlighted item: "/home/" (the home page) or "/home/<section>"."""
    return "/".join(current_path.split("/")[:3])


def _navigation(request, current_path: str) -> str:
    site = Site.find_for_request(request) if request else None
    root = site.root_page.specific if site else None
    sections = root.get_children().live().public().in_menu() if root else []
    items = [
        {
            "title": section.title,
            "url": section.url,
            "current": current_path.startswith(section.url_path),
        }
        for section in sections
    ]
    return render_to_string(
        "includes/navigation.html",
        {"home_current": bool(root) and current_path == root.url_path, "sections": items},
    )


@register.simple_tag(takes_context=True)
def main_navigation(context):
    """The same for every page of one section: one cached part per section (and the home page)."""
    request = context.get("request")
    current = context.get("page") or context.get("self")
    current_path = getattr(current, "url_path", "") or ""
    return cached(
        request,
        "navigation",
        lambda: _navigation(request, current_path),
        _current_section_key(current_path),
    )
