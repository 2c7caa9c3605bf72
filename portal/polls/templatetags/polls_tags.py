"""{% sidebar_poll %}: the active poll in the sidebar."""

from django import template
from django.middleware.csrf import get_token

from portal.core.visitors import get_visitor

from ..selectors import has_voted, poll_results, shown_poll
from ..services import poll_state_message

register = template.Library()


def _has_voted(request, poll_id: int) -> bool:
    if request is None:
        return False
    # A first visit has no cookie yet; its vote will be keyed by the cookie it gets now.
    visitor = get_visitor(request)
    return visitor.has_cookie and has_voted(poll_id, visitor.key)


def _csrf_token(request) -> str:
    """The form token, without re-sending a CSRF cookie the visitor already has.

    Django re-sets the cookie whenever a token is used, and its page cache never stores a
    response that sets a cookie; the sidebar is on every page, so it must not do that.
    """
    had_cookie = "CSRF_COOKIE" in request.META
    renewing = request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False)
    token = get_token(request)
    if had_cookie and not renewing:
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False
    return token


@register.inclusion_tag("polls/sidebar_poll.html", takes_context=True)
def sidebar_poll(context):
    poll = None if context.get("hide_sidebar_poll") else shown_poll()
    if poll is None:
        return {"poll": None}
    request = context.get("request")
    options = list(poll.options.order_by("sort_order", "pk").values_list("pk", "label"))
    return {
        "poll": poll,
        "choices": options,
        "checked": None,
        "error": "",
        "state_message": poll_state_message(poll),
        "already_voted": _has_voted(request, poll.pk),
        "results": poll_results(poll),
        "request": request,
        # Not "csrf_token": inclusion tags overwrite that with the page's (renewing) lazy token.
        "form_token": _csrf_token(request) if request is not None else "",
    }
