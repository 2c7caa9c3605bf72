"""What an uncached render of a shared page costs once the cached parts are warm (fragments.py)."""

from django.core.cache import cache
from django.db import connection
from django.test import Client, TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from portal.demo.content import SEED_SLUG
from portal.demo.testing import load_demo_content
from portal.news.models import ArticlePage, SectionPage

# Measured on the demo content: article 4 (content version, the page, its views, its rating),
# section 2 and home 2 (content version, the page). The ceilings leave a little room and must
# never be raised past 8 for the article (issue 9, item 7).
ARTICLE_CEILING = 6
SECTION_CEILING = 4
HOME_CEILING = 4


@override_settings(FRAGMENT_CACHE=True, PAGE_CACHE_APP_SECONDS=0)
class UncachedRenderQueriesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo_content()
        cls.article = ArticlePage.objects.get(slug=SEED_SLUG)
        cls.section = SectionPage.objects.live().first()

    def setUp(self):
        cache.clear()

    def assert_render_within(self, path: str, ceiling: int) -> bytes:
        """The second GET renders again (no page cache) with the cached parts warm."""
        first = Client().get(path)
        self.assertEqual(first.status_code, 200)
        with CaptureQueriesContext(connection) as queries:
            second = Client().get(path)
        self.assertEqual(second.status_code, 200)
        self.assertNotIn("X-App-Cache", second, "the page cache answered: nothing was rendered")
        listing = "\n".join(
            f"{number}. {query['sql'][:300]}"
            for number, query in enumerate(queries.captured_queries, 1)
        )
        self.assertLessEqual(
            len(queries),
            ceiling,
            f"{path} took {len(queries)} queries (ceiling {ceiling}):\n{listing}",
        )
        return second.content

    def test_the_seed_article_renders_within_its_ceiling(self):
        self.assertLessEqual(ARTICLE_CEILING, 8)
        self.assert_render_within(self.article.url, ARTICLE_CEILING)

    def test_a_section_renders_within_its_ceiling(self):
        self.assert_render_within(self.section.url, SECTION_CEILING)

    def test_the_home_page_renders_within_its_ceiling(self):
        self.assert_render_within("/", HOME_CEILING)

    def test_an_article_first_seen_after_another_page_warmed_the_shared_parts(self):
        # Its own parts (route, body, related, head) are cold; the header, sidebar, footer are not.
        Client().get(self.section.url)
        with CaptureQueriesContext(connection) as queries:
            response = Client().get(self.article.url)
        self.assertEqual(response.status_code, 200)
        self.assertLess(len(queries), 34, "the shared parts were not reused")

    def test_warm_parts_render_the_same_bytes_as_a_full_render(self):
        for path in ("/", self.section.url, self.section.url + "?page=2", self.article.url):
            with self.subTest(path=path):
                with override_settings(FRAGMENT_CACHE=False):
                    full = Client().get(path).content
                cold = Client().get(path).content
                warm = Client().get(path).content
                self.assertEqual(full.decode(), cold.decode())
                self.assertEqual(full.decode(), warm.decode())


class CitationLinksQueryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo_content()
        cls.article = ArticlePage.objects.get(slug=SEED_SLUG)

    @override_settings(FRAGMENT_CACHE=False)
    def test_the_documents_cited_in_the_body_are_read_in_one_query(self):
        with CaptureQueriesContext(connection) as queries:
            response = Client().get(self.article.url)
        self.assertContains(response, 'class="legal-ref"')
        lookups = [
            q["sql"]
            for q in queries.captured_queries
            if "legal_documents_legaldocument" in q["sql"]
        ]
        self.assertEqual(len(lookups), 1, "\n".join(lookups))
