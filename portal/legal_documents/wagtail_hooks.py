"""The document library in the admin, and the recogniser run when an article is saved."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.news.models import ArticlePage

from .models import LegalDocument
from .services import citations_refresh


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


def _refresh_citations(request, page) -> None:
    page = page.specific
    if isinstance(page, ArticlePage):
        citations_refresh(article=page)


# Saving a draft in the admin runs the recogniser too; publishing is handled by the
# page_published signal (signals.py), which the scheduler and workflows also send.
hooks.register("after_create_page", _refresh_citations)
hooks.register("after_edit_page", _refresh_citations)
