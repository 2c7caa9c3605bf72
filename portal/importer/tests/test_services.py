import datetime
import tempfile
from io import StringIO
from pathlib import Path
from unittest import mock

from django.core.management import CommandError, call_command
from django.test import TestCase

from portal.accounts.testing import force_login_verified
from portal.core.testing.pages import site_section
from portal.importer.models import ImportRecord
from portal.importer.services import (
    CREATED,
    UNCHANGED,
    legacy_file_import,
    legacy_paths,
)
from portal.importer.tests.factories import SEED_DUMP, legacy_dump, to_cp1258, write_dumps
from portal.legal_documents.models import Citation, LegalDocument
from portal.news.models import ArticlePage

SEED_TITLE = "Đoàn kiểm tra số 2 làm việc với Quận ủy Hoàn Kiếm"
GENERATED_COUNT = 200


class ImportTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = site_section("tin-tuc-su-kien", "Tin tức - Sự kiện")

    def setUp(self):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        self.dir = Path(tmp.name)

    def write(self, name: str, data: bytes) -> Path:
        path = self.dir / name
        path.write_bytes(data)
        return path


class SeedImportTests(ImportTestCase):
    def test_seed_becomes_the_expected_article(self):
        outcome = legacy_file_import(path=SEED_DUMP, section=self.section, title=SEED_TITLE)
        self.assertEqual(outcome.status, CREATED, outcome.line())
        article = ArticlePage.objects.get(pk=outcome.article_id)
        kinds = [block.block_type for block in article.body]
        self.assertEqual(kinds.count("paragraph"), 12)
        self.assertEqual(kinds[:4], ["paragraph", "paragraph", "image", "paragraph"])
        self.assertEqual(
            article.body[2].value["caption"],
            "Đồng chí Nguyễn Ngọc Tuấn phát biểu tại buổi kiểm tra",
        )
        self.assertIsNone(article.body[2].value["image"])
        self.assertEqual(article.byline, "Nguyễn Hợp")
        self.assertEqual(article.event_date, datetime.date(2022, 5, 9))
        self.assertEqual(article.event_part_of_day, "sáng")
        self.assertEqual(article.title, SEED_TITLE)
        self.assertFalse(article.title_needs_review)
        self.assertTrue(article.live)
        text = article.plain_text()
        for widget in [
            "Mã xác thực",
            "Liên kết website",
            "người đã bình chọn",
            "Thống kê",
            "Online",
        ]:
            self.assertNotIn(widget, text)

    def test_seed_cites_three_documents_and_the_named_resolution(self):
        outcome = legacy_file_import(path=SEED_DUMP, section=self.section)
        cited = Citation.objects.filter(article_id=outcome.article_id)
        self.assertEqual(
            sorted(cited.values_list("document__key", flat=True)),
            ["1 ctr tu", "37 qd tw", "55 qd tw", "nghi quyet trung uong 4"],
        )
        self.assertEqual(LegalDocument.objects.filter(key__startswith="55 ").count(), 1)
        regulation = LegalDocument.objects.get(key="55 qd tw")
        self.assertEqual(regulation.symbol, "55-QĐ/TW")
        self.assertEqual(regulation.issuer, "Bộ Chính trị")
        self.assertEqual(regulation.issued_on, datetime.date(2016, 12, 19))
        self.assertTrue(regulation.is_draft)

    def test_without_a_title_one_is_proposed_and_flagged(self):
        outcome = legacy_file_import(path=SEED_DUMP, section=self.section)
        article = ArticlePage.objects.get(pk=outcome.article_id)
        self.assertTrue(article.title.startswith("Đoàn kiểm tra số 2 của Ban Thường vụ Thành ủy"))
        self.assertTrue(article.title_needs_review)
        self.assertIn("tiêu đề do máy đề xuất", outcome.line())

    def test_report_says_what_the_widgets_carried(self):
        line = legacy_file_import(path=SEED_DUMP, section=self.section).line()
        self.assertIn("12 đoạn, 1 chú thích ảnh", line)
        self.assertIn("bỏ 9 dòng tiện ích", line)
        self.assertIn("498 người đã bình chọn", line)
        self.assertIn("thống kê truy cập: 3137287", line)
        self.assertIn("đang trực tuyến: 54", line)


class IdempotenceTests(ImportTestCase):
    def test_importing_the_same_file_twice_changes_nothing(self):
        first = legacy_file_import(path=SEED_DUMP, section=self.section)
        counts = (
            ArticlePage.objects.count(),
            LegalDocument.objects.count(),
            Citation.objects.count(),
            ImportRecord.objects.count(),
        )
        second = legacy_file_import(path=SEED_DUMP, section=self.section)
        self.assertEqual(second.status, UNCHANGED)
        self.assertEqual(second.article_id, first.article_id)
        self.assertEqual(
            counts,
            (
                ArticlePage.objects.count(),
                LegalDocument.objects.count(),
                Citation.objects.count(),
                ImportRecord.objects.count(),
            ),
        )

    def test_the_same_text_in_another_encoding_is_the_same_source(self):
        legacy_file_import(path=SEED_DUMP, section=self.section)
        text = SEED_DUMP.read_text(encoding="utf-8")
        for name, data in [("u16.txt", text.encode("utf-16")), ("cp.txt", to_cp1258(text))]:
            outcome = legacy_file_import(path=self.write(name, data), section=self.section)
            self.assertEqual(outcome.status, UNCHANGED, outcome.line())
        self.assertEqual(ArticlePage.objects.count(), 1)

    def test_a_deleted_article_is_imported_again(self):
        first = legacy_file_import(path=SEED_DUMP, section=self.section)
        ArticlePage.objects.get(pk=first.article_id).delete()
        again = legacy_file_import(path=SEED_DUMP, section=self.section)
        self.assertEqual(again.status, CREATED)
        self.assertEqual(ImportRecord.objects.count(), 1)


class BrokenFileTests(ImportTestCase):
    def test_broken_files_are_reported_and_the_rest_imported(self):
        text = SEED_DUMP.read_text(encoding="utf-8")
        files = {
            "a_binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 8,
            "b_empty.txt": b"",
            "c_widgets_only.txt": "Đánh giá:\nBình chọn\nOnline: 5\n".encode(),
            "d_latin1.txt": "Hello, ça va très bien, merci".encode("latin-1"),
            "e_utf16.txt": text.replace("9/5/2022", "10/5/2022").encode("utf-16"),
            "f_cp1258.txt": to_cp1258(text.replace("9/5/2022", "11/5/2022")),
            "g_seed.txt": text.encode(),
        }
        for name, data in files.items():
            self.write(name, data)
        out = StringIO()
        call_command("import_legacy", str(self.dir), "--no-progress", stdout=out)
        report = out.getvalue()
        self.assertIn("a_binary.txt: LỖI\n    · tệp nhị phân", report)
        self.assertIn("b_empty.txt: LỖI\n    · tệp rỗng", report)
        self.assertIn("c_widgets_only.txt: LỖI\n    · không tìm thấy nội dung bài viết", report)
        self.assertIn("d_latin1.txt: LỖI\n    · không nhận ra bảng mã", report)
        self.assertIn("UTF-16", report)
        self.assertIn("Windows-1258", report)
        self.assertIn("Tổng cộng 7 tệp — đã tạo: 3, LỖI: 4.", report)
        dates = sorted(ArticlePage.objects.values_list("event_date", flat=True))
        self.assertEqual([d.day for d in dates], [9, 10, 11])

    def test_a_failure_midway_leaves_nothing_behind(self):
        with (
            mock.patch(
                # The pipeline's citations step, run inside the import's transaction.
                "portal.legal_documents.signals.citations_refresh",
                side_effect=RuntimeError("boom"),
            ),
            self.assertRaises(RuntimeError),
        ):
            legacy_file_import(path=SEED_DUMP, section=self.section)
        self.assertEqual(ArticlePage.objects.count(), 0)
        self.assertEqual(ImportRecord.objects.count(), 0)
        self.assertEqual(LegalDocument.objects.count(), 0)
        self.assertEqual(legacy_file_import(path=SEED_DUMP, section=self.section).status, CREATED)

    def test_an_unexpected_error_is_reported_and_the_run_goes_on(self):
        self.write("a.txt", SEED_DUMP.read_bytes())
        self.write("b.txt", legacy_dump(1)[0].encode())
        calls = {"n": 0}
        from portal.legal_documents import signals as citation_step

        real = citation_step.citations_refresh

        def refresh_failing_first(*, article):
            calls["n"] += 1
            if calls["n"] == 1:
                raise RuntimeError("boom")
            return real(article=article)

        out = StringIO()
        with mock.patch.object(citation_step, "citations_refresh", refresh_failing_first):
            call_command("import_legacy", str(self.dir), "--no-progress", stdout=out)
        self.assertIn(
            "a.txt: LỖI\n    · lỗi không mong đợi, không ghi gì: RuntimeError: boom", out.getvalue()
        )
        self.assertEqual(ArticlePage.objects.count(), 1)
        self.assertEqual(ImportRecord.objects.get().source_path, str(self.dir / "b.txt"))

    def test_a_missing_path_is_reported(self):
        out = StringIO()
        call_command(
            "import_legacy",
            str(self.dir / "missing.txt"),
            str(SEED_DUMP),
            "--no-progress",
            stdout=out,
        )
        self.assertIn("missing.txt: LỖI\n    · không có tệp hoặc thư mục này", out.getvalue())
        self.assertEqual(ArticlePage.objects.count(), 1)


class CommandOptionsTests(ImportTestCase):
    def test_dry_run_reports_and_writes_nothing(self):
        out = StringIO()
        call_command("import_legacy", str(SEED_DUMP), "--dry-run", "--no-progress", stdout=out)
        self.assertIn("sẽ tạo (chạy thử)", out.getvalue())
        self.assertIn("12 đoạn, 1 chú thích ảnh", out.getvalue())
        self.assertEqual(ArticlePage.objects.count(), 0)
        self.assertEqual(LegalDocument.objects.count(), 0)
        self.assertEqual(ImportRecord.objects.count(), 0)

    def test_title_and_section_options(self):
        other = site_section("van-ban-thu", "Văn bản")
        call_command(
            "import_legacy",
            str(SEED_DUMP),
            "--title",
            SEED_TITLE,
            "--section",
            "van-ban-thu",
            "--no-progress",
            stdout=StringIO(),
        )
        article = ArticlePage.objects.get()
        self.assertEqual(article.title, SEED_TITLE)
        self.assertEqual(article.get_parent().specific, other)

    def test_title_with_several_files_is_refused(self):
        self.write("a.txt", b"x")
        self.write("b.txt", b"y")
        with self.assertRaisesMessage(CommandError, "--title"):
            call_command("import_legacy", str(self.dir), "--title", "T", stdout=StringIO())

    def test_unknown_section_is_refused(self):
        with self.assertRaisesMessage(CommandError, "Không có chuyên mục"):
            call_command(
                "import_legacy", str(SEED_DUMP), "--section", "khong-co", stdout=StringIO()
            )

    def test_draft_option_keeps_articles_unpublished(self):
        call_command("import_legacy", str(SEED_DUMP), "--draft", "--no-progress", stdout=StringIO())
        self.assertFalse(ArticlePage.objects.get().live)

    def test_folders_are_walked_in_order(self):
        (self.dir / "sub").mkdir()
        self.write("sub/b.txt", b"b")
        self.write("a.txt", b"a")
        self.write("note.md", b"c")
        self.assertEqual([p.name for p in legacy_paths([self.dir])], ["a.txt", "b.txt"])


class GeneratedDumpsImportTests(ImportTestCase):
    def test_generated_dumps_import_correctly(self):
        paths = write_dumps(self.dir, GENERATED_COUNT, seed=42)
        out = StringIO()
        call_command("import_legacy", str(self.dir), "--no-progress", stdout=out)
        self.assertIn(
            f"Tổng cộng {GENERATED_COUNT} tệp — đã tạo: {GENERATED_COUNT}.", out.getvalue()
        )
        self.assertEqual(ArticlePage.objects.count(), GENERATED_COUNT)
        import random

        rng = random.Random(42)
        for index, path in enumerate(paths):
            _, expected = legacy_dump(index, rng)
            if index % 25:
                continue
            article = ArticlePage.objects.get(
                pk=ImportRecord.objects.get(source_path=str(path)).article_id
            )
            with self.subTest(path=path.name):
                paragraphs = [b.value.source for b in article.body if b.block_type == "paragraph"]
                self.assertEqual(len(paragraphs), len(expected["paragraphs"]))
                self.assertEqual(article.byline, expected["byline"])
                self.assertEqual(article.event_date, datetime.date(*expected["event_date"]))
        again = StringIO()
        call_command("import_legacy", str(self.dir), "--no-progress", stdout=again)
        self.assertIn(f"không đổi: {GENERATED_COUNT}", again.getvalue())


class ImportRecordAdminTests(ImportTestCase):
    def test_the_import_report_is_kept_and_shown_in_the_admin(self):
        from django.contrib.auth import get_user_model

        outcome = legacy_file_import(path=SEED_DUMP, section=self.section)
        record = ImportRecord.objects.get()
        self.assertIn("498 người đã bình chọn", record.report)
        self.assertEqual(record.article_id, outcome.article_id)
        force_login_verified(
            self.client, get_user_model().objects.create_superuser("admin", "a@example.com", "pw")
        )
        with self.settings(ALLOWED_HOSTS=["*"]):
            listing = self.client.get("/admin/snippets/importer/importrecord/")
            inspect = self.client.get(f"/admin/snippets/importer/importrecord/inspect/{record.pk}/")
        self.assertContains(listing, "seed_article.txt")
        self.assertContains(inspect, "thống kê truy cập: 3137287")
