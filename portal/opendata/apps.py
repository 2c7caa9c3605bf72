from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "portal.opendata"
    verbose_name = "Dữ liệu mở"
