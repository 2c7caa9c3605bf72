"""Test data for comments: an article to comment on, and comments in any status.

The page tree comes from portal.news.factories (one page-tree factory for every app)."""

import factory
from factory.django import DjangoModelFactory

from portal.news.factories import ArticlePageFactory, SectionPageFactory
from portal.news.models import ArticlePage

from .models import Comment, CommentStatus
from .services import visitor_hash

__all__ = ["ArticlePageFactory", "CommentFactory", "SectionPageFactory", "published_article"]


class CommentFactory(DjangoModelFactory):
    article = factory.SubFactory(ArticlePageFactory)
    name = factory.Sequence(lambda n: f"Người đọc {n}")
    email = ""
    text = "Ý kiến của tôi về bài viết."
    status = CommentStatus.PENDING
    visitor_hash = factory.LazyFunction(lambda: visitor_hash("c:test-visitor"))

    class Meta:
        model = Comment


def published_article(**kwargs) -> ArticlePage:
    """A live article inside a section of the default site, reachable at its URL."""
    from wagtail.models import Site

    root = Site.objects.get(is_default_site=True).root_page
    section = SectionPageFactory(parent=root)
    return ArticlePageFactory(parent=section, **kwargs)
