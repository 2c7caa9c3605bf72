"""Wagtail's page serving, with the route of a shared page cached on the content version.

Wagtail finds a page by walking the tree from the site's root, two queries per level, then
checks the view restrictions of the page and its ancestors (two more). Neither changes unless
content changes (pages, sites and restrictions all bump the content version: signals.py), so a
shared request (portal.core.fragments) reuses, per site and path, the site, the page's id and
type, and whether the site has any view restriction at all; the page itself is always read
fresh, and must still be live. Everything else is Wagtail's own `serve`.
"""

from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest, HttpResponse

from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult

from .fragments import cached, fragment_state

__all__ = ["serve"]


def _route(request: HttpRequest, path: str):
    """(site, content type id, page id) of a plain page route, or None (not found, sub-routes)."""
    result = Page.route_for_request(request, path)  # Wagtail's walk; it keeps it on the request
    if result is None:
        return None
    page, args, kwargs = result
    if args or kwargs:  # a routable page's own sub-route: leave it to the page
        return None
    return (Site.find_for_request(request), page.content_type_id, page.pk)


def _any_view_restriction() -> bool:
    return PageViewRestriction.objects.exists()


def _use_cached_route(request: HttpRequest, path: str) -> None:
    if hasattr(request, "_wagtail_route_for_request"):
        return
    # A path that finds no page is not kept: anyone can ask for any number of those.
    route = cached(request, "route", lambda: _route(request, path), path, keep_none=False)
    if route is None or hasattr(request, "_wagtail_route_for_request"):
        return  # nothing to reuse, or Wagtail has just routed this very request
    site, content_type_id, page_id = route
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    page = model.objects.filter(pk=page_id, live=True).first() if model else None
    if page is None:
        return  # gone or unpublished since: Wagtail routes it (and answers 404)
    request._wagtail_site = site
    request._wagtail_route_for_request = RouteResult(page)


def serve(request: HttpRequest, path: str) -> HttpResponse:
    """wagtail.views.serve, with the route and the restriction check cached on shared pages."""
    if fragment_state(request) is not None:
        _use_cached_route(request, path)
        route = getattr(request, "_wagtail_route_for_request", None)
        if route is not None and not cached(request, "any-view-restriction", _any_view_restriction):
            # No page of any site is restricted: Wagtail's check needs no two queries to say so.
            route.page.get_view_restrictions = PageViewRestriction.objects.none
    return wagtail_views.serve(request, path)
