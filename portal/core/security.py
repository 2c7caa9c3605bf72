"""Response hardening shared by every page: the Content-Security-Policy chosen by path, the
proxy-HTTPS header believed only from trusted proxies, and uploaded images served by the app.
"""

import posixpath
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponseBase
from django.views.static import serve

from csp.constants import HEADER
from csp.middleware import CSPMiddleware, PolicyParts

from portal.core.visitors import is_trusted_proxy

__all__ = [
    "MEDIA_SERVED_DIRS",
    "PortalCSPMiddleware",
    "TrustedProxySSLMiddleware",
    "forwarded_scheme",
    "serve_media",
]

# Only images are served from MEDIA_ROOT: documents go through Wagtail's serve view, which
# applies collection privacy and sends them as attachments under a sandboxing policy.
MEDIA_SERVED_DIRS = ("original_images/", "images/")


def _policy(name: str) -> dict:
    return getattr(settings, name)["DIRECTIVES"]


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp, with the admin's looser policy on admin paths only and a sandbox for files.

    Wagtail's document view sets `default-src 'none'` itself; it is replaced here by the
    stricter file policy (adding `sandbox`), which /media/ answers carry too.
    """

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if request.path_info.startswith(self._file_prefixes()) and HEADER in response:
            del response[HEADER]
        return super().process_response(request, response)

    @staticmethod
    def _file_prefixes() -> tuple[str, ...]:
        return ("/documents/", settings.MEDIA_URL)

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None:
            return parts
        if request.path_info.startswith(self._file_prefixes()):
            parts.config = _policy("CONTENT_SECURITY_POLICY_FILES")
        elif request.path_info.startswith("/admin/"):
            parts.config = _policy("CONTENT_SECURITY_POLICY_ADMIN")
        return parts


class TrustedProxySSLMiddleware:
    """Believe `X-Forwarded-Proto: https` only from a socket peer in TRUSTED_PROXIES.

    Replaces SECURE_PROXY_SSL_HEADER, which Django honours from any client. Runs before
    SecurityMiddleware so its HTTPS redirect sees the answer.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        # WSGIRequest reads its scheme from the environ, which is request.META.
        request.META["wsgi.url_scheme"] = forwarded_scheme(request.META)
        return self.get_response(request)


def forwarded_scheme(environ: dict) -> str:
    """The request's scheme: the nearest proxy's `X-Forwarded-Proto` when the peer is trusted.

    A WSGI environ (or request.META); shared by TrustedProxySSLMiddleware and the page cache's
    WSGI short-cut, which answers before any middleware runs.
    """
    scheme = environ.get("wsgi.url_scheme", "http")
    proto = environ.get("HTTP_X_FORWARDED_PROTO", "")
    if proto and is_trusted_proxy(environ.get("REMOTE_ADDR", "") or ""):
        # A list may carry several hops: the nearest one is first.
        nearest = proto.split(",")[0].strip().lower()
        if nearest in {"http", "https"}:
            return nearest
    return scheme


def serve_media(request: HttpRequest, path: str):
    """Uploaded images from MEDIA_ROOT when no front server does it (SERVE_MEDIA)."""
    normalised = posixpath.normpath(path).lstrip("/")
    if normalised.startswith("..") or not normalised.startswith(MEDIA_SERVED_DIRS):
        raise Http404("Không tìm thấy tệp.")
    response = serve(request, normalised, document_root=Path(settings.MEDIA_ROOT))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=86400"
    return response
