"""The no-JavaScript jump from the sidebar's select: only ever to a listed website."""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_GET

from portal.core.widgets import parse_id

from .models import WebsiteLink


@require_GET
def link_jump(request: HttpRequest) -> HttpResponse:
    """Redirect to an active link, chosen by id (or by its exact address); else a 404 page."""
    links = WebsiteLink.objects.active()
    raw_id = request.GET.get("id", "")
    url = request.GET.get("url", "")
    link = None
    if raw_id:
        # ASCII digits within 64 bits only: "²" or "٥" name no link.
        link_id = parse_id(raw_id)
        link = links.filter(pk=link_id).first() if link_id is not None else None
    elif url:
        link = links.filter(url=url).first()
    if link is None:
        return render(request, "links/link_not_found.html", status=404)
    response = HttpResponseRedirect(link.url)
    response["Referrer-Policy"] = "no-referrer"
    return response
