"""The library of legal documents ("văn bản") and the articles that cite them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from portal.core.text import canonical_symbol, name_key, symbol_key

from .references import KIND_LABELS

__all__ = ["Citation", "LegalDocument", "SourceDocumentMixin"]

KIND_CHOICES = list(KIND_LABELS.items())


class LegalDocumentQuerySet(models.QuerySet):
    def of_kind(self, kind: str):
        return self.filter(kind=kind)

    def by_issuer(self, issuer: str):
        return self.filter(issuer=issuer)

    def issued_in(self, year: int):
        return self.filter(issued_on__year=year)

    def newest_first(self):
        return self.order_by(models.F("issued_on").desc(nulls_last=True), "-pk")

    def issuers(self) -> list[str]:
        """The distinct issuing bodies, alphabetically (for the list's filter)."""
        return sorted(set(self.exclude(issuer="").values_list("issuer", flat=True)))

    def years(self) -> list[int]:
        """The distinct years of issue, newest first (for the list's filter)."""
        dates = self.exclude(issued_on=None).dates("issued_on", "year", order="DESC")
        return [date.year for date in dates]


class LegalDocument(index.Indexed, models.Model):
    """A document the portal's articles cite: a Party or State text with its symbol."""

    STATUS_DRAFT = "draft"
    STATUS_COMPLETE = "complete"
    STATUS_CHOICES = [
        (STATUS_DRAFT, "Đang cập nhật (do máy tạo)"),
        (STATUS_COMPLETE, "Đã hoàn thiện"),
    ]

    symbol = models.CharField(
        "số ký hiệu", max_length=64, blank=True, help_text="Ví dụ: 01-CTr/TU, 42/2022/NĐ-CP."
    )
    key = models.CharField(
        "khóa đối chiếu",
        max_length=255,
        unique=True,
        editable=False,
        help_text="Số ký hiệu (hoặc tên) đã chuẩn hóa: 55-QĐ/TƯ và 55-QĐ/TW là một văn bản.",
    )
    kind = models.CharField("loại văn bản", max_length=32, choices=KIND_CHOICES, default="other")
    issuer = models.CharField("cơ quan ban hành", max_length=255, blank=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    title = models.CharField("tên văn bản", max_length=500, blank=True)
    summary = models.TextField("trích yếu", blank=True)
    file = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name="tệp văn bản",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        "trạng thái", max_length=16, choices=STATUS_CHOICES, default=STATUS_COMPLETE
    )
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật", auto_now=True)

    objects = LegalDocumentQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("symbol")]),
        FieldRowPanel([FieldPanel("issuer"), FieldPanel("issued_on")]),
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("file"),
        MultiFieldPanel([FieldPanel("status")], heading="Biên tập"),
    ]
    search_fields = [
        index.SearchField("symbol"),
        index.SearchField("title"),
        index.SearchField("summary"),
        index.AutocompleteField("symbol"),
        index.FilterField("kind"),
        index.FilterField("status"),
    ]

    class Meta:
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        ordering = ["-issued_on", "-pk"]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("legal_documents:detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        # The matching key follows the symbol an editor may correct; two records of one
        # document are refused with a message rather than an integrity error.
        if self.symbol:
            self.symbol = canonical_symbol(self.symbol)
            self.key = symbol_key(self.symbol)
        elif not self.key:
            self.key = name_key(self.title)
        if not self.key:
            raise ValidationError({"symbol": "Cần nhập số ký hiệu hoặc tên văn bản."})
        duplicate = LegalDocument.objects.filter(key=self.key).exclude(pk=self.pk).first()
        if duplicate:
            raise ValidationError(
                {"symbol": f"Văn bản này đã có trong thư viện: {duplicate.display_name}."}
            )

    @property
    def display_name(self) -> str:
        """ "Quy định số 55-QĐ/TW", or the name of a document cited without a symbol."""
        if self.symbol:
            return f"{self.get_kind_display()} số {self.symbol}"
        return self.title or self.key

    @property
    def is_draft(self) -> bool:
        return self.status == self.STATUS_DRAFT


class SourceDocumentMixin(models.Model):
    """A record made on a document's authority (the registers' events): the document, if any."""

    source_document = models.ForeignKey(
        "legal_documents.LegalDocument",
        verbose_name="văn bản nguồn",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True


class CitationQuerySet(models.QuerySet):
    def of_live_articles(self):
        return self.filter(article__live=True, article__view_restrictions__isnull=True)


class Citation(models.Model):
    """An article cites a document (found by the reference recogniser)."""

    document = models.ForeignKey(
        LegalDocument,
        verbose_name="văn bản",
        on_delete=models.CASCADE,
        related_name="citations",
    )
    article = models.ForeignKey(
        "news.ArticlePage",
        verbose_name="tin bài",
        on_delete=models.CASCADE,
        related_name="legal_citations",
    )
    quoted_as = models.CharField("cách viết trong bài", max_length=255, blank=True)

    objects = CitationQuerySet.as_manager()

    class Meta:
        verbose_name = "trích dẫn văn bản"
        verbose_name_plural = "trích dẫn văn bản"
        constraints = [
            models.UniqueConstraint(fields=["document", "article"], name="unique_citation")
        ]

    def __str__(self) -> str:
        return f"{self.article_id} → {self.document}"
