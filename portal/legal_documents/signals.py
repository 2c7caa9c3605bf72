"""Citations follow every publication, whoever publishes: the admin, a workflow approval,
the scheduler (`publish_scheduled`) or code."""

from wagtail.signals import page_published

from portal.news.models import ArticlePage

from .services import citations_refresh


def on_page_published(sender, instance, **kwargs):
    page = instance.specific  # the page itself when it already is an ArticlePage
    if isinstance(page, ArticlePage):
        citations_refresh(article=page)


def connect() -> None:
    page_published.connect(on_page_published, dispatch_uid="legal_documents_page_published")
