"""Open data and discovery: catalogue, downloads, site map (the API is in api_urls)."""

from django.urls import path

from . import views

app_name = "opendata"

urlpatterns = [
    path("du-lieu-mo/", views.catalogue, name="catalogue"),
    path("du-lieu-mo/tai-ve/<str:name>", views.download, name="download"),
    path("so-do-trang/", views.site_map, name="site-map"),
]
