"""Voters' petitions: meetings where voters spoke, the petitions raised, answers and feedback.

No voter is recorded: a petition carries the words voters used and where they said them,
never who said them (Decree 13/2023/NĐ-CP asks for minimal collection). Dates of each step
are kept apart; deadlines and overdue are derived (rules.py), history is an append-only log.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from portal.core.events import AppendOnlyEvent
from portal.core.text import fold, normalize
from portal.legal_documents.models import SourceDocumentMixin

from . import rules

__all__ = [
    "Answer",
    "DeadlineRule",
    "Deputy",
    "Feedback",
    "Locality",
    "Petition",
    "PetitionEvent",
    "PetitionField",
    "PetitionSource",
    "VoterMeeting",
]


class Locality(models.Model):
    """An administrative unit after the 2025 reorganisation: a province or a commune/ward."""

    LEVEL_PROVINCE = "province"
    LEVEL_COMMUNE = "commune"
    LEVELS = [(LEVEL_PROVINCE, "Tỉnh, thành phố"), (LEVEL_COMMUNE, "Xã, phường, đặc khu")]

    code = models.CharField(
        "mã đơn vị hành chính",
        max_length=5,
        unique=True,
        help_text="Mã chính thức: 2 chữ số cho tỉnh, 5 chữ số cho xã, phường.",
    )
    name = models.CharField("tên", max_length=120)
    level = models.CharField("cấp", max_length=10, choices=LEVELS)
    division_type = models.CharField("loại", max_length=40, blank=True)
    province = models.ForeignKey(
        "self",
        verbose_name="thuộc tỉnh, thành phố",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="communes",
    )

    class Meta:
        ordering = ["level", "name"]
        verbose_name = "địa bàn"
        verbose_name_plural = "địa bàn"

    def __str__(self) -> str:
        if self.province_id and self.level == self.LEVEL_COMMUNE:
            return f"{self.name}, {self.province.name}"
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("petitions:list") + f"?locality={self.code}"


class PetitionField(models.Model):
    """A field petitions are sorted by (đất đai, giao thông, y tế…): an editable list."""

    name = models.CharField("tên lĩnh vực", max_length=100, unique=True)
    slug = models.SlugField("đường dẫn", max_length=100, unique=True)
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "lĩnh vực"
        verbose_name_plural = "lĩnh vực"

    def __str__(self) -> str:
        return self.name


class Deputy(models.Model):
    """A deputy (an elected official acting publicly), never a voter."""

    name = models.CharField("họ và tên", max_length=120)
    position = models.CharField("chức vụ", max_length=255, blank=True)
    is_active = models.BooleanField("đang hoạt động", default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "đại biểu"
        verbose_name_plural = "đại biểu"

    def __str__(self) -> str:
        return self.name


class VoterMeeting(models.Model):
    """A meeting of deputies with voters ("tiếp xúc cử tri")."""

    code = models.SlugField(
        "mã buổi tiếp xúc",
        max_length=64,
        unique=True,
        help_text="Mã ổn định (ví dụ 2026-03-hoan-kiem-1), dùng khi nhập, xuất CSV.",
    )
    held_on = models.DateField("ngày tiếp xúc")
    place = models.CharField("địa điểm", max_length=255)
    locality = models.ForeignKey(
        Locality, verbose_name="địa bàn", on_delete=models.PROTECT, related_name="meetings"
    )
    occasion = models.CharField(
        "dịp tiếp xúc", max_length=255, blank=True, help_text="Ví dụ: trước kỳ họp thứ 10."
    )
    deputies = models.ManyToManyField(
        Deputy, verbose_name="đại biểu tham dự", blank=True, related_name="meetings"
    )
    minutes = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name="biên bản",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = "buổi tiếp xúc cử tri"
        verbose_name_plural = "buổi tiếp xúc cử tri"

    def __str__(self) -> str:
        return f"{self.held_on:%d/%m/%Y} – {self.place}"


class DeadlineRule(models.Model):
    """Working days allowed for forwarding and for answering, for petitions received from a date."""

    applies_from = models.DateField("áp dụng cho kiến nghị tiếp nhận từ ngày", unique=True)
    forward_days = models.PositiveSmallIntegerField("số ngày làm việc để chuyển cơ quan")
    answer_days = models.PositiveSmallIntegerField("số ngày làm việc để cơ quan trả lời")
    basis = models.CharField("căn cứ", max_length=255, blank=True)

    class Meta:
        ordering = ["-applies_from"]
        verbose_name = "quy định thời hạn"
        verbose_name_plural = "quy định thời hạn"

    def __str__(self) -> str:
        return (
            f"Từ {self.applies_from:%d/%m/%Y}: chuyển trong {self.forward_days}, "
            f"trả lời trong {self.answer_days} ngày làm việc"
        )


class PetitionQuerySet(models.QuerySet):
    def public(self):
        """Petitions shown in the list: every one not merged into another."""
        return self.filter(merged_into__isnull=True)

    def search(self, text: str):
        """Match every word of `text`, without diacritics, in the title and the text."""
        qs = self
        for word in fold(normalize(text)).split():
            qs = qs.filter(search_text__contains=word)
        return qs

    def with_status(self, status: str):
        unresolved = Q(resolved_on__isnull=True, merged_into__isnull=True)
        if status == rules.STATUS_MERGED:
            return self.filter(merged_into__isnull=False)
        if status == rules.STATUS_RESOLVED:
            return self.filter(resolved_on__isnull=False, merged_into__isnull=True)
        if status == rules.STATUS_FOLLOW_UP:
            return self.filter(unresolved, follow_up_since__isnull=False)
        if status == rules.STATUS_IN_PROGRESS:
            return self.filter(
                unresolved,
                follow_up_since__isnull=True,
                answered_on__isnull=False,
                latest_answer_kind=rules.ANSWER_IN_PROGRESS,
            )
        if status == rules.STATUS_ANSWERED:
            return self.filter(
                unresolved, follow_up_since__isnull=True, answered_on__isnull=False
            ).exclude(latest_answer_kind=rules.ANSWER_IN_PROGRESS)
        if status == rules.STATUS_FORWARDED:
            return self.filter(
                unresolved,
                follow_up_since__isnull=True,
                answered_on__isnull=True,
                forwarded_on__isnull=False,
            )
        if status == rules.STATUS_NEW:
            return self.filter(unresolved, follow_up_since__isnull=True, forwarded_on__isnull=True)
        return self.none()


class Petition(models.Model):
    """One matter voters raised, at one or many meetings; its own dates for every step."""

    external_id = models.SlugField(
        "mã kiến nghị",
        max_length=64,
        unique=True,
        help_text="Mã ổn định dùng khi nhập, xuất CSV (chữ, số, gạch ngang).",
    )
    title = models.CharField("tiêu đề ngắn", max_length=255)
    text = models.TextField(
        "nội dung kiến nghị", help_text="Như cử tri đã nêu, không ghi tên cử tri."
    )
    field = models.ForeignKey(
        PetitionField, verbose_name="lĩnh vực", on_delete=models.PROTECT, related_name="petitions"
    )
    localities = models.ManyToManyField(
        Locality, verbose_name="địa bàn liên quan", blank=True, related_name="petitions"
    )
    meetings = models.ManyToManyField(
        VoterMeeting, verbose_name="nêu tại các buổi tiếp xúc", blank=True, related_name="petitions"
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="cơ quan được chuyển",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions",
    )
    received_on = models.DateField("ngày tiếp nhận")
    forwarded_on = models.DateField("ngày chuyển cơ quan", null=True, blank=True)
    answered_on = models.DateField("ngày trả lời (lần đầu)", null=True, blank=True)
    resolved_on = models.DateField("ngày giải quyết xong", null=True, blank=True)
    latest_answer_kind = models.CharField(
        "loại trả lời gần nhất",
        max_length=20,
        choices=list(rules.ANSWER_KINDS.items()),
        blank=True,
        editable=False,
    )
    follow_up_since = models.DateField(
        "cần theo dõi từ ngày",
        null=True,
        blank=True,
        editable=False,
        help_text="Đặt tự động khi hạn giải quyết đã hứa qua đi mà chưa giải quyết xong.",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name="đã gộp vào",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="merged_from",
    )
    search_text = models.TextField(editable=False, default="")
    updated_at = models.DateTimeField(auto_now=True)

    objects = PetitionQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = "kiến nghị cử tri"
        verbose_name_plural = "kiến nghị cử tri"
        constraints = [
            models.CheckConstraint(
                name="petition_forwarded_after_received",
                condition=Q(forwarded_on__isnull=True)
                | Q(forwarded_on__gte=models.F("received_on")),
            ),
            models.CheckConstraint(
                name="petition_answered_after_forwarded",
                condition=Q(answered_on__isnull=True)
                | (Q(forwarded_on__isnull=False) & Q(answered_on__gte=models.F("forwarded_on"))),
            ),
            models.CheckConstraint(
                name="petition_resolved_after_received",
                condition=Q(resolved_on__isnull=True) | Q(resolved_on__gte=models.F("received_on")),
            ),
            models.CheckConstraint(
                name="petition_not_merged_into_itself",
                condition=~Q(merged_into=models.F("pk")),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("petitions:detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.forwarded_on and self.received_on and self.forwarded_on < self.received_on:
            errors["forwarded_on"] = "Ngày chuyển không thể trước ngày tiếp nhận."
        if self.forwarded_on and not self.agency_id:
            errors["agency"] = "Đã có ngày chuyển thì phải chọn cơ quan được chuyển."
        if self.answered_on and (not self.forwarded_on or self.answered_on < self.forwarded_on):
            errors["answered_on"] = "Ngày trả lời phải từ ngày chuyển cơ quan trở đi."
        if self.resolved_on and self.received_on and self.resolved_on < self.received_on:
            errors["resolved_on"] = "Ngày giải quyết xong không thể trước ngày tiếp nhận."
        if errors:
            raise ValidationError(errors)

    def refresh_search_text(self) -> None:
        self.search_text = fold(normalize(f"{self.title}\n{self.text}"))

    @property
    def status(self) -> str:
        return rules.status_of(
            merged=self.merged_into_id is not None,
            forwarded_on=self.forwarded_on,
            answered_on=self.answered_on,
            resolved_on=self.resolved_on,
            latest_answer_kind=self.latest_answer_kind or None,
            follow_up_since=self.follow_up_since,
        )

    @property
    def status_label(self) -> str:
        return rules.STATUSES[self.status]


class PetitionSource(models.Model):
    """A document a petition was taken from (a meeting's summary, a delegation's report)."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="sources")
    reference = models.CharField("số, ký hiệu / tên văn bản", max_length=255)
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name="tệp",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = "văn bản nguồn"
        verbose_name_plural = "văn bản nguồn"
        constraints = [
            models.UniqueConstraint(fields=["petition", "reference"], name="petition_source_unique")
        ]

    def __str__(self) -> str:
        return self.reference


class Answer(models.Model):
    """An agency's answer: its document, date and type (never saved without its type)."""

    KINDS = list(rules.ANSWER_KINDS.items())

    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="answers")
    kind = models.CharField("loại trả lời", max_length=20, choices=KINDS)
    answered_on = models.DateField("ngày trả lời")
    reference = models.CharField("số, ký hiệu văn bản trả lời", max_length=120)
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name="văn bản trả lời (tệp)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.TextField("tóm tắt nội dung trả lời")
    target_date = models.DateField(
        "hạn giải quyết xong", null=True, blank=True, help_text="Bắt buộc khi đang giải quyết."
    )
    reason = models.TextField("lý do chưa giải quyết được", blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["answered_on", "pk"]
        verbose_name = "trả lời"
        verbose_name_plural = "trả lời"
        constraints = [
            models.CheckConstraint(
                name="answer_kind_known",
                condition=Q(kind__in=list(rules.ANSWER_KINDS)),
            ),
            models.CheckConstraint(
                name="answer_in_progress_has_target",
                condition=~Q(kind=rules.ANSWER_IN_PROGRESS) | Q(target_date__isnull=False),
            ),
            models.CheckConstraint(
                name="answer_unresolvable_has_reason",
                condition=~Q(kind=rules.ANSWER_UNRESOLVABLE) | ~Q(reason=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.answered_on:%d/%m/%Y})"

    def clean(self) -> None:
        errors = {}
        if not self.kind:
            errors["kind"] = "Phải chọn loại trả lời."
        if self.kind == rules.ANSWER_IN_PROGRESS and not self.target_date:
            errors["target_date"] = "Trả lời “đang giải quyết” phải có hạn giải quyết xong."
        if self.kind == rules.ANSWER_UNRESOLVABLE and not (self.reason or "").strip():
            errors["reason"] = "Trả lời “chưa giải quyết được” phải nêu lý do."
        if self.target_date and self.answered_on and self.target_date < self.answered_on:
            errors["target_date"] = "Hạn giải quyết không thể trước ngày trả lời."
        if errors:
            raise ValidationError(errors)


class Feedback(models.Model):
    """Deputies' judgement of an answer: satisfactory or not, with a note."""

    VERDICTS = [(True, "Đạt yêu cầu"), (False, "Chưa đạt yêu cầu")]

    answer = models.ForeignKey(Answer, on_delete=models.PROTECT, related_name="feedback")
    deputy = models.ForeignKey(
        Deputy,
        verbose_name="đại biểu",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="feedback",
    )
    satisfactory = models.BooleanField("đánh giá", choices=VERDICTS)
    note = models.TextField("nhận xét", blank=True)
    given_on = models.DateField("ngày đánh giá", default=date.today)

    class Meta:
        ordering = ["given_on", "pk"]
        verbose_name = "ý kiến của đại biểu"
        verbose_name_plural = "ý kiến của đại biểu"

    def __str__(self) -> str:
        return self.get_satisfactory_display()


class PetitionEvent(AppendOnlyEvent, SourceDocumentMixin):
    """One entry of a petition's history; never changed, never deleted (corrections are new)."""

    RECEIVED = "received"
    FORWARDED = "forwarded"
    ANSWERED = "answered"
    RESOLVED = "resolved"
    FOLLOW_UP = "follow_up"
    PAUSED = "paused"
    RESUMED = "resumed"
    EXTENDED = "extended"
    MERGED = "merged"
    MERGED_FROM = "merged_from"
    FEEDBACK = "feedback"
    KIND_LABELS = {
        RECEIVED: "Tiếp nhận",
        FORWARDED: "Chuyển cơ quan",
        ANSWERED: "Cơ quan trả lời",
        RESOLVED: "Giải quyết xong",
        FOLLOW_UP: "Quá hạn giải quyết đã hứa – cần theo dõi",
        PAUSED: "Tạm dừng tính hạn",
        RESUMED: "Tiếp tục tính hạn",
        EXTENDED: "Gia hạn",
        MERGED: "Gộp vào kiến nghị khác",
        MERGED_FROM: "Gộp kiến nghị trùng",
        FEEDBACK: "Đại biểu đánh giá trả lời",
    }

    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="events")
    extension_days = models.PositiveSmallIntegerField(
        "số ngày làm việc gia hạn", null=True, blank=True
    )

    class Meta(AppendOnlyEvent.Meta):
        verbose_name = "sự kiện kiến nghị"
        verbose_name_plural = "nhật ký kiến nghị"

    def __str__(self) -> str:
        return f"{self.occurred_on:%d/%m/%Y} {self.kind_label}"

    @property
    def kind_label(self) -> str:
        return self.KIND_LABELS.get(self.kind, self.kind)
