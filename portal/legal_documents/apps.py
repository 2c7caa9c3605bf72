from django.apps import AppConfig


class LegalDocumentsConfig(AppConfig):
    name = "portal.legal_documents"
    label = "legal_documents"
    verbose_name = "Văn bản"

    def ready(self):
        from . import signals
        from .search import register

        register()
        signals.connect()
