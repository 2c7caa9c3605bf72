from django.conf import settings
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal.core.security import serve_media
from portal.opendata import views as opendata_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("captcha/", include("portal.comments.captcha_urls")),
    path("binh-luan/", include("portal.comments.urls")),
    path("lien-ket/", include("portal.links.urls")),
    # The document library; "/van-ban/" is the demo's "Văn bản" news section.
    path("van-ban-phap-ly/", include("portal.legal_documents.urls")),
    path("thong-ke/", include("portal.visits.urls")),
    path("tim-kiem/", include("portal.search.urls")),
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

urlpatterns += [path("", include(wagtail_urls))]
