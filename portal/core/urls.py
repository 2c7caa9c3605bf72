from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.visitor_state, name="visitor_state"),
]
