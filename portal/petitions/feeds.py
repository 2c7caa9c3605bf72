"""Atom feeds: the petitions of one agency, one locality, one field, newest first."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from portal.agencies.models import Agency

from .models import Locality, Petition, PetitionField

FEED_SIZE = 50


class _PetitionFeed(Feed):
    feed_type = Atom1Feed

    def link(self, obj):
        return reverse("petitions:list") + f"?{self.param}={self.key(obj)}"

    def items(self, obj):
        return (
            self.petitions(obj)
            .public()
            .select_related("field", "agency")
            .order_by("-updated_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        return f"{item.title} – {item.status_label}"

    def item_description(self, item):
        return item.text

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.field.name]


class AgencyFeed(_PetitionFeed):
    param = "agency"

    def get_object(self, request, code):
        return get_object_or_404(Agency, code=code)

    def key(self, obj):
        return obj.code

    def title(self, obj):
        return f"Kiến nghị cử tri chuyển {obj.name}"

    def petitions(self, obj):
        return Petition.objects.filter(agency=obj)


class LocalityFeed(_PetitionFeed):
    param = "locality"

    def get_object(self, request, code):
        return get_object_or_404(Locality, code=code)

    def key(self, obj):
        return obj.code

    def title(self, obj):
        return f"Kiến nghị cử tri tại {obj}"

    def petitions(self, obj):
        return Petition.objects.filter(
            localities__in=Locality.objects.filter(code=obj.code)
            | Locality.objects.filter(province=obj)
        ).distinct()


class FieldFeed(_PetitionFeed):
    param = "field"

    def get_object(self, request, slug):
        return get_object_or_404(PetitionField, slug=slug)

    def key(self, obj):
        return obj.slug

    def title(self, obj):
        return f"Kiến nghị cử tri lĩnh vực {obj.name}"

    def petitions(self, obj):
        return Petition.objects.filter(field=obj)
