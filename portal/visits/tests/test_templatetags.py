from django.test import RequestFactory, TestCase

from portal.visits.models import PageViewCount
from portal.visits.services import visit_total_set
from portal.visits.templatetags.visits_tags import beacon_url

from .factories import two_articles


class SidebarBoxTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article, cls.other = two_articles()

    def test_every_page_shows_the_total_and_online_now_in_vietnamese_format(self):
        visit_total_set(total=3137287)
        response = self.client.get("/")
        self.assertContains(response, "<dt>Thống kê:</dt> <dd data-visit-total>3.137.287</dd>")
        self.assertContains(response, "<dt>Online:</dt> <dd data-visit-online>0</dd>")
        self.assertContains(response, 'data-visit-beacon="/thong-ke/ghi/?p=')
        self.assertContains(response, "<noscript><img")

    def test_article_shows_its_page_views(self):
        PageViewCount.objects.create(page=self.article, views=1234)
        response = self.client.get(self.article.url)
        self.assertContains(response, "Lượt xem: <span data-article-views>1.234</span>")

    def test_most_read_lists_articles_by_views(self):
        PageViewCount.objects.create(page=self.article, views=10)
        PageViewCount.objects.create(page=self.other, views=2500)
        html = self.client.get("/").content.decode()
        self.assertIn("Tin đọc nhiều", html)
        box = html[html.index("Tin đọc nhiều") :]
        self.assertLess(box.index(self.other.title), box.index(self.article.title))
        self.assertIn("2.500 lượt xem", box)

    def test_most_read_hides_unpublished_articles(self):
        PageViewCount.objects.create(page=self.other, views=2500)
        self.other.unpublish()
        self.assertNotContains(self.client.get("/"), "Tin đọc nhiều")

    def test_previews_get_no_beacon(self):
        request = RequestFactory().get("/")
        self.assertTrue(beacon_url(request, self.article))
        request.is_preview = True
        self.assertEqual(beacon_url(request, self.article), "")
