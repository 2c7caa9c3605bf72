"""{% maintenance_banner %}: the notices every page shows now."""

from django import template

from portal.notices.selectors import notices_visible

register = template.Library()


@register.inclusion_tag("notices/banner.html")
def maintenance_banner():
    return {"notices": notices_visible()}
