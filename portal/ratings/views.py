"""The rating endpoint: a plain form POST (redirect back) or fetch() asking for JSON."""

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_POST

from portal.core.formatting import format_decimal, format_integer
from portal.core.ratelimit import check_rate, rate_limited_response
from portal.core.views import wants_json
from portal.core.visitors import get_visitor
from portal.core.widgets import MAX_BODY_BYTES, body_too_large, json_or_redirect
from portal.news.models import ArticlePage

from .forms import DONE, RatingForm
from .services import rating_cast

__all__ = ["DONE", "MAX_BODY_BYTES", "rate_article"]

RATE_SCOPE = "ratings"
TOO_LARGE = "Dữ liệu gửi lên quá lớn. Vui lòng chỉ chọn số sao rồi gửi lại."


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
    article = ArticlePage.objects.live().public().filter(pk=article_id).first()
    if article is None:
        raise Http404("Không tìm thấy bài viết.")
    as_json = wants_json(request)
    if body_too_large(request):
        return _error(request, article, TOO_LARGE, as_json)
    if not check_rate(request, RATE_SCOPE):
        return rate_limited_response(request, as_json=as_json, scope=RATE_SCOPE)
    form = RatingForm(request.POST)
    if not form.is_valid():
        return _error(request, article, form.errors["stars"][0], as_json)
    visitor = get_visitor(request)
    outcome = rating_cast(
        article_id=article.pk,
        visitor_key=visitor.key,
        stars=form.cleaned_data["stars"],
        address_hash=visitor.address_hash,
    )
    done = ("moi" if outcome.created else "sua") if outcome.counted else "ghi-nhan"
    return json_or_redirect(
        as_json=as_json,
        data={
            "ok": True,
            "created": outcome.created,
            "counted": outcome.counted,
            "stars": outcome.stars,
            "count": outcome.count,
            "count_display": format_integer(outcome.count),
            "average": float(outcome.average),
            "average_display": format_decimal(outcome.average, 1),
            "message": DONE.messages[done],
        },
        redirect_to=DONE.url(article.get_url(request), done, anchor="danh-gia"),
    )
