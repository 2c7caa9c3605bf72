"""The rating endpoint: a plain form POST (redirect back) or fetch() asking for JSON."""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_POST

from portal.core.formatting import format_decimal, format_integer
from portal.core.ratelimit import check_rate, rate_limited_response
from portal.core.views import wants_json
from portal.core.visitors import get_visitor
from portal.news.models import ArticlePage

from .forms import DONE_PARAM, MESSAGES, RatingForm
from .services import rating_cast

__all__ = ["MAX_BODY_BYTES", "rate_article"]

MAX_BODY_BYTES = 2048
RATE_SCOPE = "ratings"
TOO_LARGE = "Dữ liệu gửi lên quá lớn. Vui lòng chỉ chọn số sao rồi gửi lại."


def _body_too_large(request: HttpRequest) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY_BYTES
    except ValueError:
        return True


def _error(request: HttpRequest, article: ArticlePage, message: str, as_json: bool):
    if as_json:
        return JsonResponse({"ok": False, "error": message}, status=400)
    # The article comes back with the message next to the form.
    request.rating_error = message
    response = article.serve(request)
    response.status_code = 400
    return response


@require_POST
def rate_article(request: HttpRequest, article_id: int) -> HttpResponse:
    """Record this visitor's stars for the article."""
    # Ids beyond a 64-bit integer exist nowhere (and would overflow the database driver).
    article = None
    if article_id < 2**63:
        article = ArticlePage.objects.live().public().filter(pk=article_id).first()
    if article is None:
        raise Http404("Không tìm thấy bài viết.")
    as_json = wants_json(request)
    if _body_too_large(request):
        return _error(request, article, TOO_LARGE, as_json)
    if not check_rate(request, RATE_SCOPE):
        return rate_limited_response(request, as_json=as_json, scope=RATE_SCOPE)
    form = RatingForm(request.POST)
    if not form.is_valid():
        return _error(request, article, form.errors["stars"][0], as_json)
    outcome = rating_cast(
        article_id=article.pk,
        visitor_key=get_visitor(request).key,
        stars=form.cleaned_data["stars"],
    )
    if as_json:
        return JsonResponse(
            {
                "ok": True,
                "created": outcome.created,
                "stars": outcome.stars,
                "count": outcome.count,
                "count_display": format_integer(outcome.count),
                "average": float(outcome.average),
                "average_display": format_decimal(outcome.average, 1),
                "message": MESSAGES[outcome.created],
            }
        )
    done = "moi" if outcome.created else "sua"
    return HttpResponseRedirect(
        f"{article.get_url(request)}?{DONE_PARAM}={done}#danh-gia", status=303
    )
