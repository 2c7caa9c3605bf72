from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "portal.search"
    label = "search"
    verbose_name = "Tìm kiếm"

    def ready(self):
        from . import providers, signals  # noqa: F401

        providers.register_articles()
