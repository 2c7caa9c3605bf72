"""Factories for the agency register."""

import factory

from portal.agencies.models import Agency


class AgencyFactory(factory.django.DjangoModelFactory):
    code = factory.Sequence(lambda n: f"co-quan-{n}")
    name = factory.Sequence(lambda n: f"Cơ quan số {n}")
    kind = Agency.KIND_PEOPLES_COMMITTEE

    class Meta:
        model = Agency
        django_get_or_create = ("code",)
