from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("<int:article_id>/gui/", views.comment_post, name="post"),
]
