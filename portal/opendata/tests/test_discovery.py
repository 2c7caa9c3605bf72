"""Feeds, sitemaps, robots.txt, the HTML site map, OpenGraph and JSON-LD."""

import json
import re
import xml.etree.ElementTree as ET

from django.test import TestCase, override_settings

from wagtail.models import Page, PageViewRestriction

import feedparser

from portal.core.testing.figures import record_figure
from portal.core.testing.pages import ArticlePageFactory
from portal.demo.content import SEED_SLUG
from portal.demo.testing import load_demo_content
from portal.legal_documents.models import KIND_CHOICES, LegalDocument
from portal.news.models import ArticlePage, SectionPage

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def _xml(content: bytes):
    """Parse the portal's own sitemap output (trusted: produced by the code under test)."""
    return ET.fromstring(content)  # noqa: S314


def _local(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


@override_settings(ALLOWED_HOSTS=["*"])
class DiscoveryTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo_content()
        cls.seed = ArticlePage.objects.get(slug=SEED_SLUG)
        cls.section = cls.seed.get_parent().specific
        cls.regulation = LegalDocument.objects.get(key="55 qd tw")
        cls.draft = ArticlePageFactory(parent=cls.section, title="Tin nháp không được lộ")
        cls.draft.unpublish()
        cls.private = ArticlePageFactory(parent=cls.section, title="Tin riêng tư không được lộ")
        PageViewRestriction.objects.create(page=cls.private, restriction_type="login")


class FeedTests(DiscoveryTestCase):
    def feeds(self) -> list[str]:
        urls = ["/feeds/atom/", "/feeds/rss/", "/feeds/van-ban/atom/", "/feeds/van-ban/rss/"]
        for section in SectionPage.objects.live().public():
            urls += [
                f"/feeds/chuyen-muc/{section.pk}/atom/",
                f"/feeds/chuyen-muc/{section.pk}/rss/",
            ]
        for kind, _label in KIND_CHOICES:
            urls += [f"/feeds/van-ban/{kind}/atom/", f"/feeds/van-ban/{kind}/rss/"]
        return urls

    def test_every_feed_parses_cleanly_with_vietnamese_titles_and_summaries(self):
        entries = 0
        urls = self.feeds()
        for url in urls:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertNotIn("Set-Cookie", response.headers)
                feed = feedparser.parse(response.content)
                self.assertFalse(feed.bozo, f"{url}: {feed.get('bozo_exception')}")
                self.assertEqual(feed.version, "atom10" if url.endswith("atom/") else "rss20")
                self.assertTrue(feed.feed.title)
                self.assertEqual(feed.feed.get("language", "vi"), "vi")
                for entry in feed.entries:
                    self.assertTrue(entry.title and entry.summary and entry.link and entry.id)
                    self.assertTrue(entry.get("published_parsed") or entry.get("updated_parsed"))
                    self.assertNotIn("không được lộ", entry.title)
                entries += len(feed.entries)
        record_figure(f"feeds: {len(urls)} feeds valid per feedparser, {entries} entries")

    def test_site_feed_carries_the_seed_article_in_vietnamese(self):
        feed = feedparser.parse(self.client.get("/feeds/atom/").content)
        entry = next(e for e in feed.entries if e.id == f"urn:dancu:article:{self.seed.pk}")
        self.assertEqual(entry.title, self.seed.title)
        self.assertIn("98,65%", entry.summary)
        self.assertEqual(entry.author, "Nguyễn Hợp")
        self.assertIn("+07:00", self.client.get("/feeds/atom/").content.decode())

    def test_kind_feed_lists_documents_of_that_kind_only(self):
        feed = feedparser.parse(self.client.get("/feeds/van-ban/regulation/atom/").content)
        titles = [entry.title for entry in feed.entries]
        self.assertTrue(any("Quy định số 55-QĐ/TW" in title for title in titles))
        self.assertTrue(all(title.startswith("Quy định") for title in titles))

    def test_unknown_feeds_are_404(self):
        for url in ("/feeds/van-ban/khong-co/atom/", "/feeds/chuyen-muc/999999/rss/"):
            self.assertEqual(self.client.get(url).status_code, 404, url)

    def test_pages_announce_their_feeds(self):
        html = self.client.get(self.section.url).content.decode()
        self.assertIn(f'href="/feeds/chuyen-muc/{self.section.pk}/atom/"', html)
        self.assertIn('rel="alternate" type="application/rss+xml"', html)
        html = self.client.get("/van-ban-phap-ly/").content.decode()
        self.assertIn('href="/feeds/van-ban/atom/"', html)


class SitemapTests(DiscoveryTestCase):
    def urls_in_sitemaps(self) -> dict[str, str | None]:
        index = _xml(self.client.get("/sitemap.xml").content)
        found: dict[str, str | None] = {}
        for loc in index.findall("s:sitemap/s:loc", SITEMAP_NS):
            sitemap = _xml(self.client.get(_local(loc.text)).content)
            for url in sitemap.findall("s:url", SITEMAP_NS):
                lastmod = url.find("s:lastmod", SITEMAP_NS)
                found[_local(url.find("s:loc", SITEMAP_NS).text)] = (
                    lastmod.text if lastmod is not None else None
                )
        return found

    def test_sitemap_covers_every_live_public_page_and_every_document_with_lastmod(self):
        found = self.urls_in_sitemaps()
        pages = Page.objects.live().public().filter(depth__gte=2).specific()
        for page in pages:
            self.assertIn(page.url, found)
            self.assertTrue(found[page.url], page.url)
        for document in LegalDocument.objects.all():
            self.assertIn(document.get_absolute_url(), found)
            self.assertTrue(found[document.get_absolute_url()])
        self.assertNotIn(self.draft.get_url(), found)
        self.assertNotIn(self.private.get_url(), found)
        for path in ("/van-ban-phap-ly/", "/du-lieu-mo/", "/so-do-trang/", "/api/v1/docs/"):
            self.assertIn(path, found)
        record_figure(
            f"sitemap: {len(found)} addresses; {pages.count()} live public pages "
            f"and {LegalDocument.objects.count()} documents all present"
        )

    @override_settings(SITEMAP_LIMIT=3)
    def test_large_sitemaps_are_split_into_pages_listed_by_the_index(self):
        index = _xml(self.client.get("/sitemap.xml").content)
        locs = [_local(loc.text) for loc in index.findall("s:sitemap/s:loc", SITEMAP_NS)]
        self.assertIn("/sitemap-trang.xml?p=2", locs)
        page_two = _xml(self.client.get("/sitemap-trang.xml?p=2").content)
        self.assertEqual(len(page_two.findall("s:url", SITEMAP_NS)), 3)
        self.assertEqual(self.client.get("/sitemap-khong-co.xml").status_code, 404)

    def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_the_admin(self):
        response = self.client.get("/robots.txt")
        text = response.content.decode()
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        self.assertIn("Disallow: /admin/", text)
        self.assertRegex(text, r"Sitemap: http://testserver/sitemap\.xml")

    def test_html_site_map_lists_sections_and_the_library(self):
        html = self.client.get("/so-do-trang/").content.decode()
        for section in SectionPage.objects.live().public():
            self.assertIn(f'href="{section.url}"', html)
        self.assertIn('href="/van-ban-phap-ly/"', html)
        self.assertNotIn("không được lộ", html)


class JsonLdTests(DiscoveryTestCase):
    def graph(self, url: str) -> dict[str, dict]:
        html = self.client.get(url).content.decode()
        blocks = JSON_LD.findall(html)
        self.assertEqual(len(blocks), 1, url)
        data = json.loads(blocks[0])
        self.assertEqual(data["@context"], "https://schema.org")
        return {item["@type"]: item for item in data["@graph"]}, html

    def assert_breadcrumbs(self, crumbs: dict, names: list[str]) -> None:
        items = crumbs["itemListElement"]
        self.assertEqual([item["name"] for item in items], names)
        self.assertEqual([item["position"] for item in items], list(range(1, len(names) + 1)))
        for item in items:
            self.assertEqual(item["@type"], "ListItem")
            self.assertRegex(item["item"], r"^https?://")

    def assert_organization(self, organization: dict) -> None:
        for prop in ("name", "url", "address", "logo"):
            self.assertTrue(organization.get(prop), prop)

    def test_article_is_a_news_article_with_breadcrumbs_and_opengraph(self):
        graph, html = self.graph(self.seed.url)
        article = graph["NewsArticle"]
        for prop in ("headline", "datePublished", "dateModified", "author", "publisher", "image"):
            self.assertTrue(article.get(prop), prop)
        self.assertEqual(article["datePublished"], "2022-05-09T15:30:00+07:00")
        self.assertLessEqual(len(article["headline"]), 110)
        self.assertEqual(article["author"], {"@type": "Person", "name": "Nguyễn Hợp"})
        self.assertEqual(article["publisher"]["@id"], graph["GovernmentOrganization"]["@id"])
        self.assert_organization(graph["GovernmentOrganization"])
        self.assert_breadcrumbs(
            graph["BreadcrumbList"], ["Trang chủ", self.section.title, self.seed.title]
        )
        self.assertIn('<meta property="og:type" content="article">', html)
        self.assertIn(f'<meta property="og:title" content="{self.seed.title}">', html)
        self.assertIn('<meta property="og:image" content="http', html)
        self.assertIn(f'<link rel="canonical" href="{self.seed.get_full_url()}">', html)

    def test_legal_document_is_legislation(self):
        graph, html = self.graph(self.regulation.get_absolute_url())
        legislation = graph["Legislation"]
        self.assertEqual(legislation["legislationIdentifier"], "55-QĐ/TW")
        self.assertEqual(legislation["legislationType"], "Quy định")
        self.assertEqual(legislation["legislationDate"], "2016-12-19")
        self.assertEqual(legislation["legislationPassedBy"]["name"], "Bộ Chính trị")
        self.assertTrue(legislation["name"] and legislation["url"])
        self.assert_breadcrumbs(
            graph["BreadcrumbList"], ["Trang chủ", "Thư viện văn bản", "Quy định số 55-QĐ/TW"]
        )

    def test_home_is_the_website_of_a_government_organization(self):
        graph, _html = self.graph("/")
        self.assertIn("WebSite", graph)
        self.assert_organization(graph["GovernmentOrganization"])
        graph, _html = self.graph(self.section.url)
        self.assert_breadcrumbs(graph["BreadcrumbList"], ["Trang chủ", self.section.title])

    def test_json_ld_cannot_be_closed_by_content(self):
        self.seed.title = "Tiêu đề </script><script>alert(1)</script>"
        self.seed.save_revision().publish()
        html = self.client.get(self.seed.url).content.decode()
        block = JSON_LD.findall(html)[0]
        self.assertNotIn("</script", block)
        self.assertEqual(
            json.loads(block)["@graph"][0]["name"], "Tiêu đề </script><script>alert(1)</script>"
        )
