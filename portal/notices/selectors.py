"""Reads other apps use: the notices to show now."""

from django.utils import timezone

from .models import MaintenanceNotice


def notices_visible(*, now=None) -> list[MaintenanceNotice]:
    """The notices every page shows now (show_from ≤ now < ends_at), soonest first."""
    return list(MaintenanceNotice.objects.visible(now or timezone.now()))


def visible_signature(*, now=None) -> str:
    """Changes whenever the set of visible notices (or their text) changes."""
    return ",".join(
        f"{notice.pk}:{notice.updated_at.timestamp():.0f}" for notice in notices_visible(now=now)
    )
