"""The comment endpoint: validate, call the service, redirect (POST/redirect/GET)."""

import logging

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from portal.core.ratelimit import (
    UNAVAILABLE_MESSAGE,
    RateStoreUnavailable,
    check_rate,
    limits_for,
)
from portal.core.visitors import get_visitor
from portal.news.models import ArticlePage

from .forms import CommentForm
from .services import comment_submit

logger = logging.getLogger(__name__)

SENT_FLAG = "binh-luan=da-gui"
RATE_SCOPE = "comments"
RATE_LIMITED = "Bạn đã gửi quá nhiều bình luận trong thời gian ngắn. Vui lòng thử lại sau ít phút."


def _render_article(
    request: HttpRequest, article: ArticlePage, form: CommentForm, status: int, error: str = ""
) -> HttpResponse:
    """The article page again, with the comment form as the visitor left it."""
    context = article.get_context(request)
    context["comment_form"] = form
    context["comment_form_error"] = error
    return TemplateResponse(request, article.get_template(request), context, status=status)


@require_POST
def comment_post(request: HttpRequest, article_id: int) -> HttpResponse:
    article = ArticlePage.objects.published().filter(pk=article_id).specific().first()
    if article is None:
        raise Http404("Không tìm thấy bài viết.")
    visitor = get_visitor(request)
    form = CommentForm(request.POST)

    try:
        # Fails closed: with the shared store down, comments wait rather than go unguarded.
        allowed = check_rate(request, RATE_SCOPE, fail_closed=True)
    except RateStoreUnavailable:
        allowed, status, error, retry = False, 503, UNAVAILABLE_MESSAGE, "60"
    else:
        status, error = 429, RATE_LIMITED
        retry = str(limits_for(RATE_SCOPE)["visitor"].seconds)
    if not allowed:
        # A fresh form with what was typed: validating would spend the verification code.
        refill = CommentForm(initial=form.visitor_input())
        response = _render_article(request, article, refill, status=status, error=error)
        response["Retry-After"] = retry
        return response

    if not form.is_valid():
        return _render_article(request, article, form, status=400)

    if form.is_bot:
        logger.info("Comment discarded by the honeypot (article %s)", article.pk)
    else:
        comment_submit(
            article=article,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            text=form.cleaned_data["text"],
            visitor_key=visitor.key,
        )
    return HttpResponseRedirect(f"{article.get_url(request)}?{SENT_FLAG}#binh-luan")
