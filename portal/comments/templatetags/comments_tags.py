"""The comments box under an article: approved comments, their count and the form."""

from django import template

from ..forms import CommentForm
from ..models import Comment

register = template.Library()

SENT_PARAM = "binh-luan"
SENT_VALUE = "da-gui"


@register.inclusion_tag("comments/article_comments.html", takes_context=True)
def article_comments(context, article):
    request = context.get("request")
    form = context.get("comment_form") or CommentForm()
    comments = list(Comment.objects.approved().for_article(article).oldest_first())
    sent = bool(request and request.GET.get(SENT_PARAM) == SENT_VALUE)
    return {
        "article": article,
        "comments": comments,
        "comment_count": len(comments),
        "form": form,
        "form_error": context.get("comment_form_error", ""),
        "sent": sent and not form.is_bound,
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }
