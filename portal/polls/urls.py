from django.urls import path

from . import views

app_name = "polls"

urlpatterns = [
    path("binh-chon/<int:poll_id>/", views.poll_detail, name="detail"),
    path("binh-chon/<int:poll_id>/ket-qua/", views.poll_result_page, name="results"),
]
