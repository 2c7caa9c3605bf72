"""The comment endpoint: validate, call the service, redirect (POST/redirect/GET)."""

import logging

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from portal.core.ratelimit import visitor_rate_limited
from portal.core.visitors import get_visitor
from portal.news.models import ArticlePage

from .forms import CommentForm
from .services import comment_submit

logger = logging.getLogger(__name__)

SENT_FLAG = "binh-luan=da-gui"
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

    window = settings.COMMENTS_RATE_WINDOW
    if visitor_rate_limited(
        "comments",
        visitor,
        limit=settings.COMMENTS_RATE_LIMIT,
        address_limit=settings.COMMENTS_RATE_LIMIT_PER_ADDRESS,
        window=window,
    ):
        # A fresh form with what was typed: validating would spend the verification code.
        refill = CommentForm(initial=form.visitor_input())
        response = _render_article(request, article, refill, status=429, error=RATE_LIMITED)
        response["Retry-After"] = str(window)
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
