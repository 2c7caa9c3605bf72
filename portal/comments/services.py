"""Public writes for comments: a visitor submits, an editor moderates."""

from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from portal.core.text import clean_whitespace, nfc, strip_format_controls
from portal.core.visitors import visitor_hash as core_visitor_hash
from portal.news.models import ArticlePage

from .models import Comment, CommentStatus

__all__ = ["comment_moderate", "comment_submit", "visitor_hash"]


def visitor_hash(visitor_key: str) -> str:
    """A keyed hash of the visitor key: enough to group one sender's comments, nothing more."""
    return core_visitor_hash(visitor_key, purpose="portal.comments", length=64)


def _clean_text(text: str) -> str:
    lines = strip_format_controls(nfc(text)).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


@transaction.atomic
def comment_submit(
    *, article: ArticlePage, name: str, email: str, text: str, visitor_key: str
) -> Comment:
    """Store a visitor's comment, pending moderation."""
    comment = Comment(
        article=article,
        name=clean_whitespace(strip_format_controls(nfc(name))),
        email=email.strip(),
        text=_clean_text(text),
        status=CommentStatus.PENDING,
        visitor_hash=visitor_hash(visitor_key),
    )
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def comment_moderate(
    *,
    comments: Iterable[Comment] | Iterable[int],
    status: str,
    moderator: AbstractBaseUser | None = None,
) -> int:
    """Set the moderation status of some comments; return how many changed."""
    if status not in CommentStatus.values:
        raise ValueError(f"unknown comment status {status!r}")
    ids = [item.pk if isinstance(item, Comment) else int(item) for item in comments]
    moderator_id = moderator.pk if moderator is not None and moderator.is_authenticated else None
    return (
        Comment.objects.filter(pk__in=ids)
        .exclude(status=status)
        .update(status=status, moderated_at=timezone.now(), moderated_by_id=moderator_id)
    )
