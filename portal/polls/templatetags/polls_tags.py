"""{% sidebar_poll %}: the active poll in the sidebar (the same for every visitor)."""

from django import template

from ..selectors import poll_results, shown_poll
from ..services import poll_state_message

register = template.Library()


@register.inclusion_tag("polls/sidebar_poll.html", takes_context=True)
def sidebar_poll(context):
    """The question and its options; "you voted" comes from /ca-nhan/ (poll.js)."""
    poll = None if context.get("hide_sidebar_poll") else shown_poll()
    if poll is None:
        return {"poll": None}
    options = list(poll.options.order_by("sort_order", "pk").values_list("pk", "label"))
    return {
        "poll": poll,
        "choices": options,
        "checked": None,
        "error": "",
        "state_message": poll_state_message(poll),
        "results": poll_results(poll),
        "request": context.get("request"),
    }
