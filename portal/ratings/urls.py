from django.urls import path

import portal.core.widgets  # noqa: F401 - registers the <id:…> converter

from . import views

app_name = "ratings"

urlpatterns = [
    path("danh-gia/bai-viet/<id:article_id>/", views.rate_article, name="rate"),
]
