"""{% article_rating page %}: the rating box under an article."""

from django import template

from portal.core.visitors import get_visitor

from ..forms import DONE, STAR_CHOICES
from ..selectors import article_rating_stats, visitor_stars

register = template.Library()


@register.inclusion_tag("ratings/article_rating.html", takes_context=True)
def article_rating(context, page):
    request = context.get("request")
    mine = None
    notice = ""
    error = ""
    if request is not None:
        visitor = get_visitor(request)
        # A first visit has no cookie yet; its rating will be keyed by the cookie it gets now.
        mine = visitor_stars(page.pk, visitor.key) if visitor.has_cookie else None
        notice = DONE.message(request)
        error = getattr(request, "rating_error", "")
    return {
        "page": page,
        "stats": article_rating_stats(page.pk),
        "choices": STAR_CHOICES,
        "mine": mine,
        "notice": notice,
        "error": error,
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }
