"""Poll endpoints: vote (form POST or fetch() asking for JSON) and the results page."""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse

from portal.core.ratelimit import check_rate, rate_limited_response
from portal.core.views import wants_json
from portal.core.visitors import get_visitor
from portal.core.widgets import MAX_BODY_BYTES, DoneNotice, body_too_large

from .forms import VoteForm
from .models import Poll
from .selectors import has_voted, poll_results
from .services import AlreadyVotedError, PollError, poll_state_message, poll_vote

__all__ = ["DONE", "MAX_BODY_BYTES", "poll_detail", "poll_result_page"]

RATE_SCOPE = "polls"
TOO_LARGE = "Dữ liệu gửi lên quá lớn. Vui lòng chỉ chọn một phương án rồi gửi lại."
THANKS = "Cảm ơn bạn đã bình chọn."
ALREADY = "Bạn đã bình chọn. Mỗi người chỉ được bình chọn một lần."
NOT_COUNTED = (
    "Đã ghi nhận phiếu của bạn. Địa chỉ mạng của bạn đã dùng hết số phiếu được tính cho cuộc "
    "bình chọn này, nên phiếu được lưu để ban biên tập xem xét và chưa tính vào kết quả."
)
# The redirect after a form POST says which message the results page shows.
DONE = DoneNotice(
    "trang-thai", {"cam-on": THANKS, "da-binh-chon": ALREADY, "ghi-nhan": NOT_COUNTED}
)


def _poll_or_404(poll_id: int) -> Poll:
    poll = Poll.objects.public().filter(pk=poll_id).first()
    if poll is None:
        raise Http404("Không tìm thấy cuộc bình chọn.")
    return poll


def _results_url(poll: Poll, done: str) -> str:
    return DONE.url(reverse("polls:results", args=[poll.pk]), done)


def _results_json(
    poll: Poll, *, ok: bool, message: str, status: int = 200, **extra
) -> JsonResponse:
    results = poll_results(poll)
    return JsonResponse(
        {
            "ok": ok,
            **extra,
            "message" if ok else "error": message,
            "total": results.total,
            "total_display": results.total_display,
            "results_url": reverse("polls:results", args=[poll.pk]),
            "options": [
                {
                    "id": option.id,
                    "label": option.label,
                    "votes": option.votes,
                    "votes_display": option.votes_display,
                    "percent_display": option.percent_display,
                }
                for option in results.options
            ],
        },
        status=status,
    )


def _has_voted(request: HttpRequest, poll: Poll) -> bool:
    # A first visit has no cookie yet; its vote will be keyed by the cookie it gets now.
    visitor = get_visitor(request)
    return visitor.has_cookie and has_voted(poll.pk, visitor.key)


def _form_page(request: HttpRequest, poll: Poll, form: VoteForm, status: int = 200, error=""):
    checked = form.cleaned_data.get("option") if form.is_bound and form.is_valid() else None
    if form.errors:
        error = error or form.errors["option"][0]
    context = {
        "poll": poll,
        "choices": form.fields["option"].choices,
        "checked": checked,
        "error": error,
        "state_message": poll_state_message(poll),
        "already_voted": _has_voted(request, poll),
        "results": poll_results(poll),
    }
    return render(request, "polls/poll_detail.html", context, status=status)


def poll_detail(request: HttpRequest, poll_id: int) -> HttpResponse:
    """GET: the poll on its own page. POST: count this visitor's vote."""
    poll = _poll_or_404(poll_id)
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD, POST"})
    if request.method != "POST":
        return _form_page(request, poll, VoteForm(poll=poll))

    as_json = wants_json(request)
    if body_too_large(request):
        if as_json:
            return JsonResponse({"ok": False, "error": TOO_LARGE}, status=400)
        return _form_page(request, poll, VoteForm(poll=poll), status=400, error=TOO_LARGE)
    if not check_rate(request, RATE_SCOPE):
        return rate_limited_response(request, as_json=as_json, scope=RATE_SCOPE)
    form = VoteForm(request.POST, poll=poll)
    if not form.is_valid():
        message = form.errors["option"][0]
        if as_json:
            return JsonResponse({"ok": False, "error": message}, status=400)
        return _form_page(request, poll, form, status=400)
    visitor = get_visitor(request)
    try:
        outcome = poll_vote(
            poll=poll,
            option_id=form.cleaned_data["option"],
            visitor_key=visitor.key,
            address_hash=visitor.address_hash,
        )
    except AlreadyVotedError:
        if as_json:
            return _results_json(poll, ok=False, message=ALREADY, status=409)
        return HttpResponseRedirect(_results_url(poll, "da-binh-chon"), status=303)
    except PollError as error:
        if as_json:
            return _results_json(poll, ok=False, message=str(error), status=409)
        return HttpResponseRedirect(reverse("polls:results", args=[poll.pk]), status=303)
    done = "cam-on" if outcome.counted else "ghi-nhan"
    if as_json:
        return _results_json(poll, ok=True, message=DONE.messages[done], counted=outcome.counted)
    return HttpResponseRedirect(_results_url(poll, done), status=303)


def poll_result_page(request: HttpRequest, poll_id: int) -> HttpResponse:
    """Votes per option, their share and how many people voted."""
    poll = _poll_or_404(poll_id)
    context = {
        "poll": poll,
        "results": poll_results(poll),
        "notice": DONE.message(request),
        "state_message": poll_state_message(poll),
    }
    return render(request, "polls/poll_results.html", context)
