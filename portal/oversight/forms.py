"""Forms of the register: public filters, the admin's event form and draft-from-article form."""

from django import forms

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.snippets.widgets import AdminSnippetChooser

from portal.agencies.models import Agency
from portal.legal_documents.models import LegalDocument

from . import state as rules
from .models import ActivityKind, OversightIndexPage, RecommendationEvent

STATUS_FILTERS = [
    ("", "Mọi trạng thái"),
    ("unanswered", "Chưa trả lời"),
    ("answered", "Đã trả lời"),
    *[(code, label) for code, label in rules.IMPLEMENTATION_LABELS.items()],
    ("overdue", "Quá hạn"),
    ("long_overdue", f"Quá hạn trên {rules.LONG_OVERDUE_DAYS} ngày"),
]


class RegisterFilterForm(forms.Form):
    q = forms.CharField(label="Tìm kiếm", required=False, max_length=200)
    year = forms.TypedChoiceField(label="Năm", required=False, coerce=int, empty_value=None)
    body = forms.ChoiceField(label="Cơ quan giám sát", required=False)
    kind = forms.ChoiceField(label="Loại hoạt động", required=False)
    agency = forms.ChoiceField(label="Cơ quan được kiến nghị", required=False)
    status = forms.ChoiceField(label="Trạng thái", required=False, choices=STATUS_FILTERS)

    def __init__(self, *args, years=(), bodies=(), kinds=(), agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "Mọi năm"), *[(y, y) for y in years]]
        self.fields["body"].choices = [("", "Mọi cơ quan"), *[(a.code, a.name) for a in bodies]]
        self.fields["kind"].choices = [("", "Mọi loại"), *[(str(k.pk), k.name) for k in kinds]]
        self.fields["agency"].choices = [
            ("", "Mọi cơ quan"),
            *[(a.code, a.name) for a in agencies],
        ]


class RecommendationEventForm(WagtailAdminModelForm):
    submit_for_review = forms.BooleanField(
        label="Gửi duyệt ngay",
        required=False,
        initial=True,
        help_text="Sự kiện chỉ hiện công khai sau khi được duyệt.",
    )

    class Meta:
        model = RecommendationEvent
        fields = [
            "kind",
            "occurred_on",
            "response_status",
            "implementation_status",
            "target_date",
            "new_due_date",
            "source_document",
            "note",
            "corrects",
        ]
        widgets = {
            "kind": forms.Select(choices=RecommendationEvent.KIND_CHOICES),
            "source_document": AdminSnippetChooser(LegalDocument),
            "note": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "source_document": "Văn bản trả lời, báo cáo hoặc văn bản minh chứng (phải có ngày "
            "ban hành khi ghi “Đã thực hiện”).",
            "corrects": "Chỉ chọn khi sự kiện này đính chính một sự kiện đã ghi sai.",
        }

    def __init__(self, *args, recommendation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.recommendation = recommendation
        self.fields["kind"].widget.choices = [("", "---------"), *RecommendationEvent.KIND_CHOICES]
        self.fields["corrects"].queryset = recommendation.events.chronological()
        self.fields["corrects"].required = False


class ActivityFromArticleForm(forms.Form):
    index = forms.ModelChoiceField(
        label="Sổ theo dõi", queryset=OversightIndexPage.objects.all(), empty_label=None
    )
    kind = forms.ModelChoiceField(label="Loại hoạt động", queryset=ActivityKind.objects.all())
    supervising_body = forms.ModelChoiceField(
        label="Cơ quan giám sát",
        queryset=Agency.objects.active().filter(
            kind__in=[Agency.KIND_COUNCIL, Agency.KIND_DELEGATION, Agency.KIND_PARTY]
        ),
    )
