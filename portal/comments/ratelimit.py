"""A fixed-window request counter in the shared cache (Redis when configured).

Temporary home: the lead will move it to portal.core once the other widgets need it too.
"""

import hashlib

from django.core.cache import cache

__all__ = ["rate_limit_exceeded", "visitor_rate_limited"]


def rate_limit_exceeded(key: str, limit: int, window: int) -> bool:
    """Count one more hit for `key`; True once more than `limit` fell in the current window."""
    cache_key = "ratelimit:" + hashlib.sha256(key.encode()).hexdigest()[:40]
    # add() starts a window only when none is open; incr() is atomic in Redis and keeps the TTL.
    cache.add(cache_key, 0, timeout=window)
    try:
        count = cache.incr(cache_key)
    except ValueError:
        # The window closed between add() and incr(): this hit opens the next one.
        cache.set(cache_key, 1, timeout=window)
        count = 1
    return count > limit


def visitor_rate_limited(
    scope: str, visitor, *, limit: int, address_limit: int, window: int
) -> bool:
    """Count a hit for the visitor's key and for their address hash; True if either is over.

    The key alone is not enough: a client that throws its cookie away gets a fresh one each
    time. The address limit is higher, since many people can share one address (NAT).
    """
    by_key = rate_limit_exceeded(f"{scope}:{visitor.key}", limit, window)
    by_address = rate_limit_exceeded(f"{scope}:a:{visitor.address_hash}", address_limit, window)
    return by_key or by_address
