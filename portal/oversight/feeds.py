"""Atom feeds of a register's events, per activity and per agency."""

import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from portal.agencies.selectors import agency_by_code

from . import state as rules
from .selectors import public_events

FEED_SIZE = 50


def _describe(event) -> str:
    details = []
    if event.response_status:
        details.append(rules.RESPONSE_LABELS.get(event.response_status, ""))
    if event.implementation_status:
        details.append(rules.IMPLEMENTATION_LABELS.get(event.implementation_status, ""))
    if event.new_due_date:
        details.append(f"hạn mới {event.new_due_date:%d/%m/%Y}")
    text = event.get_kind_display()
    if details:
        text = f"{text}: {', '.join(details)}"
    if event.corrects_id:
        text = f"{text} (đính chính)"
    return text


class _EventsFeed(Feed):
    feed_type = Atom1Feed

    def items(self, obj):
        return list(self.events(obj).reverse()[:FEED_SIZE])

    def item_title(self, item):
        return f"{item.recommendation.title} — {_describe(item)}"

    def item_description(self, item):
        text = item.note or ""
        if item.source_document_id:
            text = f"{text}\nVăn bản: {item.source_document}".strip()
        return text

    def item_link(self, item):
        return f"{item.recommendation.url}#su-kien-{item.pk}"

    def item_guid(self, item):
        return f"urn:dancu:oversight:event:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.occurred_on, datetime.time(8)))

    def item_updateddate(self, item):
        return item.recorded_at


class ActivityEventsFeed(_EventsFeed):
    def __init__(self, *, activity):
        super().__init__()
        self.activity = activity

    def get_object(self, request, *args, **kwargs):
        return self.activity

    def title(self, obj):
        return f"Sự kiện theo dõi kiến nghị: {obj.title}"

    def link(self, obj):
        return obj.url

    def events(self, obj):
        return public_events().filter(recommendation__path__startswith=obj.path)


class AgencyEventsFeed(_EventsFeed):
    def __init__(self, *, index):
        super().__init__()
        self.index = index

    def get_object(self, request, code):
        agency = agency_by_code(code)
        if agency is None:
            raise Http404("Không có cơ quan này.")
        return agency

    def title(self, obj):
        return f"Sự kiện theo dõi kiến nghị gửi {obj.name}"

    def link(self, obj):
        return self.index.url + self.index.reverse_subpage("agency", args=[obj.code])

    def events(self, obj):
        return public_events().filter(recommendation__addressed_to=obj)
