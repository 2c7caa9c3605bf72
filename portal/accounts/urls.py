from django.urls import path

from . import views

urlpatterns = [
    path("", views.two_factor, name="accounts_two_factor"),
    path("xac-minh/", views.two_factor_verify, name="accounts_two_factor_verify"),
    path("dang-ky/", views.two_factor_enrol, name="accounts_two_factor_enrol"),
    path("ma-khoi-phuc/", views.two_factor_recovery_codes, name="accounts_two_factor_codes"),
    path("tat/", views.two_factor_turn_off, name="accounts_two_factor_off"),
]
