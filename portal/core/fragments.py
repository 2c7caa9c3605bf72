"""Parts of shared pages rendered once per content version and reused by every page.

An uncached page still repeats what every page shows (header, navigation, footer, sidebar boxes)
and what one page shows until its content changes (an article's body). Such a part is kept in
the application's cache under the content version that `PageCacheMiddleware` read before the
page was rendered, so every content change (portal.core.signals bumps the version) makes every
part stale at once. A part that prints counts or depends on the clock is `timed`: its key also
carries the page cache's time bucket, so it refreshes as often as the page's ETag does. Nothing
cached here is staler than the page cache already allows.

Only requests the page cache treats as shared (anonymous GET/HEAD, no session) use the parts:
editors, previews and forms re-rendered after a POST always render everything. The cache is
an accelerator: a failing cache means rendering, not an error.
"""

import hashlib
import logging
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

__all__ = ["cached", "fragment_state", "share_fragments"]

logger = logging.getLogger(__name__)

T = TypeVar("T")
_MISSING = object()
# An untimed part lives until the content version changes; this only bounds an idle key's life.
DEFAULT_SECONDS = 3600


def share_fragments(request: HttpRequest, version: int, bucket: int) -> None:
    """PageCacheMiddleware: this shared request may use parts cached under (version, bucket)."""
    request._dancu_fragments = (version, bucket)


def fragment_state(request: HttpRequest | None) -> tuple[int, int] | None:
    """(content version, time bucket) when `request` may use cached parts, else None."""
    if request is None or not getattr(settings, "FRAGMENT_CACHE", True):
        return None
    if getattr(request, "is_preview", False):
        return None
    return getattr(request, "_dancu_fragments", None)


def _key(request: HttpRequest, name: str, state: tuple[int, int], timed: bool, vary) -> str:
    version, bucket = state
    # The host and scheme: absolute links and the site's own navigation differ between them.
    parts = [request.scheme, request.get_host(), *(str(value) for value in vary)]
    digest = hashlib.blake2b("\x1f".join(parts).encode(), digest_size=12).hexdigest()
    return f"fragment:{name}:{version}:{bucket if timed else '-'}:{digest}"


def cached(
    request: HttpRequest | None,
    name: str,
    compute: Callable[[], T],
    *vary,
    timed: bool = False,
    keep_none: bool = True,
) -> T:
    """`compute()`, or what it returned for the same name, vary values and content version.

    `timed`: the result also depends on the clock or on counters (refreshes every bucket).
    `keep_none=False`: a None result is not stored (e.g. one per unknown address asked for).
    """
    state = fragment_state(request)
    if state is None:
        return compute()
    key = _key(request, name, state, timed, vary)
    try:
        stored = cache.get(key, _MISSING)
    except Exception:  # the cache accelerates; a failing one means rendering
        logger.warning("fragment cache unavailable", exc_info=True)
        return compute()
    if stored is not _MISSING:
        return stored
    value = compute()
    if value is None and not keep_none:
        return value
    if timed:
        timeout = max(1, int(getattr(settings, "PAGE_CACHE_BUCKET_SECONDS", 60)))
    else:
        timeout = int(getattr(settings, "FRAGMENT_CACHE_SECONDS", DEFAULT_SECONDS))
    try:
        cache.set(key, value, timeout)
    except Exception:
        logger.warning("fragment cache unavailable", exc_info=True)
    return value
