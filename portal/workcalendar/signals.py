"""Purge the cached calendar exceptions when an administrator changes one."""

import contextlib

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from .models import CalendarException
from .selectors import EXCEPTIONS_CACHE_KEY


def _purge(**kwargs) -> None:
    # An unreachable cache holds nothing to purge.
    with contextlib.suppress(Exception):
        cache.delete(EXCEPTIONS_CACHE_KEY)


def connect() -> None:
    post_save.connect(_purge, sender=CalendarException, dispatch_uid="workcalendar_purge_save")
    post_delete.connect(_purge, sender=CalendarException, dispatch_uid="workcalendar_purge_del")
