"""Test data for comments: comments in any status (articles come from portal.core.testing.pages)."""

import factory
from factory.django import DjangoModelFactory

from portal.comments.models import Comment, CommentStatus
from portal.comments.services import visitor_hash
from portal.core.testing.pages import ArticlePageFactory

__all__ = ["CommentFactory"]


class CommentFactory(DjangoModelFactory):
    article = factory.SubFactory(ArticlePageFactory)
    name = factory.Sequence(lambda n: f"Người đọc {n}")
    email = ""
    text = "Ý kiến của tôi về bài viết."
    status = CommentStatus.PENDING
    visitor_hash = factory.LazyFunction(lambda: visitor_hash("c:test-visitor"))

    class Meta:
        model = Comment
