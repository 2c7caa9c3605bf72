from django.conf import settings
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal.core import routing
from portal.core.security import serve_media
from portal.opendata import views as opendata_views

handler500 = "portal.core.views.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("captcha/", include("portal.comments.captcha_urls")),
    # One visitor's state (CSRF token, their vote, live counts): never cached.
    path("ca-nhan/", include("portal.core.urls")),
    path("binh-luan/", include("portal.comments.urls")),
    path("lien-ket/", include("portal.links.urls")),
    # The document library; "/van-ban/" is the demo's "Văn bản" news section.
    path("van-ban-phap-ly/", include("portal.legal_documents.urls")),
    path("thong-ke/", include("portal.visits.urls")),
    path("tim-kiem/", include("portal.search.urls")),
    path("kien-nghi-cu-tri/", include("portal.petitions.urls")),
    # Open data: the API, feeds, sitemaps, robots.txt, the catalogue and the HTML site map.
    path("api/", include("portal.opendata.api_urls")),
    path("feeds/", include("portal.opendata.feed_urls")),
    path("sitemap.xml", opendata_views.sitemap_index, name="sitemap-index"),
    path("sitemap-<str:section>.xml", opendata_views.sitemap_section, name="sitemap-section"),
    path("robots.txt", opendata_views.robots_txt, name="robots-txt"),
    path("", include("portal.opendata.urls")),
    path("", include("portal.ratings.urls")),
    path("", include("portal.polls.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.+)$", serve_media, name="media")
    ]

urlpatterns += [
    # Wagtail's page serving, its route cached for shared pages (portal.core.routing); the same
    # pattern and name as wagtail.urls, which follows for its password and login views.
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
]
