from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import TestCase, override_settings

from portal.core.testing.pages import published_article
from portal.ratings.models import Rating, RatingSummary
from portal.ratings.selectors import article_rating_stats, visitor_stars
from portal.ratings.services import rating_cast


class RatingCastTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = published_article()

    def cast(self, visitor: str, stars: int):
        return rating_cast(article_id=self.article.pk, visitor_key=visitor, stars=stars)

    def test_first_rating_creates_the_row_and_the_summary(self):
        outcome = self.cast("c:a", 4)
        self.assertTrue(outcome.created)
        self.assertEqual((outcome.count, outcome.average), (1, Decimal("4.0")))
        self.assertEqual(RatingSummary.objects.get(article=self.article).total, 4)

    def test_average_is_rounded_to_one_decimal(self):
        for visitor, stars in (("c:a", 5), ("c:b", 4), ("c:c", 4)):
            outcome = self.cast(visitor, stars)
        self.assertEqual((outcome.count, outcome.average), (3, Decimal("4.3")))

    def test_changing_a_rating_keeps_the_count_and_moves_the_average(self):
        self.cast("c:a", 5)
        self.cast("c:b", 3)
        outcome = self.cast("c:a", 1)
        self.assertFalse(outcome.created)
        self.assertEqual((outcome.count, outcome.average), (2, Decimal("2.0")))
        self.assertEqual(Rating.objects.count(), 2)
        self.assertEqual(visitor_stars(self.article.pk, "c:a"), 1)

    def test_the_same_stars_again_change_nothing(self):
        self.cast("c:a", 3)
        outcome = self.cast("c:a", 3)
        self.assertEqual(
            (outcome.created, outcome.count, outcome.average), (False, 1, Decimal("3.0"))
        )

    def test_stars_outside_one_to_five_are_refused(self):
        for stars in (0, 6, -1):
            with self.assertRaises(ValidationError):
                self.cast("c:a", stars)
        self.assertEqual(article_rating_stats(self.article.pk).count, 0)

    def test_the_database_refuses_a_second_row_for_one_visitor(self):
        self.cast("c:a", 3)
        with self.assertRaises(IntegrityError), transaction.atomic():
            Rating.objects.create(article=self.article, visitor_key="c:a", stars=2)

    def test_an_unrated_article_has_zero_ratings(self):
        stats = article_rating_stats(self.article.pk)
        self.assertEqual((stats.count, stats.average), (0, Decimal("0.0")))


@override_settings(VOTES_PER_ADDRESS_ALLOWANCE=3)
class AddressAllowanceRatingTests(TestCase):
    """Fresh visitor cookies from one address: a few count, the rest are kept and flagged."""

    @classmethod
    def setUpTestData(cls):
        cls.article = published_article()

    def cast(self, visitor: str, stars: int, address: str = "office"):
        return rating_cast(
            article_id=self.article.pk, visitor_key=visitor, stars=stars, address_hash=address
        )

    def test_ratings_beyond_the_allowance_are_kept_flagged_and_not_counted(self):
        outcomes = [self.cast(f"c:minted{n}", 1) for n in range(8)]
        self.assertEqual([outcome.counted for outcome in outcomes], [True] * 3 + [False] * 5)
        self.assertEqual(Rating.objects.count(), 8)
        self.assertEqual(Rating.objects.filter(counted=False).count(), 5)
        self.assertEqual((outcomes[-1].count, outcomes[-1].average), (3, Decimal("1.0")))
        # Another address still counts.
        self.assertTrue(self.cast("c:home", 5, address="home").counted)

    def test_changing_a_flagged_rating_leaves_the_summary_alone(self):
        for n in range(4):
            self.cast(f"c:{n}", 2)
        self.cast("c:3", 5)
        summary = RatingSummary.objects.get(article=self.article)
        self.assertEqual((summary.count, summary.total), (3, 6))
        self.cast("c:0", 5)
        summary.refresh_from_db()
        self.assertEqual((summary.count, summary.total), (3, 9))

    def test_the_summary_always_equals_the_counted_rows(self):
        for n in range(6):
            self.cast(f"c:{n}", n % 5 + 1)
            self.cast(f"c:{n}", 5 - n % 5)
        counted = Rating.objects.for_article(self.article.pk).counted()
        summary = RatingSummary.objects.get(article=self.article)
        self.assertEqual(summary.count, counted.count())
        self.assertEqual(summary.count, 3)
        self.assertEqual(summary.total, sum(counted.values_list("stars", flat=True)))

    def test_a_repeated_rating_takes_no_second_place(self):
        self.cast("c:same", 4)
        self.cast("c:same", 3)
        self.assertTrue(self.cast("c:other", 4).counted)
        self.assertTrue(self.cast("c:third", 4).counted)
