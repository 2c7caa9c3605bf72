"""Importing one file goes through the publishing pipeline once: one citations refresh, one
write of the article's search entry (before the pipeline: two refreshes and three writes)."""

import tempfile
from collections import Counter
from pathlib import Path
from unittest import mock

from django.test import TestCase

from portal.core.testing.pages import site_section
from portal.importer.services import CREATED, legacy_file_import
from portal.legal_documents import signals as citation_step
from portal.search import services as search_services
from portal.search.backends import backend
from portal.search.models import SearchEntry

DUMP = (
    "Sáng 9/5/2022, đoàn kiểm tra làm việc với Quận ủy về việc thực hiện Quy định số "
    "55-QĐ/TƯ và Nghị định 42/2022/NĐ-CP.\n\nNội dung thứ hai của bài viết.\n"
)


class OneImportOnePass(TestCase):
    def test_one_file_refreshes_citations_once_and_writes_the_index_once(self):
        section = site_section()
        engine = backend()
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "bai.txt"
            path.write_text(DUMP, encoding="utf-8")
            with (
                mock.patch.object(
                    citation_step, "citations_refresh", wraps=citation_step.citations_refresh
                ) as refresh,
                mock.patch.object(
                    search_services,
                    "search_index_store",
                    wraps=search_services.search_index_store,
                ) as store,
                mock.patch.object(
                    type(engine), "write", autospec=True, side_effect=engine.write.__func__
                ) as write,
            ):
                outcome = legacy_file_import(path=path, section=section, title="Bài kiểm tra")
        self.assertEqual(outcome.status, CREATED, outcome.line())
        self.assertEqual(refresh.call_count, 1)
        # The article's entry is written once; each document the import made a draft of gets
        # its own entry (the library's documents are searchable), once.
        stored = Counter(call.kwargs["kind"] for call in store.call_args_list)
        self.assertEqual(stored, {"article": 1, "legal_document": 2})
        self.assertEqual(write.call_count, 3)
        entry = SearchEntry.objects.get(kind="article", object_id=outcome.article_id)
        self.assertEqual(entry.title, "Bài kiểm tra")
        self.assertTrue(any("55-QĐ/TW" in note for note in outcome.notes), outcome.notes)

    def test_a_draft_import_records_citations_but_no_search_entry(self):
        section = site_section()
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "nhap.txt"
            path.write_text(DUMP, encoding="utf-8")
            with mock.patch.object(
                citation_step, "citations_refresh", wraps=citation_step.citations_refresh
            ) as refresh:
                outcome = legacy_file_import(
                    path=path, section=section, title="Bản nháp", publish=False
                )
        self.assertEqual(refresh.call_count, 1)
        self.assertFalse(SearchEntry.objects.filter(object_id=outcome.article_id).exists())
