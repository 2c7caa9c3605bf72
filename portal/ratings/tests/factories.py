"""Test data for ratings (articles come from portal.core.testing.pages)."""

import factory

from portal.ratings.models import Rating

__all__ = ["RatingFactory"]


class RatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rating

    visitor_key = factory.Sequence(lambda n: f"c:{n:032d}")
    stars = 4
