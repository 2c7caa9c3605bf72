"""Test data for comments: an article to comment on, and comments in any status."""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from portal.news.models import ArticlePage, SectionPage

from .models import Comment, CommentStatus
from .services import visitor_hash

__all__ = ["ArticlePageFactory", "CommentFactory", "SectionPageFactory", "published_article"]


class SectionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Chuyên mục {n}")
    slug = factory.Sequence(lambda n: f"chuyen-muc-{n}")

    class Meta:
        model = SectionPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Bài viết thử {n}")
    slug = factory.Sequence(lambda n: f"bai-viet-thu-{n}")
    lead = "Sapo bài viết thử."

    class Meta:
        model = ArticlePage


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
