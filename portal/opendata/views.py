"""Open-data pages: the API root and its documentation, the catalogue and its downloads,
the feeds, robots.txt, sitemap.xml and the HTML site map."""

from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.static import serve

from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.models import Site

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.legal_documents.models import KIND_CHOICES
from portal.news.models import SectionPage

from . import datasets, feeds
from .api import ENDPOINTS, PROBLEM_CONTENT_TYPE, PROBLEM_TITLES
from .plumbing import api_rate_limit
from .schema_docs import api_operations, openapi_schema
from .sitemaps import SITEMAPS

DOWNLOAD_TYPES = {
    ".csv": "text/csv; charset=utf-8; header=present",
    ".json": "application/json; charset=utf-8",
}


# ---------------------------------------------------------------------------- API


class ApiRootView(APIView):
    """The API's entry point: where each collection, the schema and the documentation live."""

    @extend_schema(exclude=True)
    def get(self, request):
        def absolute(url: str) -> str:
            return request.build_absolute_uri(url)

        return Response(
            {
                "title": settings.SPECTACULAR_SETTINGS["TITLE"],
                "licence": settings.SPECTACULAR_SETTINGS["LICENSE"],
                "schema": absolute(reverse("api:schema")),
                "documentation": absolute(reverse("api:docs")),
                "datasets": absolute(reverse("opendata:catalogue")),
                "endpoints": {
                    endpoint.prefix: absolute(reverse(f"api:{endpoint.basename}-list"))
                    for endpoint in sorted(ENDPOINTS, key=lambda endpoint: endpoint.prefix)
                },
            }
        )


def api_not_found(request, *args, **kwargs):
    """Any other address under /api/: a problem+json 404, never the HTML page."""
    return JsonResponse(
        {
            "type": "about:blank",
            "title": PROBLEM_TITLES[404],
            "status": 404,
            "detail": "Không có địa chỉ này trong API. Xem tài liệu tại /api/v1/docs/.",
            "instance": request.path,
        },
        status=404,
        content_type=PROBLEM_CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )


@require_safe
def api_schema(request):
    """The OpenAPI 3.1 document (generated once per process: it changes only with the code)."""
    response = JsonResponse(openapi_schema(), json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/vnd.oai.openapi+json; charset=utf-8"
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_safe
def api_documentation(request):
    return render(
        request,
        "opendata/api_docs.html",
        {
            "operations": api_operations(),
            "api_root": request.build_absolute_uri(reverse("api:root")),
            "rate": api_rate_limit(),
            "licence": datasets.LICENCE,
        },
    )


# ---------------------------------------------------------------------------- datasets


@require_safe
def catalogue(request):
    return render(
        request,
        "opendata/catalogue.html",
        {
            "datasets": datasets.dataset_status(),
            "licence": datasets.LICENCE,
            "frequency": datasets.FREQUENCY,
            "kinds": KIND_CHOICES,
        },
    )


@require_safe
def download(request, name: str):
    """A dataset file; generated on the spot if the scheduler has not written it yet."""
    slugs = {dataset.slug for dataset in datasets.DATASETS}
    stem = name.removesuffix(".schema.json").removesuffix(".csv")
    allowed = name == "datapackage.json" or (
        stem in slugs and name in {f"{stem}.csv", f"{stem}.schema.json"}
    )
    if not allowed:
        raise Http404("Không có tệp dữ liệu này.")
    directory = Path(settings.OPENDATA_DIR)
    if not (directory / name).exists():
        datasets.datasets_export(only=[] if name == "datapackage.json" else [stem])
    if not (directory / name).exists():
        raise Http404("Tệp dữ liệu chưa được tạo.")
    response = serve(request, name, document_root=directory)
    suffix = ".json" if name.endswith(".json") else ".csv"
    if response.status_code == 200:
        response["Content-Type"] = DOWNLOAD_TYPES[suffix]
        response["Cache-Control"] = "public, max-age=300"
        response["Access-Control-Allow-Origin"] = "*"
    return response


# ---------------------------------------------------------------------------- feeds


def site_feed(request, feed_format: str):
    return feeds.SiteArticlesFeed(feed_format)(request)


def section_feed(request, pk: int, feed_format: str):
    return feeds.SectionArticlesFeed(feed_format)(request, pk=pk)


def legal_documents_feed(request, feed_format: str, kind: str = ""):
    return feeds.LegalDocumentsFeed(feed_format)(request, kind=kind)


# ---------------------------------------------------------------------------- discovery


@require_safe
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap-index"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /captcha/",
        "Disallow: /binh-luan/",
        "Disallow: /tim-kiem/",
        "Allow: /",
        "",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def sitemap_index(request):
    return sitemap_views.index(request, SITEMAPS, sitemap_url_name="sitemap-section")


@require_safe
def sitemap_section(request, section: str):
    if section not in SITEMAPS:
        raise Http404("Không có sơ đồ này.")
    return sitemap_views.sitemap(request, {section: SITEMAPS[section]}, section=section)


def _section_tree(parent, sections_by_parent: dict) -> list[dict]:
    return [
        {"page": section, "children": _section_tree(section, sections_by_parent)}
        for section in sections_by_parent.get(parent.path, [])
    ]


@require_safe
def site_map(request):
    """The HTML site map: sections as a tree, the library, open data, feeds."""
    site = Site.find_for_request(request)
    root = site.root_page if site else None
    by_parent: dict[str, list] = {}
    if root is not None:
        sections = SectionPage.objects.live().public().descendant_of(root).order_by("path")
        for section in sections:
            by_parent.setdefault(section.path[: -SectionPage.steplen], []).append(section)
    return render(
        request,
        "opendata/site_map.html",
        {
            "root": root,
            "tree": _section_tree(root, by_parent) if root is not None else [],
            "kinds": KIND_CHOICES,
        },
    )
