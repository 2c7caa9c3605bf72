"""Maintenance notices in the admin (Cài đặt → Thông báo bảo trì)."""

from wagtail.admin.ui.tables import DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import MaintenanceNotice


class MaintenanceNoticeViewSet(SnippetViewSet):
    model = MaintenanceNotice
    icon = "warning"
    menu_label = "Thông báo bảo trì"
    menu_name = "maintenance-notices"
    add_to_settings_menu = True
    list_display = [
        "title",
        DateColumn("show_from", label="Hiển thị từ"),
        DateColumn("starts_at", label="Bắt đầu"),
        DateColumn("ends_at", label="Kết thúc"),
    ]


register_snippet(MaintenanceNoticeViewSet)
