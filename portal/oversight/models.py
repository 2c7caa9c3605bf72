"""The oversight register: supervision activities, their recommendations and their events.

Activities and recommendations are Wagtail pages, so every change to the public register
goes through the portal's review workflow with revisions. A recommendation's events are an
append-only log (portal.core.events); the statuses and lateness shown to the public are
computed from the events an approved revision has taken in (`events_through`), never stored.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager, PageQuerySet
from wagtail.search import index

from modelcluster.fields import ParentalKey, ParentalManyToManyField

from portal.core.events import AppendOnlyEvent, AppendOnlyQuerySet
from portal.legal_documents.models import SourceDocumentMixin
from portal.workcalendar.selectors import add_working_days

from . import state as rules

__all__ = [
    "ActivityArticle",
    "ActivityDocument",
    "ActivityKind",
    "ActivityMember",
    "ActivityPage",
    "OversightIndexPage",
    "RecommendationEvent",
    "RecommendationPage",
]


class ActivityKind(models.Model):
    """A kind of supervision activity (chuyên đề, thường xuyên, khảo sát, …), editable."""

    name = models.CharField("tên loại", max_length=120, unique=True)
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=0)

    panels = [FieldPanel("name"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = "loại hoạt động giám sát"
        verbose_name_plural = "loại hoạt động giám sát"
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class OversightIndexPage(RoutablePageMixin, Page):
    """The public register ("Giám sát"): list with filters, overdue list, agency pages, feeds."""

    intro = models.TextField("giới thiệu", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["oversight.ActivityPage"]
    max_count = 1

    class Meta:
        verbose_name = "sổ theo dõi giám sát"
        verbose_name_plural = "sổ theo dõi giám sát"

    def get_context(self, request, *args, **kwargs):
        from .views import register_context

        context = super().get_context(request, *args, **kwargs)
        context.update(register_context(self, request))
        return context

    @path("qua-han/", name="overdue")
    def overdue_view(self, request):
        from .views import overdue_list

        return overdue_list(request, self)

    @path("co-quan/<slug:code>/", name="agency")
    def agency_view(self, request, code):
        from .views import agency_scorecard

        return agency_scorecard(request, self, code)

    @path("co-quan/<slug:code>/atom/", name="agency_feed")
    def agency_feed_view(self, request, code):
        from .feeds import AgencyEventsFeed

        return AgencyEventsFeed(index=self)(request, code=code)


class ActivityPageQuerySet(PageQuerySet):
    def in_year(self, year: int):
        return self.filter(start_date__year=year)


class ActivityPage(RoutablePageMixin, Page):
    """One supervision activity ("hoạt động giám sát") and what it published."""

    reference = models.CharField(
        "số hiệu hoạt động",
        max_length=40,
        unique=True,
        blank=True,
        help_text="Mã cố định dùng khi nhập/xuất, ví dụ GS-2022-01. Để trống để tự tạo.",
    )
    kind = models.ForeignKey(
        ActivityKind, verbose_name="loại hoạt động", on_delete=models.PROTECT, related_name="+"
    )
    supervising_body = models.ForeignKey(
        "agencies.Agency",
        verbose_name="cơ quan giám sát",
        on_delete=models.PROTECT,
        related_name="oversight_activities",
    )
    decision = models.ForeignKey(
        "legal_documents.LegalDocument",
        verbose_name="quyết định thành lập đoàn",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    supervised_units = ParentalManyToManyField(
        "agencies.Agency",
        verbose_name="đơn vị chịu sự giám sát",
        blank=True,
        related_name="supervised_in",
    )
    period = models.CharField(
        "thời kỳ được giám sát", max_length=120, blank=True, help_text="Ví dụ: 2021–2022."
    )
    start_date = models.DateField("ngày bắt đầu")
    end_date = models.DateField("ngày kết thúc", null=True, blank=True)
    summary = RichTextField(
        "tóm tắt kết quả", blank=True, features=["bold", "italic", "ol", "ul", "link"]
    )

    objects = PageManager.from_queryset(ActivityPageQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("reference"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("supervising_body"), FieldPanel("decision")]),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date"), FieldPanel("period")]),
        FieldPanel("supervised_units"),
        FieldPanel("summary"),
        InlinePanel("members", heading="Thành viên đoàn", label="thành viên"),
        InlinePanel("documents", heading="Văn bản của hoạt động", label="văn bản"),
        InlinePanel("articles", heading="Tin bài đưa tin", label="tin bài"),
        HelpPanel(
            "Kiến nghị là trang con của hoạt động: sau khi lưu, chọn “Thêm trang con” để thêm "
            "kiến nghị. Trả lời, thực hiện, gia hạn được ghi bằng nút “Ghi sự kiện” của kiến nghị.",
            heading="Kiến nghị",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("reference"),
        index.FilterField("start_date"),
    ]
    parent_page_types = ["oversight.OversightIndexPage"]
    subpage_types = ["oversight.RecommendationPage"]

    class Meta:
        verbose_name = "hoạt động giám sát"
        verbose_name_plural = "hoạt động giám sát"

    def _derive(self) -> None:
        if not self.reference:
            year = (self.start_date or timezone.localdate()).year
            self.reference = _next_reference(year, exclude=self.pk)
        if not self.slug and self.reference:
            self.slug = slugify(self.reference)

    def full_clean(self, *args, **kwargs):
        self._derive()
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        # Drafts get only Wagtail's minimal validation: derive the reference for them too.
        self._derive()
        super().minimal_clean()

    def clean(self) -> None:
        super().clean()
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "Ngày kết thúc không được trước ngày bắt đầu."})

    def recommendations(self):
        return RecommendationPage.objects.child_of(self).live().order_by("number")

    def checklist(self, today: datetime.date | None = None) -> list[dict]:
        """The required documents of the activity: which are published, when; which are missing."""
        today = today or timezone.localdate()
        rows = []
        documents = list(self.documents.all())
        for role, label in ActivityDocument.REQUIRED_ROLES:
            found = [
                d
                for d in documents
                if d.role == role and d.published_on and d.published_on <= today
            ]
            found.sort(key=lambda d: d.published_on)
            rows.append(
                {
                    "role": role,
                    "label": label,
                    "published": bool(found),
                    "document": found[0].document if found else None,
                    "published_on": found[0].published_on if found else None,
                }
            )
        return rows

    def get_context(self, request, *args, **kwargs):
        from .views import activity_context

        context = super().get_context(request, *args, **kwargs)
        context.update(activity_context(self, request))
        return context

    @path("atom/", name="feed")
    def feed_view(self, request):
        from .feeds import ActivityEventsFeed

        return ActivityEventsFeed(activity=self)(request)


def _next_reference(year: int, exclude=None) -> str:
    taken = set(
        ActivityPage.objects.filter(reference__startswith=f"GS-{year}-")
        .exclude(pk=exclude)
        .values_list("reference", flat=True)
    )
    n = 1
    while f"GS-{year}-{n:02d}" in taken:
        n += 1
    return f"GS-{year}-{n:02d}"


class ActivityMember(Orderable):
    ROLE_CHOICES = [
        ("head", "Trưởng đoàn"),
        ("deputy_head", "Phó Trưởng đoàn"),
        ("member", "Thành viên"),
        ("secretary", "Thư ký"),
    ]

    activity = ParentalKey(ActivityPage, on_delete=models.CASCADE, related_name="members")
    name = models.CharField("họ và tên", max_length=120)
    role = models.CharField("vai trò trong đoàn", max_length=16, choices=ROLE_CHOICES)
    position = models.CharField("chức vụ", max_length=255, blank=True)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("role")]), FieldPanel("position")]

    class Meta(Orderable.Meta):
        verbose_name = "thành viên đoàn"
        verbose_name_plural = "thành viên đoàn"

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class ActivityDocument(Orderable):
    """A document of the activity with the date it was published on the portal."""

    ROLE_PLAN = "plan"
    ROLE_REPORT = "report"
    ROLE_CONCLUSION = "conclusion"
    ROLE_FOLLOW_UP = "follow_up"
    ROLE_RELATED = "related"
    REQUIRED_ROLES = [
        (ROLE_PLAN, "Kế hoạch, chương trình giám sát"),
        (ROLE_REPORT, "Báo cáo kết quả giám sát"),
        (ROLE_CONCLUSION, "Thông báo kết luận"),
        (ROLE_FOLLOW_UP, "Báo cáo kết quả thực hiện kiến nghị"),
    ]
    ROLE_CHOICES = [*REQUIRED_ROLES, (ROLE_RELATED, "Văn bản liên quan (căn cứ, được kiểm tra)")]

    activity = ParentalKey(ActivityPage, on_delete=models.CASCADE, related_name="documents")
    role = models.CharField("vai trò", max_length=16, choices=ROLE_CHOICES)
    document = models.ForeignKey(
        "legal_documents.LegalDocument",
        verbose_name="văn bản",
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_on = models.DateField(
        "ngày công bố",
        null=True,
        blank=True,
        help_text="Ngày văn bản được công khai; để trống nếu chưa công bố.",
    )

    panels = [
        FieldRowPanel([FieldPanel("role"), FieldPanel("published_on")]),
        FieldPanel("document"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "văn bản của hoạt động"
        verbose_name_plural = "văn bản của hoạt động"

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.document}"


class ActivityArticle(Orderable):
    activity = ParentalKey(ActivityPage, on_delete=models.CASCADE, related_name="articles")
    article = models.ForeignKey(
        "news.ArticlePage", verbose_name="tin bài", on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("article", "news.ArticlePage")]

    class Meta(Orderable.Meta):
        verbose_name = "tin bài đưa tin"
        verbose_name_plural = "tin bài đưa tin"
        constraints = [
            models.UniqueConstraint(fields=["activity", "article"], name="unique_activity_article")
        ]


class RecommendationPageQuerySet(PageQuerySet):
    def addressed_to(self, agency):
        return self.filter(addressed_to=agency)

    def in_live_activities(self):
        """Live recommendations whose activity is live too (what the public sees)."""
        live_paths = list(ActivityPage.objects.live().values_list("path", flat=True))
        condition = Q()
        for activity_path in live_paths:
            condition |= Q(path__startswith=activity_path)
        if not live_paths:
            return self.none()
        return self.live().public().filter(condition)


class RecommendationPage(Page):
    """A recommendation or requirement ("kiến nghị", "yêu cầu") addressed to one agency."""

    number = models.PositiveIntegerField(
        "số thứ tự",
        null=True,
        blank=True,
        help_text="Số của kiến nghị trong hoạt động; để trống để tự đánh.",
    )
    text = models.TextField("nội dung kiến nghị")
    addressed_to = models.ForeignKey(
        "agencies.Agency",
        verbose_name="cơ quan được kiến nghị",
        on_delete=models.PROTECT,
        related_name="oversight_recommendations",
    )
    issued_on = models.DateField("ngày ban hành")
    due_in_working_days = models.PositiveSmallIntegerField(
        "hạn (số ngày làm việc)",
        null=True,
        blank=True,
        help_text="Nếu nhập, hạn được tính bằng số ngày làm việc kể từ sau ngày ban hành "
        "(bỏ qua thứ Bảy, Chủ nhật, ngày lễ, Tết và ngày nghỉ bù).",
    )
    due_date = models.DateField(
        "hạn thực hiện",
        null=True,
        blank=True,
        help_text="Hạn ban đầu. Gia hạn được ghi bằng sự kiện, hạn ban đầu vẫn giữ nguyên.",
    )
    external_id = models.CharField(
        "mã ngoài",
        max_length=64,
        blank=True,
        help_text="Mã của kiến nghị trong hệ thống khác (dùng khi nhập/xuất CSV).",
    )
    # The last event an approved revision took in: the public sees events up to this one.
    events_through = models.PositiveIntegerField(null=True, blank=True, editable=False)

    content_panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("addressed_to")]),
        FieldPanel("text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("issued_on"), FieldPanel("due_in_working_days")]),
                FieldPanel("due_date"),
            ],
            heading="Ngày ban hành và hạn",
        ),
        FieldPanel("external_id"),
        HelpPanel(
            "Trả lời của cơ quan, tình hình thực hiện, gia hạn, tạm dừng được ghi bằng nút "
            "“Ghi sự kiện” (trong trình đơn “…” phía trên). Sự kiện đã ghi không sửa, không "
            "xóa; sai sót được đính chính bằng một sự kiện sau.",
            heading="Trạng thái",
        ),
    ]
    # No title field to derive a slug from in the form: the slug is "kien-nghi-<number>".
    promote_panels = [
        MultiFieldPanel([FieldPanel("seo_title"), FieldPanel("search_description")], "SEO")
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("text"),
        index.FilterField("issued_on"),
    ]
    parent_page_types = ["oversight.ActivityPage"]
    subpage_types: list[str] = []

    objects = PageManager.from_queryset(RecommendationPageQuerySet)()

    class Meta:
        verbose_name = "kiến nghị"
        verbose_name_plural = "kiến nghị"
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~Q(external_id=""),
                name="unique_recommendation_external_id",
            )
        ]

    def _derive(self) -> None:
        # Number, title, slug and due date follow from what the editor typed. The admin's
        # create form validates before the page has a place in the tree: the number is
        # then given when the page is saved under its activity.
        parent = self.get_parent() if self.path else None
        if not self.number and parent is not None:
            siblings = RecommendationPage.objects.child_of(parent).exclude(pk=self.pk)
            self.number = (siblings.aggregate(m=models.Max("number"))["m"] or 0) + 1
        if self.issued_on and self.due_in_working_days:
            self.due_date = add_working_days(self.issued_on, self.due_in_working_days)
        self.title = _title_for(self.number, self.text or "(chưa có nội dung)")
        if self.number:
            self.slug = f"kien-nghi-{self.number}"

    def full_clean(self, *args, **kwargs):
        self._derive()
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        self._derive()
        super().minimal_clean()

    def clean(self) -> None:
        super().clean()
        if not self.due_date and not self.due_in_working_days:
            raise ValidationError(
                {"due_date": "Cần nhập hạn thực hiện hoặc số ngày làm việc để tính hạn."}
            )
        if self.due_date and self.issued_on and self.due_date < self.issued_on:
            raise ValidationError({"due_date": "Hạn không được trước ngày ban hành."})
        parent = self.get_parent() if self.path else None
        if parent is not None and self.number:
            clash = (
                RecommendationPage.objects.child_of(parent)
                .filter(number=self.number)
                .exclude(pk=self.pk)
                .exists()
            )
            if clash:
                raise ValidationError(
                    {"number": f"Hoạt động này đã có kiến nghị số {self.number}."}
                )
        if self.external_id:
            clash = RecommendationPage.objects.filter(external_id=self.external_id).exclude(
                pk=self.pk
            )
            if clash.exists():
                raise ValidationError(
                    {"external_id": "Mã ngoài này đã được dùng cho kiến nghị khác."}
                )

    @cached_property
    def activity(self) -> ActivityPage | None:
        parent = self.get_parent()
        return parent.specific if parent else None

    def public_events(self):
        """The events the approved (or previewed) revision took in."""
        if self.events_through is None:
            return RecommendationEvent.objects.none()
        return self.events.filter(pk__lte=self.events_through).chronological()

    def state(self, today: datetime.date | None = None, events=None) -> rules.State:
        if events is None:
            events = list(self.public_events())
        return rules.state_of(
            issued_on=self.issued_on,
            due_date=self.due_date,
            events=events,
            today=today or timezone.localdate(),
        )

    def get_context(self, request, *args, **kwargs):
        from .views import recommendation_context

        context = super().get_context(request, *args, **kwargs)
        context.update(recommendation_context(self, request))
        return context


def _title_for(number: int | None, text: str) -> str:
    words = text.split()
    short = " ".join(words[:14]) + ("…" if len(words) > 14 else "")
    return f"Kiến nghị {number or 'mới'}: {short}"[:250]


class RecommendationEventQuerySet(AppendOnlyQuerySet):
    def of_agency(self, agency):
        return self.filter(recommendation__addressed_to=agency)

    def public(self):
        """Events taken in by the live revision of a live recommendation."""
        return self.filter(
            recommendation__live=True, pk__lte=models.F("recommendation__events_through")
        )


class RecommendationEvent(AppendOnlyEvent, SourceDocumentMixin):
    """One entry in a recommendation's history: an answer, a progress report, an extension…"""

    KIND_CHOICES = list(rules.EVENT_LABELS.items())
    RESPONSE_CHOICES = list(rules.RESPONSE_LABELS.items())
    IMPLEMENTATION_CHOICES = list(rules.IMPLEMENTATION_LABELS.items())

    recommendation = models.ForeignKey(
        RecommendationPage,
        verbose_name="kiến nghị",
        on_delete=models.PROTECT,
        related_name="events",
    )
    response_status = models.CharField(
        "trả lời của cơ quan", max_length=16, blank=True, choices=RESPONSE_CHOICES
    )
    implementation_status = models.CharField(
        "tình hình thực hiện", max_length=16, blank=True, choices=IMPLEMENTATION_CHOICES
    )
    target_date = models.DateField("ngày dự kiến hoàn thành", null=True, blank=True)
    new_due_date = models.DateField("hạn mới", null=True, blank=True)

    objects = RecommendationEventQuerySet.as_manager()

    class Meta(AppendOnlyEvent.Meta):
        verbose_name = "sự kiện của kiến nghị"
        verbose_name_plural = "sự kiện của kiến nghị"

    def __str__(self) -> str:
        return f"{self.occurred_on:%d/%m/%Y} — {self.get_kind_display()}"

    def get_kind_display(self) -> str:
        return rules.EVENT_LABELS.get(self.kind, self.kind)

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.kind not in rules.EVENT_LABELS:
            errors["kind"] = "Loại sự kiện không hợp lệ."
        if self.occurred_on and self.occurred_on > timezone.localdate():
            errors["occurred_on"] = "Ngày xảy ra không được sau hôm nay."
        if self.kind == rules.EVENT_RESPONSE and not self.response_status:
            errors["response_status"] = "Cần chọn nội dung trả lời của cơ quan."
        if self.kind == rules.EVENT_IMPLEMENTATION:
            if not self.implementation_status:
                errors["implementation_status"] = "Cần chọn tình hình thực hiện."
            elif self.implementation_status == rules.IMPL_IN_PROGRESS and not self.target_date:
                errors["target_date"] = "“Đang thực hiện” cần ngày dự kiến hoàn thành."
            elif self.implementation_status == rules.IMPL_DONE:
                document = self.source_document
                if document is None:
                    errors["source_document"] = (
                        "“Đã thực hiện” cần một văn bản minh chứng (chọn trong thư viện văn bản)."
                    )
                elif document.issued_on is None:
                    errors["source_document"] = (
                        "Văn bản minh chứng phải có ngày ban hành; hãy bổ sung ngày cho văn bản "
                        f"“{document}” trong thư viện."
                    )
        if self.kind == rules.EVENT_EXTENSION:
            if not self.new_due_date:
                errors["new_due_date"] = "Gia hạn cần hạn mới."
            elif self.recommendation_id and self.new_due_date < self.recommendation.issued_on:
                errors["new_due_date"] = "Hạn mới không được trước ngày ban hành kiến nghị."
        if self.corrects_id and self.recommendation_id:
            corrected = self.corrects
            if corrected.recommendation_id != self.recommendation_id:
                errors["corrects"] = "Chỉ đính chính được sự kiện của cùng kiến nghị."
            elif corrected.kind != self.kind:
                errors["corrects"] = "Sự kiện đính chính phải cùng loại với sự kiện bị đính chính."
        if errors:
            raise ValidationError(errors)
