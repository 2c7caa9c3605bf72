"""{% article_rating page %}: the rating box under an article (the same for every visitor)."""

from django import template

from portal.core.pagecache import mark_private

from ..forms import DONE, STAR_CHOICES
from ..selectors import article_rating_stats

register = template.Library()


@register.inclusion_tag("ratings/article_rating.html", takes_context=True)
def article_rating(context, page):
    """The form and the figures; "you rated N stars" comes from /ca-nhan/ (rating.js)."""
    request = context.get("request")
    notice = ""
    error = ""
    if request is not None:
        notice = DONE.message(request)
        error = getattr(request, "rating_error", "")
        if notice or error:
            mark_private(request)
    return {
        "page": page,
        "stats": article_rating_stats(page.pk),
        "choices": STAR_CHOICES,
        "notice": notice,
        "error": error,
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }
