"""Site polls: a question with ordered options, one vote per visitor, exact tallies."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

__all__ = ["Poll", "PollOption", "PollOptionTally", "Vote"]


class PollQuerySet(models.QuerySet):
    def active(self):
        """Polls editors chose to show (at most one, by constraint)."""
        return self.filter(is_active=True)

    def public(self, now=None):
        """Polls citizens may see: the active one and any that has opened."""
        now = now or timezone.now()
        return self.filter(Q(is_active=True) | Q(opens_at__lte=now))


class Poll(ClusterableModel):
    question = models.CharField("câu hỏi", max_length=300)
    opens_at = models.DateTimeField(
        "mở từ", null=True, blank=True, help_text="Để trống: mở ngay khi được hiển thị."
    )
    closes_at = models.DateTimeField(
        "đóng lúc", null=True, blank=True, help_text="Để trống: không hạn kết thúc."
    )
    is_active = models.BooleanField(
        "hiển thị ở cột phải",
        default=False,
        help_text="Chỉ một cuộc bình chọn được hiển thị cùng lúc.",
    )
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)

    objects = PollQuerySet.as_manager()

    panels = [
        FieldPanel("question"),
        MultiFieldPanel(
            [FieldPanel("opens_at"), FieldPanel("closes_at"), FieldPanel("is_active")],
            heading="Thời gian và hiển thị",
        ),
        InlinePanel("options", label="phương án", min_num=2),
    ]

    class Meta:
        verbose_name = "cuộc bình chọn"
        verbose_name_plural = "cuộc bình chọn"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"],
                condition=Q(is_active=True),
                name="polls_one_active",
                violation_error_message=(
                    "Đã có một cuộc bình chọn đang hiển thị. Hãy bỏ hiển thị cuộc đó trước."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.question

    def clean(self) -> None:
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": "Thời điểm đóng phải sau thời điểm mở."})

    def has_opened(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at is None or self.opens_at <= now

    def has_closed(self, now=None) -> bool:
        now = now or timezone.now()
        return self.closes_at is not None and self.closes_at <= now

    def is_open(self, now=None) -> bool:
        """Whether votes are accepted right now."""
        return self.has_opened(now) and not self.has_closed(now)

    def options_with_votes(self):
        """The options in order, each annotated with `vote_count`."""
        return self.options.annotate(vote_count=Coalesce(models.F("tally__votes"), 0)).order_by(
            "sort_order", "pk"
        )


class PollOption(Orderable):
    poll = ParentalKey(Poll, on_delete=models.CASCADE, related_name="options")
    label = models.CharField("phương án", max_length=200)

    panels = [FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = "phương án"
        verbose_name_plural = "phương án"

    def __str__(self) -> str:
        return self.label


class PollOptionTally(models.Model):
    """An option's counted votes, apart from the option so editing the poll never overwrites it."""

    option = models.OneToOneField(
        PollOption, on_delete=models.CASCADE, primary_key=True, related_name="tally"
    )
    votes = models.PositiveIntegerField("số phiếu", default=0)

    class Meta:
        verbose_name = "số phiếu"
        verbose_name_plural = "số phiếu"

    def __str__(self) -> str:
        return f"{self.option}: {self.votes}"


class Vote(models.Model):
    poll = models.ForeignKey(
        Poll, on_delete=models.CASCADE, related_name="votes", verbose_name="cuộc bình chọn"
    )
    option = models.ForeignKey(
        PollOption, on_delete=models.CASCADE, related_name="votes", verbose_name="phương án"
    )
    visitor_key = models.CharField("mã người bình chọn", max_length=64)
    counted = models.BooleanField(
        "được tính",
        default=True,
        db_index=True,
        help_text="Không: vượt hạn mức bình chọn của một địa chỉ mạng; lưu lại nhưng không tính.",
    )
    address_hash = models.CharField("mã địa chỉ mạng", max_length=64, blank=True, default="")
    created_at = models.DateTimeField("thời điểm", auto_now_add=True)

    class Meta:
        verbose_name = "phiếu bình chọn"
        verbose_name_plural = "phiếu bình chọn"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["poll", "visitor_key"], name="polls_one_vote"),
        ]

    def __str__(self) -> str:
        return f"{self.poll_id}: {self.option}"
