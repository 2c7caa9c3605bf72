"""The importer against the shared labelled set: an imported dump cites the labelled documents."""

import tempfile
from pathlib import Path

from django.test import TestCase

from portal.core.testing.pages import site_section
from portal.core.tests.text_samples import SAMPLES
from portal.importer.services import CREATED, legacy_file_import
from portal.legal_documents.models import Citation
from portal.news.models import ArticlePage


class ImportedCitationsFollowTheLabels(TestCase):
    def test_an_imported_dump_cites_the_labelled_documents(self):
        section = site_section()
        # A dump of every labelled sentence with at least one reference, one paragraph each.
        cited = [(sentence, expected) for sentence, expected in SAMPLES if expected]
        text = "\n\n".join(sentence for sentence, _ in cited)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "samples.txt"
            path.write_text(text, encoding="utf-8")
            outcome = legacy_file_import(path=path, section=section, title="Các văn bản")
        self.assertEqual(outcome.status, CREATED, outcome.line())
        article = ArticlePage.objects.get(pk=outcome.article_id)
        keys = set(Citation.objects.filter(article=article).values_list("document__key", flat=True))
        wanted = {key for _, expected in cited for key in expected}
        self.assertEqual(keys, wanted)
