"""Documents are searchable: a symbol typed any way finds the document, then the citing articles."""

from django.test import TestCase

from portal.demo.content import SEED_SLUG
from portal.demo.testing import load_demo_content
from portal.legal_documents.models import LegalDocument
from portal.news.models import ArticlePage


class LegalDocumentSearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo_content()
        cls.seed = ArticlePage.objects.get(slug=SEED_SLUG)
        cls.document = LegalDocument.objects.get(symbol="55-QĐ/TW")

    def test_symbol_typed_any_way_finds_the_document_first_and_the_seed_after(self):
        for query in ("55-QĐ/TW", "55 qd tw", "55-QĐ/TƯ", "55-qd/tu"):
            response = self.client.get("/tim-kiem/", {"q": query})
            self.assertEqual(response.status_code, 200, query)
            html = response.content.decode()
            document_at = html.find(f'href="{self.document.get_absolute_url()}"')
            seed_at = html.find(f'href="{self.seed.url}"')
            self.assertGreater(document_at, -1, query)
            self.assertGreater(seed_at, document_at, query)

    def test_editing_a_document_updates_its_entry(self):
        self.document.title = "Một số việc cần làm ngay để tăng cường vai trò nêu gương"
        self.document.save()
        response = self.client.get("/tim-kiem/", {"q": "vai tro neu guong"})
        self.assertContains(response, self.document.get_absolute_url())
