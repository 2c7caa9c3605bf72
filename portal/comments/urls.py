from django.urls import path

import portal.core.widgets  # noqa: F401 - registers the <id:…> converter

from . import views

app_name = "comments"

urlpatterns = [
    path("<id:article_id>/gui/", views.comment_post, name="post"),
]
