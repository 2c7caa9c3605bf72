"""Factories for the petitions register's tests."""

import datetime

import factory

from portal.petitions.models import Deputy, Locality, Petition, PetitionField, VoterMeeting


class LocalityFactory(factory.django.DjangoModelFactory):
    code = factory.Sequence(lambda n: f"{90000 + n:05d}")
    name = factory.Sequence(lambda n: f"Phường Thử {n}")
    level = Locality.LEVEL_COMMUNE

    class Meta:
        model = Locality
        django_get_or_create = ("code",)


class PetitionFieldFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")
    slug = factory.Sequence(lambda n: f"linh-vuc-{n}")

    class Meta:
        model = PetitionField
        django_get_or_create = ("slug",)


class DeputyFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Đại biểu {n}")
    position = "Đại biểu HĐND thành phố"

    class Meta:
        model = Deputy


class VoterMeetingFactory(factory.django.DjangoModelFactory):
    code = factory.Sequence(lambda n: f"buoi-{n}")
    held_on = datetime.date(2026, 3, 10)
    place = factory.Sequence(lambda n: f"Nhà văn hóa tổ dân phố {n}")
    locality = factory.SubFactory(LocalityFactory)

    class Meta:
        model = VoterMeeting


class PetitionFactory(factory.django.DjangoModelFactory):
    external_id = factory.Sequence(lambda n: f"kn-{n:04d}")
    title = factory.Sequence(lambda n: f"Kiến nghị số {n}")
    text = "Cử tri đề nghị sớm sửa chữa tuyến đường liên xã đã xuống cấp."
    field = factory.SubFactory(PetitionFieldFactory)
    received_on = datetime.date(2026, 3, 10)
    search_text = factory.LazyAttribute(lambda o: "")

    class Meta:
        model = Petition
        skip_postgeneration_save = True

    @factory.post_generation
    def searchable(obj, create, extracted, **kwargs):
        obj.refresh_search_text()
        if create:
            Petition.objects.filter(pk=obj.pk).update(search_text=obj.search_text)
