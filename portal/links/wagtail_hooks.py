"""Website links in the Wagtail admin: an ordered, filterable list editors keep."""

from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import WebsiteLink


class WebsiteLinkViewSet(SnippetViewSet):
    model = WebsiteLink
    icon = "link-external"
    menu_order = 220
    add_to_admin_menu = True
    ordering = ["sort_order", "name"]
    search_fields = ["name", "url"]
    list_filter = ["active"]
    list_display = [
        "name",
        Column("url", label="Địa chỉ"),
        Column("sort_order", label="Thứ tự"),
        BooleanColumn("active", label="Hiển thị"),
    ]


register_snippet(WebsiteLinkViewSet)
