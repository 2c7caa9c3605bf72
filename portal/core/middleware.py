"""Site-wide middleware of our own: HEAD without body, health endpoints, storage faults → 503."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers

from .faults import is_storage_fault, log_storage_fault, storage_unavailable
from .health import readiness

__all__ = ["HeadWithoutBodyMiddleware", "HealthCheckMiddleware", "StorageFaultMiddleware"]


class HeadWithoutBodyMiddleware:
    """Answer HEAD with the GET's headers and no body.

    Django's WSGI handler sends a HEAD response's body and gunicorn drops it with a warning in its
    log for every such request (the visit counter's pixel, any page); dropping it here is quiet.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method != "HEAD":
            return response
        if response.streaming:
            response.streaming_content = []
        else:
            if not response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
            response.content = b""
        return response


class StorageFaultMiddleware:
    """Map a view's database/disk write failure to a 503 the visitor can read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not is_storage_fault(exception):
            return None
        log_storage_fault(exception, request.path)
        return storage_unavailable(request)


class HealthCheckMiddleware:
    """`/healthz` (the process answers; touches nothing) and `/readyz` (database, cache, disk).

    First in MIDDLEWARE: no session, no cookie, no host check (a supervisor may ask by address),
    nothing cached.
    """

    LIVENESS_PATH = "/healthz"
    READINESS_PATH = "/readyz"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info.rstrip("/")
        if path == self.LIVENESS_PATH:
            response = JsonResponse({"status": "ok"})
        elif path == self.READINESS_PATH:
            checks = readiness()
            failing = [check.name for check in checks if not check.ok]
            response = JsonResponse(
                {
                    "status": "fail" if failing else "ok",
                    "failing": failing,
                    "checks": {
                        check.name: {
                            "ok": check.ok,
                            "detail": check.detail,
                            "seconds": check.seconds,
                        }
                        for check in checks
                    },
                },
                status=503 if failing else 200,
            )
        else:
            return self.get_response(request)
        add_never_cache_headers(response)
        return response
