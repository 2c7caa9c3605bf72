"""The no-JavaScript jump from the sidebar's select: only ever to a listed website."""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .models import WebsiteLink


@require_GET
def link_jump(request: HttpRequest) -> HttpResponse:
    """Redirect to an active link, chosen by id (or by its exact address); else a 404 page."""
    links = WebsiteLink.objects.active()
    link_id = request.GET.get("id", "")
    url = request.GET.get("url", "")
    link = None
    if link_id.isdigit():
        link = links.filter(pk=int(link_id)).first()
    elif url:
        link = links.filter(url=url).first()
    if link is None:
        return render(request, "links/link_not_found.html", status=404)
    response = HttpResponseRedirect(link.url)
    response["Referrer-Policy"] = "no-referrer"
    return response
