"""Who is asking: one visitor = a signed first-party cookie, or failing that a salted address hash.

The client address is the socket peer unless the peer is one of settings.TRUSTED_PROXIES, so a
forged X-Forwarded-For from an ordinary client changes nothing. No raw address is stored: only
an HMAC of it, keyed with a salt derived from SECRET_KEY (or VISITOR_HASH_SALT).
"""

import hashlib
import hmac
import ipaddress
import uuid
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core import signing
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

__all__ = [
    "COOKIE_NAME",
    "Visitor",
    "VisitorMiddleware",
    "address_hash",
    "client_address",
    "get_visitor",
    "is_trusted_proxy",
    "visitor_hash",
]

COOKIE_NAME = "dancu_visitor"
COOKIE_SALT = "portal.core.visitors"
COOKIE_MAX_AGE = 2 * 365 * 24 * 3600
# The only requests that may issue the cookie: the per-visitor request and the counting beacon
# (machine-read answers — open-data API, feeds, sitemaps — thus never identify anyone).
COOKIE_PATHS = ("/ca-nhan/", "/thong-ke/ghi/")


@dataclass(frozen=True)
class Visitor:
    """A visitor as the widgets see them; `key` is what one-vote rules are unique on."""

    cookie_id: str | None
    address_hash: str
    new_cookie_id: str | None = None

    @property
    def key(self) -> str:
        """The identity votes are counted by: the cookie when the visitor has a valid one."""
        if self.cookie_id:
            return f"c:{self.cookie_id}"
        return f"a:{self.address_hash}"

    @property
    def has_cookie(self) -> bool:
        return self.cookie_id is not None


@lru_cache(maxsize=1)
def _trusted_networks() -> tuple:
    networks = []
    for entry in getattr(settings, "TRUSTED_PROXIES", []) or []:
        networks.append(ipaddress.ip_network(entry, strict=False))
    return tuple(networks)


@receiver(setting_changed)
def _forget_trusted_networks(*, setting: str, **kwargs) -> None:
    if setting == "TRUSTED_PROXIES":  # override_settings in tests
        _trusted_networks.cache_clear()


def is_trusted_proxy(address: str) -> bool:
    """True when `address` (a socket peer or a forwarded hop) is one of TRUSTED_PROXIES."""
    return _is_trusted(address)


def _is_trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _trusted_networks())


def client_address(request: HttpRequest) -> str:
    """The socket peer; through trusted proxies, the last X-Forwarded-For hop they vouch for."""
    peer = request.META.get("REMOTE_ADDR", "") or ""
    if not _is_trusted(peer):
        return peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    # Walk from the nearest hop outwards; the first untrusted one is the client.
    for hop in reversed(hops):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return peer
        if not _is_trusted(hop):
            return hop
    return hops[0] if hops else peer


def _salt() -> bytes:
    explicit = getattr(settings, "VISITOR_HASH_SALT", "")
    if explicit:
        return explicit.encode()
    return hashlib.sha256(b"dancu-visitor-address:" + settings.SECRET_KEY.encode()).digest()


def visitor_hash(value: str, *, purpose: str = "address", length: int = 32) -> str:
    """The one keyed hash of anything that identifies a visitor (an address, a visitor key).

    `purpose` separates uses, so a hash stored by one app cannot be matched against another's.
    """
    message = value.encode() if purpose == "address" else f"{purpose}:{value}".encode()
    return hmac.new(_salt(), message, hashlib.sha256).hexdigest()[:length]


def address_hash(address: str) -> str:
    """A salted, keyed hash of a client address (never stored raw)."""
    return visitor_hash(address, purpose="address")


def _read_cookie(request: HttpRequest) -> str | None:
    raw = request.COOKIES.get(COOKIE_NAME)
    if not raw:
        return None
    try:
        value = signing.loads(raw, salt=COOKIE_SALT, max_age=COOKIE_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(value, str) or len(value) != 32:
        return None
    return value


def get_visitor(request: HttpRequest) -> Visitor:
    """The visitor behind this request (computed once per request)."""
    cached = getattr(request, "_dancu_visitor", None)
    if cached is not None:
        return cached
    cookie_id = _read_cookie(request)
    visitor = Visitor(
        cookie_id=cookie_id,
        address_hash=address_hash(client_address(request)),
        new_cookie_id=None if cookie_id else uuid.uuid4().hex,
    )
    request._dancu_visitor = visitor
    return visitor


class VisitorMiddleware:
    """Give a visitor the signed cookie that identifies their votes — but never on a shared page.

    An anonymous GET of a page must be the same bytes for everyone (portal.core.pagecache), so
    the cookie is issued only by the per-visitor request the page script makes (/ca-nhan/) and
    by the counting beacon (also the <noscript> pixel: browsers without JavaScript get it too).
    Not by a vote: a vote from a visitor without the cookie is keyed by their address, and a
    cookie handed out with it would let the same person vote again under the new key.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(COOKIE_PATHS):
            return response
        if COOKIE_NAME in request.COOKIES and _read_cookie(request):
            return response
        visitor = get_visitor(request)
        if visitor.new_cookie_id:
            response.set_cookie(
                COOKIE_NAME,
                signing.dumps(visitor.new_cookie_id, salt=COOKIE_SALT),
                max_age=COOKIE_MAX_AGE,
                httponly=True,
                samesite="Lax",
                secure=getattr(settings, "SESSION_COOKIE_SECURE", False),
            )
        return response
