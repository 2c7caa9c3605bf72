"""Template filters for Vietnamese dates and numbers."""

import datetime

from django import template
from django.utils import timezone

from portal.core import formatting

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
