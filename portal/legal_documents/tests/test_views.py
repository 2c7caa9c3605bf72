import re

from django.contrib.auth import get_user_model
from django.template import Context, Template
from django.test import TestCase, override_settings

from wagtail.models import PageViewRestriction

from portal.accounts.testing import force_login_verified
from portal.demo import content
from portal.demo.content import SEED_SLUG
from portal.demo.testing import load_demo_content
from portal.legal_documents.models import LegalDocument
from portal.news.models import ArticlePage

LINK = re.compile(r'<a class="legal-ref" href="(?P<href>[^"]+)"[^>]*>(?P<text>[^<]+)</a>')


@override_settings(ALLOWED_HOSTS=["*"])
class LibraryTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo_content()
        cls.seed = ArticlePage.objects.get(slug=SEED_SLUG)
        cls.regulation = LegalDocument.objects.get(key="55 qd tw")


class SeedDocumentsTests(LibraryTestCase):
    def test_demo_seed_cites_exactly_three_documents_and_the_named_resolution(self):
        keys = sorted(self.seed.legal_citations.values_list("document__key", flat=True))
        self.assertEqual(keys, ["1 ctr tu", "37 qd tw", "55 qd tw", "nghi quyet trung uong 4"])
        self.assertEqual(LegalDocument.objects.filter(symbol__startswith="55-").count(), 1)

    def test_loading_the_demo_again_changes_nothing(self):
        before = (LegalDocument.objects.count(), self.seed.legal_citations.count())
        content.load_demo_content()  # the real loader, not the replay
        self.assertEqual(before, (LegalDocument.objects.count(), self.seed.legal_citations.count()))


class DocumentPageTests(LibraryTestCase):
    def test_document_page_lists_the_seed_article(self):
        response = self.client.get(self.regulation.get_absolute_url())
        self.assertContains(response, "Quy định số 55-QĐ/TW")
        self.assertContains(response, "Bộ Chính trị")
        self.assertContains(response, "19/12/2016")
        self.assertContains(response, self.seed.title)
        self.assertContains(response, self.seed.url)
        self.assertContains(response, "đang được cập nhật")

    def test_document_page_hides_unpublished_and_restricted_articles(self):
        self.seed.unpublish()
        response = self.client.get(self.regulation.get_absolute_url())
        self.assertNotContains(response, self.seed.title)
        self.assertContains(response, "Chưa có tin bài nào")

    def test_document_page_hides_private_articles(self):
        PageViewRestriction.objects.create(page=self.seed, restriction_type="login")
        response = self.client.get(self.regulation.get_absolute_url())
        self.assertNotContains(response, self.seed.title)

    def test_unknown_document_is_404(self):
        self.assertEqual(self.client.get("/van-ban-phap-ly/999999/").status_code, 404)

    def test_the_news_section_van_ban_is_not_shadowed(self):
        self.assertEqual(self.client.get("/van-ban/").status_code, 200)


class DocumentListTests(LibraryTestCase):
    def names(self, query: str = "") -> list[str]:
        response = self.client.get("/van-ban-phap-ly/" + query)
        self.assertEqual(response.status_code, 200)
        return re.findall(r'class="legal-list__name">([^<]+)<', response.content.decode())

    def test_lists_every_document_with_drafts_marked(self):
        names = self.names()
        self.assertIn("Quy định số 55-QĐ/TW", names)
        self.assertIn("Nghị quyết Trung ương 4", names)
        self.assertContains(self.client.get("/van-ban-phap-ly/"), "đang cập nhật")

    def test_filters_by_kind_issuer_and_year(self):
        self.assertEqual(self.names("?kind=programme"), ["Chương trình số 01-CTr/TU"])
        self.assertEqual(self.names("?issuer=Bộ+Chính+trị"), ["Quy định số 55-QĐ/TW"])
        self.assertEqual(self.names("?year=2021&kind=regulation"), ["Quy định số 37-QĐ/TW"])

    def test_invalid_filter_values_are_reported_not_a_500(self):
        response = self.client.get("/van-ban-phap-ly/?kind=khong-co&year=abc")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "errorlist")

    def test_pagination_keeps_the_filters(self):
        for number in range(1, 26):
            LegalDocument.objects.create(
                key=f"{number}/2020/ND-CP",
                symbol=f"{number}/2020/NĐ-CP",
                kind="decree",
                issuer="Chính phủ",
            )
        response = self.client.get("/van-ban-phap-ly/?kind=decree")
        self.assertContains(response, "?kind=decree&amp;page=2")
        self.assertEqual(len(self.names("?kind=decree&page=2")), 5)


class ArticleLinksTests(LibraryTestCase):
    def test_seed_article_links_its_references_to_the_documents(self):
        response = self.client.get(self.seed.url)
        links = LINK.findall(response.content.decode())
        self.assertIn((self.regulation.get_absolute_url(), "Quy định số 55-QĐ/TƯ"), links)
        self.assertIn((self.regulation.get_absolute_url(), "Quy định số 55-QĐ/TW"), links)
        hrefs = {href for href, _ in links}
        self.assertEqual(len(hrefs), 4)

    def render(self, html: str) -> str:
        template = Template("{% load legal_documents_tags %}{{ value|link_references }}")
        return template.render(Context({"value": html}))

    def test_links_only_text_nodes_and_keeps_escaping(self):
        html = (
            '<p>Theo <a href="/x">Quy định số 55-QĐ/TW</a> và Quy định số 55-QĐ/TƯ '
            "&lt;b&gt; &amp; “trích”</p>"
        )
        rendered = self.render(html)
        self.assertIn('<a href="/x">Quy định số 55-QĐ/TW</a>', rendered)
        self.assertIn(f'href="{self.regulation.get_absolute_url()}"', rendered)
        self.assertIn("&lt;b&gt; &amp; “trích”", rendered)
        self.assertEqual(rendered.count("<a "), 2)

    def test_references_without_a_document_stay_plain_text(self):
        html = "<p>Nghị định 99/2099/NĐ-CP.</p>"
        self.assertEqual(self.render(html), html)


class AdminTests(LibraryTestCase):
    def test_editors_find_the_library_in_the_admin(self):
        user = get_user_model().objects.create_superuser("admin", "a@example.com", "pw")
        force_login_verified(self.client, user)
        response = self.client.get("/admin/snippets/legal_documents/legaldocument/?kind=regulation")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Quy định số 55-QĐ/TW")
        self.assertNotContains(response, "Chương trình số 01-CTr/TU")

    def test_editor_adding_a_known_symbol_gets_a_message_not_an_error(self):
        user = get_user_model().objects.create_superuser("admin2", "b@example.com", "pw")
        force_login_verified(self.client, user)
        url = "/admin/snippets/legal_documents/legaldocument/add/"
        self.assertEqual(self.client.get(url).status_code, 200)
        response = self.client.post(
            url, {"kind": "regulation", "symbol": "55 QĐ/TƯ", "status": "complete", "title": ""}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Văn bản này đã có trong thư viện")
        self.assertEqual(LegalDocument.objects.filter(key="55 qd tw").count(), 1)

    def test_editor_completes_a_draft(self):
        user = get_user_model().objects.create_superuser("admin3", "c@example.com", "pw")
        force_login_verified(self.client, user)
        url = f"/admin/snippets/legal_documents/legaldocument/edit/{self.regulation.pk}/"
        response = self.client.post(
            url,
            {
                "kind": "regulation",
                "symbol": "55-QĐ/TW",
                "issuer": "Bộ Chính trị",
                "issued_on": "19/12/2016",
                "title": "Quy định về một số việc cần làm ngay để tăng cường vai trò nêu gương",
                "summary": "",
                "status": "complete",
            },
        )
        self.assertEqual(response.status_code, 302, response.content[:2000])
        self.regulation.refresh_from_db()
        self.assertFalse(self.regulation.is_draft)
        self.assertEqual(self.regulation.key, "55 qd tw")
