"""One person, one vote behind a shared address: a small allowance of counted votes per address.

A client can mint a fresh visitor cookie (and CSRF token) for every vote, so the cookie alone
cannot stop ballot stuffing. Each client address therefore gets VOTES_PER_ADDRESS_ALLOWANCE
counted votes per target (an article, a poll) per VOTES_PER_ADDRESS_PERIOD seconds — enough for
the colleagues of one office behind one NAT address. Votes beyond it are stored and flagged for
editors, but not counted. 0 turns the allowance off.
"""

import time

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F

from portal.core.models import AddressAllowance

__all__ = ["address_allowance", "address_slot_claim"]

DEFAULT_ALLOWANCE = 10
DEFAULT_PERIOD = 24 * 3600


def address_allowance() -> int:
    """Counted votes per address, target and period (0: no limit)."""
    return int(getattr(settings, "VOTES_PER_ADDRESS_ALLOWANCE", DEFAULT_ALLOWANCE))


def address_slot_claim(
    *, scope: str, target: int, address_hash: str, now: float | None = None
) -> bool:
    """Take one counted place for this address; False when the allowance is used up.

    Call inside the transaction that stores the vote, so a vote that fails gives its place back.
    """
    allowance = address_allowance()
    if allowance <= 0:
        return True
    seconds = int(getattr(settings, "VOTES_PER_ADDRESS_PERIOD", DEFAULT_PERIOD)) or DEFAULT_PERIOD
    period = int((time.time() if now is None else now) // seconds)
    row = AddressAllowance.objects.filter(
        scope=scope, target=target, address_hash=address_hash, period=period
    )
    # A conditional UPDATE is the check and the claim in one step: PostgreSQL re-evaluates
    # `used < allowance` on the locked row, SQLite serialises writers.
    if row.filter(used__lt=allowance).update(used=F("used") + 1):
        return True
    if row.exists():
        return False
    try:
        with transaction.atomic():
            AddressAllowance.objects.create(
                scope=scope, target=target, address_hash=address_hash, period=period, used=1
            )
        return True
    except IntegrityError:  # another process created the row first: claim through it
        return bool(row.filter(used__lt=allowance).update(used=F("used") + 1))
