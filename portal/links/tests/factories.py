"""Test data for website links."""

import factory
from factory.django import DjangoModelFactory

from portal.links.models import WebsiteLink

__all__ = ["WebsiteLinkFactory"]


class WebsiteLinkFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Website {n}")
    url = factory.Sequence(lambda n: f"https://site{n}.gov.vn")
    sort_order = factory.Sequence(lambda n: n)
    active = True

    class Meta:
        model = WebsiteLink
