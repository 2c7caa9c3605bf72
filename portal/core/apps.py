from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "portal.core"
    label = "core"
    verbose_name = "Cấu hình chung"

    def ready(self):
        from . import signals

        signals.connect()
