from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse

from portal.accounts.testing import force_login_verified
from portal.core.testing.pages import published_article
from portal.ratings.services import rating_cast


class RatingsAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = published_article(title="Bài viết có đánh giá")
        rating_cast(article_id=cls.article.pk, visitor_key="c:a", stars=5)
        rating_cast(article_id=cls.article.pk, visitor_key="c:b", stars=2)
        cls.admin = get_user_model().objects.create_superuser("quantri", "qt@example.vn", "x")

    def setUp(self):
        force_login_verified(self.client, self.admin)

    def test_summaries_list_each_article_with_count_and_average(self):
        page = self.client.get(reverse("rating_summaries:index")).content.decode()
        self.assertIn("Bài viết có đánh giá", page)
        self.assertIn("3,5", page)

    def test_individual_ratings_are_listed(self):
        response = self.client.get(reverse("article_ratings:index"))
        self.assertEqual(response.status_code, 200)
        self.assertGreaterEqual(response.content.decode().count("Bài viết có đánh giá"), 2)

    def test_nobody_adds_or_edits_ratings_by_hand(self):
        self.assertIn(self.client.get(reverse("article_ratings:add")).status_code, (302, 403))
        rating = self.article.ratings.first()
        edit = self.client.get(reverse("article_ratings:edit", args=[rating.pk]))
        self.assertIn(edit.status_code, (302, 403))
        summary_edit = self.client.get(reverse("rating_summaries:edit", args=[self.article.pk]))
        self.assertIn(summary_edit.status_code, (302, 403))
        self.assertEqual(self.article.ratings.get(pk=rating.pk).stars, rating.stars)

    def test_editors_filter_the_ratings_kept_but_not_counted(self):
        from django.test import override_settings

        with override_settings(VOTES_PER_ADDRESS_ALLOWANCE=1):
            rating_cast(article_id=self.article.pk, visitor_key="c:x", stars=1, address_hash="h1")
            rating_cast(article_id=self.article.pk, visitor_key="c:y", stars=1, address_hash="h1")
        flagged = self.client.get(reverse("article_ratings:index"), {"counted": "false"})
        self.assertEqual(flagged.status_code, 200)
        page = flagged.content.decode()
        self.assertIn("được tính", page.lower())
        self.assertEqual(page.count("Bài viết có đánh giá"), 1)
