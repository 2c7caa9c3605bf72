"""Template filters for Vietnamese dates and numbers; {% fragment %} for cached page parts."""

import datetime

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe

from portal.core import formatting
from portal.core.fragments import cached

register = template.Library()


@register.filter
def vi_datetime(value):
    """{{ page.first_published_at|vi_datetime }} → Thứ Hai, 09/05/2022 08:30"""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return formatting.format_datetime(value)
    return f"{formatting.weekday_name(value)}, {formatting.format_date(value)}"


@register.filter
def vi_date(value):
    """{{ page.event_date|vi_date }} → 09/05/2022"""
    if not value:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formatting.format_date(value)


@register.filter
def vi_number(value, places=None):
    """{{ 3137287|vi_number }} → 3.137.287; {{ 98.65|vi_number:2 }} → 98,65"""
    if value is None or value == "":
        return ""
    try:
        if places is None:
            return formatting.format_integer(int(value))
        return formatting.format_decimal(float(value), int(places))
    except (TypeError, ValueError):
        return value


@register.simple_tag
def today_vi():
    """Today's date in the portal's timezone: Thứ Sáu, 27/11/2026."""
    today = timezone.localdate()
    return f"{formatting.weekday_name(today)}, {formatting.format_date(today)}"


class FragmentNode(template.Node):
    def __init__(self, nodelist, name: str, vary: list, timed: bool):
        self.nodelist = nodelist
        self.name = name
        self.vary = vary
        self.timed = timed

    def render(self, context):
        vary = [value.resolve(context) for value in self.vary]
        html = cached(
            context.get("request"),
            self.name,
            lambda: str(self.nodelist.render(context)),
            *vary,
            timed=self.timed,
        )
        return mark_safe(html)  # noqa: S308 - the template's own output, escaped when rendered


@register.tag
def fragment(parser, token):
    """{% fragment "name" value... [timed] %}…{% endfragment %}: cached on the content version.

    The same for every visitor of the same values (portal.core.fragments); `timed` when it
    prints counts or depends on the clock (refreshes every time bucket).
    """
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'":
        raise template.TemplateSyntaxError("{% fragment %} needs a quoted name")
    timed = bits[-1] == "timed"
    vary = [parser.compile_filter(bit) for bit in bits[2 : len(bits) - timed]]
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, bits[1][1:-1], vary, timed)
