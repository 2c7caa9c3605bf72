"""Visitors' comments on articles ("bình luận"), held for moderation before they show."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone

__all__ = ["Comment", "CommentQuerySet", "CommentStatus"]

NAME_MAX_LENGTH = 100
EMAIL_MAX_LENGTH = 254
TEXT_MAX_LENGTH = 3000


class CommentStatus(models.TextChoices):
    PENDING = "pending", "Chờ duyệt"
    APPROVED = "approved", "Đã duyệt"
    REJECTED = "rejected", "Từ chối"
    SPAM = "spam", "Spam"


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=CommentStatus.APPROVED)

    def pending(self):
        return self.filter(status=CommentStatus.PENDING)

    def for_article(self, article):
        return self.filter(article=article)

    def oldest_first(self):
        return self.order_by("created_at", "pk")


class Comment(models.Model):
    """One visitor comment; plain text, shown only once an editor approves it."""

    article = models.ForeignKey(
        "news.ArticlePage",
        verbose_name="tin bài",
        on_delete=models.CASCADE,
        related_name="comments",
    )
    name = models.CharField("họ tên", max_length=NAME_MAX_LENGTH)
    email = models.EmailField(
        "email", max_length=EMAIL_MAX_LENGTH, blank=True, help_text="Không hiển thị công khai."
    )
    text = models.TextField(
        "nội dung", max_length=TEXT_MAX_LENGTH, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    status = models.CharField(
        "trạng thái",
        max_length=16,
        choices=CommentStatus.choices,
        default=CommentStatus.PENDING,
        db_index=True,
    )
    visitor_hash = models.CharField("mã người gửi", max_length=64, editable=False)
    created_at = models.DateTimeField("ngày gửi", default=timezone.now, db_index=True)
    moderated_at = models.DateTimeField("ngày kiểm duyệt", null=True, blank=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người kiểm duyệt",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = "bình luận"
        verbose_name_plural = "bình luận"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["article", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.name}: {self.excerpt}"

    @property
    def excerpt(self) -> str:
        return self.text if len(self.text) <= 80 else self.text[:79] + "…"
