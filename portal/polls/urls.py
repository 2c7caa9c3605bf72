from django.urls import path

import portal.core.widgets  # noqa: F401 - registers the <id:…> converter

from . import views

app_name = "polls"

urlpatterns = [
    path("binh-chon/<id:poll_id>/", views.poll_detail, name="detail"),
    path("binh-chon/<id:poll_id>/ket-qua/", views.poll_result_page, name="results"),
]
