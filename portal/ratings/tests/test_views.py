import json

from django.core.cache import cache
from django.test import TestCase, override_settings
from django.urls import reverse

from portal.core.ratelimit import reset_rate_limits
from portal.core.testing.pages import published_article
from portal.ratings.models import Rating
from portal.ratings.selectors import article_rating_stats
from portal.ratings.services import rating_cast


class RateArticleViewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = published_article()
        cls.url = reverse("ratings:rate", args=[cls.article.pk])

    def setUp(self):
        cache.clear()
        reset_rate_limits()
        self.client.get(self.article.url)  # the visitor cookie, as a browser would have it

    def post_json(self, data, **extra):
        return self.client.post(self.url, data, HTTP_ACCEPT="application/json", **extra)

    def test_form_post_redirects_back_with_a_thank_you(self):
        response = self.client.post(self.url, {"stars": "5"})
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response["Location"].startswith(self.article.url))
        page = self.client.get(response["Location"]).content.decode()
        self.assertIn("Cảm ơn bạn đã đánh giá bài viết.", page)
        self.assertIn("lượt đánh giá: <span data-rating-count>1</span>", page)

    def test_json_post_returns_the_new_figures_in_vietnamese_format(self):
        rating_cast(article_id=self.article.pk, visitor_key="c:other", stars=4)
        data = self.post_json({"stars": "5"}).json()
        self.assertTrue(data["ok"])
        self.assertTrue(data["created"])
        self.assertEqual((data["count_display"], data["average_display"]), ("2", "4,5"))

    def test_a_visitor_changing_their_mind_is_counted_once(self):
        self.post_json({"stars": "1"})
        data = self.post_json({"stars": "4"}).json()
        self.assertEqual(
            (data["created"], data["count"], data["average_display"]), (False, 1, "4,0")
        )
        self.assertEqual(data["message"], "Đã cập nhật đánh giá của bạn.")

    def test_bad_stars_get_a_vietnamese_400_as_json(self):
        for value in ("0", "6", "abc", "", "4.5"):
            response = self.post_json({"stars": value})
            self.assertEqual(response.status_code, 400, value)
            self.assertIn("sao", response.json()["error"])
        self.assertIn("Vui lòng chọn số sao", self.post_json({}).json()["error"])
        self.assertEqual(Rating.objects.count(), 0)

    def test_bad_stars_bring_the_article_back_with_the_message(self):
        response = self.client.post(self.url, {"stars": "6"})
        self.assertEqual(response.status_code, 400)
        page = response.content.decode()
        self.assertIn("Vui lòng chọn từ 1 đến 5 sao.", page)
        self.assertIn('id="rating-form"', page)
        self.assertIn(self.article.title, page)

    def test_an_oversized_body_is_refused_without_a_server_error(self):
        response = self.post_json({"stars": "5", "padding": "x" * 10_000})
        self.assertEqual(response.status_code, 400)
        self.assertIn("quá lớn", response.json()["error"])
        form = self.client.post(self.url, {"stars": "5", "padding": "x" * 10_000})
        self.assertEqual(form.status_code, 400)
        self.assertIn("quá lớn", form.content.decode())
        self.assertEqual(Rating.objects.count(), 0)

    def test_a_malformed_json_body_is_a_clear_400(self):
        response = self.client.post(
            self.url,
            data=json.dumps({"stars": 5}),
            content_type="application/json",
            HTTP_ACCEPT="application/json",
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("sao", response.json()["error"])

    def test_unknown_article_is_404_and_get_is_405(self):
        self.assertEqual(
            self.client.post(reverse("ratings:rate", args=[999999]), {"stars": 3}).status_code, 404
        )
        self.assertEqual(self.client.get(self.url).status_code, 405)
        for huge in (10**30, 2**63, 2**64):
            response = self.client.post(f"/danh-gia/bai-viet/{huge}/", {"stars": 3})
            self.assertEqual(response.status_code, 404, huge)
        self.assertEqual(
            self.client.post("/danh-gia/bai-viet/\u0665/", {"stars": 3}).status_code, 404
        )

    @override_settings(RATE_LIMITS={"default": {"visitor": (3, 60), "address": (1000, 60)}})
    def test_abusive_rates_get_429_in_vietnamese(self):
        statuses = [self.post_json({"stars": "3"}).status_code for _ in range(5)]
        self.assertEqual(statuses, [200, 200, 200, 429, 429])
        response = self.client.post(self.url, {"stars": "3"})
        self.assertEqual(response.status_code, 429)
        self.assertIn("thao tác quá nhanh", response.content.decode())
        self.assertEqual(article_rating_stats(self.article.pk).count, 1)


class ArticleRatingWidgetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = published_article()
        for visitor, stars in (("c:a", 5), ("c:b", 4), ("c:c", 4), ("c:d", 4)):
            rating_cast(article_id=cls.article.pk, visitor_key=visitor, stars=stars)

    def test_article_page_shows_count_and_average_with_a_decimal_comma(self):
        page = self.client.get(self.article.url).content.decode()
        self.assertIn("Đánh giá:", page)
        self.assertIn("lượt đánh giá: <span data-rating-count>4</span>", page)
        self.assertIn("trung bình: <span data-rating-average>4,3</span>", page)

    def test_the_form_is_accessible_and_works_without_javascript(self):
        page = self.client.get(self.article.url).content.decode()
        self.assertIn('id="rating-form"', page)
        self.assertIn('method="post"', page)
        self.assertEqual(page.count('name="stars"'), 5)
        self.assertIn("<fieldset", page)
        self.assertIn("<legend", page)
        self.assertIn('for="rating-stars-5"', page)
        # A shared page carries no token; a form posted without one comes back to confirm.
        self.assertNotIn('name="csrfmiddlewaretoken"', page)

    def test_a_returning_visitor_sees_their_stars_checked(self):
        self.client.get("/ca-nhan/")  # the page script's per-visitor request: the cookie
        self.client.post(reverse("ratings:rate", args=[self.article.pk]), {"stars": "2"})
        page = self.client.get(self.article.url).content.decode()
        self.assertNotIn('value="2" checked', page)  # the shared page: same for everyone
        state = self.client.get(f"/ca-nhan/?bai-viet={self.article.pk}").json()
        self.assertEqual(state["rating"]["mine"], 2)


class RatingWithRedisDownTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = published_article()

    def test_votes_still_persist_through_the_database_store(self):
        from portal.core.testing import free_port

        url = reverse("ratings:rate", args=[self.article.pk])
        with override_settings(REDIS_URL=f"redis://127.0.0.1:{free_port()}/0"):
            response = self.client.post(url, {"stars": "4"}, headers={"accept": "application/json"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["count"], 1)
