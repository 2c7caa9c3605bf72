from django.urls import path

from . import views

app_name = "ratings"

urlpatterns = [
    path("danh-gia/bai-viet/<int:article_id>/", views.rate_article, name="rate"),
]
