"""The import records in the admin: what each legacy file became, and the report it produced."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ImportRecord


class ImportRecordViewSet(SnippetViewSet):
    model = ImportRecord
    icon = "download"
    menu_label = "Nhập từ trang cũ"
    menu_name = "legacy_imports"
    add_to_settings_menu = True
    list_display = ["source_path", "article", "source_encoding", "imported_at"]
    list_filter = ["source_encoding"]
    search_fields = ["source_path", "report"]
    inspect_view_enabled = True
    inspect_view_fields = ["source_path", "source_encoding", "article", "imported_at", "report"]
    ordering = ["-imported_at"]


register_snippet(ImportRecordViewSet)
