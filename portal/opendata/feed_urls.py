"""/feeds/: Atom (…/atom/) and RSS 2.0 (…/rss/) for the site, each section, each document kind."""

from django.urls import re_path

from . import views

app_name = "feeds"

FORMAT = r"(?P<feed_format>atom|rss)"

urlpatterns = [
    re_path(rf"^{FORMAT}/$", views.site_feed, name="site"),
    re_path(rf"^chuyen-muc/(?P<pk>[0-9]{{1,9}})/{FORMAT}/$", views.section_feed, name="section"),
    re_path(rf"^van-ban/{FORMAT}/$", views.legal_documents_feed, name="legal-documents"),
    re_path(
        rf"^van-ban/(?P<kind>[a-z_-]{{1,32}})/{FORMAT}/$",
        views.legal_documents_feed,
        name="legal-documents-kind",
    ),
]
