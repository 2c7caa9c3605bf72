from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "portal.news"
    label = "news"
    verbose_name = "Tin bài"

    def ready(self):
        from .search import register

        register()
