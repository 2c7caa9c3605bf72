"""The comments box under an article: approved comments, their count and the form."""

from django import template

from portal.core.fragments import cached
from portal.core.pagecache import mark_private

from ..forms import CommentForm
from ..models import Comment

register = template.Library()

SENT_PARAM = "binh-luan"
SENT_VALUE = "da-gui"


@register.inclusion_tag("comments/article_comments.html", takes_context=True)
def article_comments(context, article):
    """The same for every visitor on a GET: the verification code is fetched when the form opens."""
    request = context.get("request")
    form = context.get("comment_form") or CommentForm()
    # Approving or removing a comment bumps the content version: the cached list goes with it.
    comments = cached(
        request,
        "article-comments",
        lambda: list(Comment.objects.approved().for_article(article).oldest_first()),
        article.pk,
    )
    sent = bool(request and request.GET.get(SENT_PARAM) == SENT_VALUE)
    if sent and request is not None:
        mark_private(request)
    return {
        "article": article,
        "comments": comments,
        "comment_count": len(comments),
        "form": form,
        "form_error": context.get("comment_form_error", ""),
        "sent": sent and not form.is_bound,
        # A re-rendered form (after a POST) carries a token and a code; a shared page neither.
        "personal": bool(request is not None and request.method == "POST"),
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }
