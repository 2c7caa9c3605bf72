from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "portal.notices"
    verbose_name = "Thông báo bảo trì"

    def ready(self):
        from . import signals  # noqa: F401
