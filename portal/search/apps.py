from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "portal.search"
    label = "search"
    verbose_name = "Tìm kiếm"

    def ready(self):
        from portal.core import publishing

        from . import signals

        publishing.register_step("search", signals.on_page_changed, order=100)
