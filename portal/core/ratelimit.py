"""Fixed-window rate limits for public writes (votes, ratings, comments), counted in the cache.

Each hit is counted twice: per visitor key (tight) and per client address hash (generous, so a
whole office behind one NAT still gets through while a script without cookies does not). The
limits come from settings.RATE_LIMITS: {"default": {...}, "<scope>": {...}}, each
{"visitor": (hits, seconds), "address": (hits, seconds)}. With Redis the counts are shared by
every process and server; with the local-memory cache each process counts on its own.
"""

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

from portal.core.visitors import get_visitor

__all__ = [
    "DEFAULT_LIMITS",
    "RATE_LIMITED_MESSAGE",
    "Limit",
    "check_rate",
    "hit",
    "limits_for",
    "rate_limited_response",
    "visitor_rate_limited",
]

RATE_LIMITED_MESSAGE = "Bạn thao tác quá nhanh. Vui lòng chờ một lát rồi thử lại."
DEFAULT_LIMITS = {"visitor": (10, 60), "address": (600, 60)}


@dataclass(frozen=True)
class Limit:
    hits: int
    seconds: int


def limits_for(scope: str) -> dict[str, Limit]:
    """The configured limits of a scope (falling back to "default", then to DEFAULT_LIMITS)."""
    configured = getattr(settings, "RATE_LIMITS", {}) or {}
    merged = {**DEFAULT_LIMITS, **configured.get("default", {}), **configured.get(scope, {})}
    return {kind: Limit(int(value[0]), int(value[1])) for kind, value in merged.items()}


def _key(scope: str, kind: str, identity: str, limit: Limit, now: float) -> str:
    digest = hashlib.sha256(identity.encode()).hexdigest()[:24]
    return f"ratelimit:{scope}:{kind}:{digest}:{int(now // limit.seconds)}"


def hit(scope: str, kind: str, identity: str, limit: Limit, *, now: float | None = None) -> bool:
    """Count one hit; True while the identity stays within the limit for the current window."""
    if limit.hits <= 0:
        return True
    key = _key(scope, kind, identity, limit, time.time() if now is None else now)
    cache.add(key, 0, timeout=limit.seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=limit.seconds + 1)
        count = 1
    return count <= limit.hits


def visitor_rate_limited(
    scope: str, visitor, *, limit: int, address_limit: int, window: int
) -> bool:
    """Count a hit for the visitor's key and address hash; True if either went over its limit.

    For callers with their own settings (comments, the spoken verification code).
    """
    within_key = hit(scope, "visitor", visitor.key, Limit(limit, window))
    within_address = hit(scope, "address", visitor.address_hash, Limit(address_limit, window))
    return not (within_key and within_address)


def check_rate(request: HttpRequest, scope: str) -> bool:
    """Count this request against the scope's limits; False when it should be refused (429)."""
    visitor = get_visitor(request)
    limits = limits_for(scope)
    allowed = True
    if "visitor" in limits:
        allowed = hit(scope, "visitor", visitor.key, limits["visitor"]) and allowed
    if "address" in limits:
        allowed = hit(scope, "address", visitor.address_hash, limits["address"]) and allowed
    return allowed


def rate_limited_response(request: HttpRequest, *, as_json: bool, scope: str = "") -> HttpResponse:
    """429 with a Vietnamese explanation, as JSON or as a small page."""
    retry_after = str(limits_for(scope).get("visitor", Limit(0, 60)).seconds)
    if as_json:
        response = JsonResponse({"ok": False, "error": RATE_LIMITED_MESSAGE}, status=429)
    else:
        html = render_to_string(
            "core/message_page.html",
            {"title": "Quá nhiều yêu cầu", "message": RATE_LIMITED_MESSAGE},
            request=request,
        )
        response = HttpResponse(html, status=429)
    response["Retry-After"] = retry_after
    return response
