"""Relevance over a fixed corpus: success@3 and MRR of the labelled queries."""

from django.db import connection
from django.test import TestCase

from portal.core.testing.figures import record_figure
from portal.demo.content import SEED_SLUG
from portal.demo.testing import load_demo_content
from portal.news.models import ArticlePage
from portal.search.selectors import search_entries
from portal.search.services import search_index_store_many

from . import corpus

MIN_SUCCESS_AT_3 = 0.95


def load_corpus() -> dict[str, tuple[str, int]]:
    """Index the demo content and the test corpus; return corpus key → (kind, object id)."""
    load_demo_content()
    search_index_store_many(kind="legal_document", items=corpus.document_items())
    search_index_store_many(kind="article", items=corpus.article_items())
    search_index_store_many(kind="article", items=corpus.filler_items())
    keys = corpus.keys_to_ids()
    keys["seed"] = ("article", ArticlePage.objects.get(slug=SEED_SLUG).pk)
    return keys


class RelevanceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.keys = load_corpus()

    def test_labelled_queries_find_their_documents_first(self):
        from portal.search.models import SearchEntry

        self.assertGreaterEqual(SearchEntry.objects.count(), 200)
        self.assertGreaterEqual(len(corpus.LABELLED_QUERIES), 60)
        hits_at_3, reciprocal_ranks, misses = 0, [], []
        for text, expected_keys in corpus.LABELLED_QUERIES:
            expected = {self.keys[key] for key in expected_keys}
            ranked = [(r.entry.kind, r.entry.object_id) for r in search_entries(text)[0:10]]
            rank = next((i + 1 for i, found in enumerate(ranked) if found in expected), None)
            reciprocal_ranks.append(1 / rank if rank else 0.0)
            if rank and rank <= 3:
                hits_at_3 += 1
            else:
                misses.append((text, rank))
        success_at_3 = hits_at_3 / len(corpus.LABELLED_QUERIES)
        mrr = sum(reciprocal_ranks) / len(reciprocal_ranks)
        engine = connection.vendor
        record_figure(
            f"Search relevance ({engine}): {len(corpus.LABELLED_QUERIES)} queries, "
            f"success@3 = {success_at_3:.3f}, MRR = {mrr:.3f}; misses: {misses}"
        )
        self.assertGreaterEqual(success_at_3, MIN_SUCCESS_AT_3, misses)
