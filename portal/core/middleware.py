"""Site-wide middleware of our own."""

from django.http import HttpRequest, HttpResponse

__all__ = ["HeadWithoutBodyMiddleware"]


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
