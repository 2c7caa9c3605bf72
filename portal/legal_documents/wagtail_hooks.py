"""The document library in the admin (citations follow articles through portal.core.publishing)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import LegalDocument


class LegalDocumentViewSet(SnippetViewSet):
    model = LegalDocument
    icon = "doc-full"
    menu_label = "Văn bản"
    menu_name = "legal_documents"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["display_name", "kind", "issuer", "issued_on", "status"]
    list_filter = ["kind", "status", "issuer"]
    search_fields = ["symbol", "title", "summary"]
    ordering = ["-issued_on", "-pk"]


register_snippet(LegalDocumentViewSet)
