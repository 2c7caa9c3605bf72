import datetime
from unittest import mock

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from wagtail import hooks
from wagtail.models import Page
from wagtail.rich_text import RichText

from portal.core.testing.pages import published_article, site_section
from portal.legal_documents.models import Citation, LegalDocument
from portal.legal_documents.references import find_references
from portal.legal_documents.services import citations_refresh, legal_document_for_reference
from portal.news.models import ArticlePage, SectionPage


def make_article(section: SectionPage, text: str, slug: str = "bai-thu") -> ArticlePage:
    return published_article(
        section, title="Bài thử", slug=slug, body=[("paragraph", RichText(f"<p>{text}</p>"))]
    )


class CitationTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = site_section()


class CitationsRefreshTests(CitationTestCase):
    def test_unknown_documents_are_created_as_drafts_and_cited(self):
        article = make_article(
            self.section, "Theo Nghị định 42/2022/NĐ-CP và Quy định số 55-QĐ/TƯ ngày 19/12/2016."
        )
        documents = citations_refresh(article=article)
        self.assertEqual([d.key for d in documents], ["42 2022 nd cp", "55 qd tw"])
        decree = LegalDocument.objects.get(key="42 2022 nd cp")
        self.assertEqual(
            (decree.kind, decree.symbol, decree.issuer), ("decree", "42/2022/NĐ-CP", "Chính phủ")
        )
        self.assertTrue(decree.is_draft)
        self.assertEqual(
            LegalDocument.objects.get(key="55 qd tw").issued_on, datetime.date(2016, 12, 19)
        )
        self.assertEqual(Citation.objects.filter(article=article).count(), 2)

    def test_two_spellings_make_one_document(self):
        article = make_article(self.section, "Quy định số 55-QĐ/TƯ, rồi Quy định số 55-QĐ/TW.")
        citations_refresh(article=article)
        self.assertEqual(LegalDocument.objects.count(), 1)
        self.assertEqual(Citation.objects.get().quoted_as, "Quy định số 55-QĐ/TƯ")

    def test_refreshing_twice_changes_nothing(self):
        article = make_article(self.section, "Chương trình số 01-CTr/TU.")
        citations_refresh(article=article)
        citations_refresh(article=article)
        self.assertEqual((LegalDocument.objects.count(), Citation.objects.count()), (1, 1))

    def test_citations_follow_the_edited_text(self):
        article = make_article(self.section, "Chương trình số 01-CTr/TU.")
        citations_refresh(article=article)
        article.body = [("paragraph", RichText("<p>Kết luận số 21-KL/TW.</p>"))]
        article.save_revision().publish()
        citations_refresh(article=article)
        self.assertEqual(
            list(Citation.objects.values_list("document__key", flat=True)), ["21 kl tw"]
        )
        self.assertTrue(LegalDocument.objects.filter(key="1 ctr tu").exists())

    def test_a_later_fuller_reference_completes_a_draft(self):
        make_article(self.section, "Quy định số 37-QĐ/TW.", slug="a")
        citations_refresh(article=ArticlePage.objects.get(slug="a"))
        make_article(
            self.section,
            "Quy định số 37-QĐ/TƯ ngày 25/10/2021 của Ban Chấp hành Trung ương.",
            slug="b",
        )
        citations_refresh(article=ArticlePage.objects.get(slug="b"))
        document = LegalDocument.objects.get()
        self.assertEqual(document.issued_on, datetime.date(2021, 10, 25))
        self.assertEqual(document.issuer, "Ban Chấp hành Trung ương")

    def test_a_completed_document_is_never_changed_by_the_recogniser(self):
        LegalDocument.objects.create(
            key="37 qd tw",
            symbol="37-QĐ/TW",
            kind="regulation",
            issuer="Trung ương",
            status=LegalDocument.STATUS_COMPLETE,
        )
        (reference,) = find_references("Quy định số 37-QĐ/TW ngày 25/10/2021 của Bộ Chính trị")
        document = legal_document_for_reference(reference=reference)
        document.refresh_from_db()
        self.assertEqual((document.issuer, document.issued_on), ("Trung ương", None))

    def test_named_document_is_kept_by_name(self):
        article = make_article(self.section, "Gắn với Nghị quyết Trung ương 4 về xây dựng Đảng.")
        (document,) = citations_refresh(article=article)
        self.assertEqual((document.symbol, document.title), ("", "Nghị quyết Trung ương 4"))
        self.assertEqual(str(document), "Nghị quyết Trung ương 4")


class LegalDocumentCleanTests(CitationTestCase):
    def test_editor_symbol_is_canonicalised_and_keyed(self):
        document = LegalDocument(symbol="55 - QĐ/TƯ", kind="regulation")
        document.full_clean()
        self.assertEqual((document.symbol, document.key), ("55-QĐ/TW", "55 qd tw"))

    def test_a_second_record_of_one_document_is_refused_with_a_message(self):
        LegalDocument.objects.create(key="55 qd tw", symbol="55-QĐ/TW", kind="regulation")
        duplicate = LegalDocument(symbol="55-QĐ/TƯ", kind="regulation")
        with self.assertRaisesMessage(ValidationError, "đã có trong thư viện"):
            duplicate.full_clean()

    def test_a_document_needs_a_symbol_or_a_name(self):
        with self.assertRaisesMessage(ValidationError, "số ký hiệu hoặc tên"):
            LegalDocument(kind="law").full_clean()


class SaveHooksTests(CitationTestCase):
    def test_saving_an_article_in_the_admin_runs_the_recogniser(self):
        for hook_name in ("after_create_page", "after_edit_page"):
            with self.subTest(hook=hook_name):
                article = make_article(
                    self.section, "Nghị định 13/2023/NĐ-CP.", slug=hook_name.replace("_", "-")
                )
                article.save_revision()  # a draft saved in the admin: no signal is sent
                Citation.objects.all().delete()
                for hook in hooks.get_hooks(hook_name):
                    hook(None, Page.objects.get(pk=article.pk))
                self.assertEqual(
                    list(
                        Citation.objects.filter(article=article).values_list(
                            "document__key", flat=True
                        )
                    ),
                    ["13 2023 nd cp"],
                )

    def test_publishing_in_the_admin_refreshes_the_citations_once(self):
        article = make_article(self.section, "Nghị định 13/2023/NĐ-CP.", slug="xuat-ban-mot-lan")
        with mock.patch(
            "portal.legal_documents.signals.citations_refresh", wraps=citations_refresh
        ) as refresh:
            article.save_revision().publish()  # page_published
            for hook in hooks.get_hooks("after_edit_page"):  # then the admin's hook
                hook(None, Page.objects.get(pk=article.pk))
        self.assertEqual(refresh.call_count, 1)


class PublicationTests(CitationTestCase):
    def test_every_publication_refreshes_the_citations(self):
        article = make_article(self.section, "Theo Nghị định 13/2023/NĐ-CP.")
        self.assertEqual(cited_keys(article), ["13 2023 nd cp"])
        article.body = [("paragraph", RichText("<p>Thực hiện Quy định số 55-QĐ/TW.</p>"))]
        article.save_revision().publish()
        self.assertEqual(cited_keys(article), ["55 qd tw"])

    def test_the_scheduler_publishing_an_article_refreshes_its_citations(self):
        article = make_article(self.section, "Chưa trích dẫn văn bản nào.")
        self.assertEqual(cited_keys(article), [])
        article.body = [("paragraph", RichText("<p>Thực hiện Chương trình 01-CTr/TU.</p>"))]
        article.go_live_at = timezone.now() + datetime.timedelta(seconds=1)
        article.save_revision(approved_go_live_at=article.go_live_at)
        self.assertEqual(cited_keys(article), [])  # nothing changes before it goes live
        with mock.patch(
            "django.utils.timezone.now",
            return_value=timezone.now() + datetime.timedelta(seconds=5),
        ):
            call_command("publish_scheduled", verbosity=0)
        self.assertEqual(cited_keys(article), ["1 ctr tu"])


def cited_keys(article: ArticlePage) -> list[str]:
    return sorted(Citation.objects.filter(article=article).values_list("document__key", flat=True))
