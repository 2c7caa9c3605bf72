"""simple-captcha's URLs, each rate-limited: images and refreshes per page, the spoken code
(a speech process per request) more tightly. The limits fail closed: with the shared store down
no code is handed out, and comments (which need one) wait too."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import re_path

from captcha import views

from portal.core.ratelimit import (
    UNAVAILABLE_MESSAGE,
    RateStoreUnavailable,
    check_rate,
    limits_for,
)
from portal.core.views import wants_json

RATE_LIMITED = "Bạn đã yêu cầu mã xác thực quá nhiều lần. Vui lòng thử lại sau ít phút."
AUDIO_RATE_LIMITED = "Bạn đã yêu cầu nghe mã xác thực quá nhiều lần. Vui lòng thử lại sau ít phút."


def _refused(request: HttpRequest, scope: str, message: str) -> HttpResponse | None:
    try:
        if check_rate(request, scope, fail_closed=True):
            return None
        status, retry = 429, str(limits_for(scope)["visitor"].seconds)
    except RateStoreUnavailable:
        status, message, retry = 503, UNAVAILABLE_MESSAGE, "60"
    if wants_json(request):
        response = JsonResponse({"ok": False, "error": message}, status=status)
    else:
        response = HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = retry
    response["Cache-Control"] = "no-store"
    return response


def captcha_image(request: HttpRequest, key: str, scale: int = 1) -> HttpResponse:
    return _refused(request, "captcha", RATE_LIMITED) or views.captcha_image(request, key, scale)


def captcha_refresh(request: HttpRequest) -> HttpResponse:
    return _refused(request, "captcha", RATE_LIMITED) or views.captcha_refresh(request)


def captcha_audio(request: HttpRequest, key: str) -> HttpResponse:
    return _refused(request, "captcha-audio", AUDIO_RATE_LIMITED) or views.captcha_audio(
        request, key
    )


urlpatterns = [
    re_path(r"image/(?P<key>\w+)/$", captcha_image, name="captcha-image", kwargs={"scale": 1}),
    re_path(r"image/(?P<key>\w+)@2/$", captcha_image, name="captcha-image-2x", kwargs={"scale": 2}),
    re_path(r"audio/(?P<key>\w+).wav$", captcha_audio, name="captcha-audio"),
    re_path(r"refresh/$", captcha_refresh, name="captcha-refresh"),
]
