from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "portal.oversight"
    label = "oversight"
    verbose_name = "Giám sát"

    def ready(self):
        from .search import register

        register()
