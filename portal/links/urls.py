from django.urls import path

from . import views

app_name = "links"

urlpatterns = [
    path("chuyen-den/", views.link_jump, name="jump"),
]
