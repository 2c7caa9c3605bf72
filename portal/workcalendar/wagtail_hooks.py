"""Announced days off and make-up working days in the admin (Cài đặt)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CalendarException


class CalendarExceptionViewSet(SnippetViewSet):
    model = CalendarException
    icon = "date"
    menu_label = "Ngày nghỉ bù, làm bù"
    menu_name = "calendar_exceptions"
    menu_order = 320
    add_to_settings_menu = True
    list_display = ["date", "kind", "note"]
    list_filter = ["kind"]
    ordering = ["-date"]


register_snippet(CalendarExceptionViewSet)
