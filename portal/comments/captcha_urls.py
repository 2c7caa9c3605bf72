"""simple-captcha's URLs, with the spoken code rate-limited (each one starts a speech process)."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import re_path

from captcha import views
from captcha.urls import urlpatterns as captcha_urlpatterns

from portal.core.ratelimit import visitor_rate_limited
from portal.core.visitors import get_visitor

AUDIO_RATE_LIMITED = "Bạn đã yêu cầu nghe mã xác thực quá nhiều lần. Vui lòng thử lại sau ít phút."


def captcha_audio(request: HttpRequest, key: str) -> HttpResponse:
    if visitor_rate_limited(
        "captcha-audio",
        get_visitor(request),
        limit=settings.CAPTCHA_AUDIO_RATE_LIMIT,
        address_limit=settings.CAPTCHA_AUDIO_RATE_LIMIT * 4,
        window=settings.CAPTCHA_AUDIO_RATE_WINDOW,
    ):
        response = HttpResponse(
            AUDIO_RATE_LIMITED, status=429, content_type="text/plain; charset=utf-8"
        )
        response["Retry-After"] = str(settings.CAPTCHA_AUDIO_RATE_WINDOW)
        return response
    return views.captcha_audio(request, key)


urlpatterns = [
    re_path(r"audio/(?P<key>\w+).wav$", captcha_audio, name="captcha-audio"),
    *[pattern for pattern in captcha_urlpatterns if pattern.name != "captcha-audio"],
]
