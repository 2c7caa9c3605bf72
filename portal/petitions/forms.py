"""The public list's filters, and the forms editors use to move a petition through its steps."""

from django import forms

from wagtail.admin.widgets import AdminDateInput

from portal.agencies.models import Agency

from . import rules
from .models import Deputy, Locality, Petition, PetitionField

_ALL = [("", "Tất cả")]


class PetitionFilterForm(forms.Form):
    q = forms.CharField(label="Tìm kiếm", required=False, max_length=200)
    field = forms.ChoiceField(label="Lĩnh vực", required=False)
    locality = forms.ChoiceField(label="Địa bàn", required=False)
    agency = forms.ChoiceField(label="Cơ quan", required=False)
    status = forms.ChoiceField(label="Tình trạng", required=False)
    answer = forms.ChoiceField(label="Loại trả lời", required=False)
    year = forms.TypedChoiceField(
        label="Năm tiếp nhận", required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(
            {"placeholder": "ví dụ: duong giao thong", "type": "search"}
        )
        public = Petition.objects.public()
        self.fields["field"].choices = _ALL + [
            (f.slug, f.name) for f in PetitionField.objects.filter(petitions__in=public).distinct()
        ]
        self.fields["locality"].choices = _ALL + [
            (loc.code, str(loc))
            for loc in Locality.objects.filter(petitions__in=public)
            .select_related("province")
            .distinct()
        ]
        self.fields["agency"].choices = _ALL + [
            (a.code, a.name)
            for a in Agency.objects.filter(petitions__in=public).distinct().order_by("name")
        ]
        self.fields["status"].choices = (
            _ALL
            + [(key, label) for key, label in rules.STATUSES.items() if key != rules.STATUS_MERGED]
            + [("qua-han", "Quá hạn (hôm nay)")]
        )
        self.fields["answer"].choices = _ALL + list(rules.ANSWER_KINDS.items())
        years = sorted({d.year for d in public.dates("received_on", "year")}, reverse=True)
        self.fields["year"].choices = _ALL + [(y, str(y)) for y in years]

    def filter(self, petitions):
        """Apply the valid filters. 'qua-han' is left to the caller: it needs the deadlines."""
        if not self.is_valid():
            return petitions
        data = self.cleaned_data
        if data.get("q"):
            petitions = petitions.search(data["q"])
        if data.get("field"):
            petitions = petitions.filter(field__slug=data["field"])
        if data.get("locality"):
            code = data["locality"]
            petitions = petitions.filter(
                localities__in=Locality.objects.filter(code=code)
                | Locality.objects.filter(province__code=code)
            ).distinct()
        if data.get("agency"):
            petitions = petitions.filter(agency__code=data["agency"])
        if data.get("status") and data["status"] != "qua-han":
            petitions = petitions.with_status(data["status"])
        if data.get("answer"):
            petitions = petitions.filter(answers__kind=data["answer"]).distinct()
        if data.get("year"):
            petitions = petitions.filter(received_on__year=data["year"])
        return petitions

    @property
    def wants_overdue(self) -> bool:
        return self.is_valid() and self.cleaned_data.get("status") == "qua-han"


# Editors' forms (the petition's processing page in the admin). Each step is one service call.

_DATE = {"widget": AdminDateInput}


class ForwardForm(forms.Form):
    agency = forms.ModelChoiceField(label="Cơ quan được chuyển", queryset=Agency.objects.none())
    forwarded_on = forms.DateField(label="Ngày chuyển", **_DATE)
    note = forms.CharField(label="Ghi chú (số văn bản chuyển…)", required=False, max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.active().order_by("name")


class AnswerForm(forms.Form):
    kind = forms.ChoiceField(
        label="Loại trả lời",
        choices=list(rules.ANSWER_KINDS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Phải chọn loại trả lời."},
    )
    answered_on = forms.DateField(label="Ngày trả lời", **_DATE)
    reference = forms.CharField(label="Số, ký hiệu văn bản trả lời", max_length=120)
    summary = forms.CharField(
        label="Tóm tắt nội dung trả lời", widget=forms.Textarea(attrs={"rows": 4})
    )
    target_date = forms.DateField(
        label="Hạn giải quyết xong (khi đang giải quyết)", required=False, **_DATE
    )
    reason = forms.CharField(
        label="Lý do (khi chưa giải quyết được)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MergeForm(forms.Form):
    duplicate = forms.ModelChoiceField(
        label="Kiến nghị trùng (sẽ gộp vào kiến nghị này)", queryset=Petition.objects.none()
    )
    merged_on = forms.DateField(label="Ngày gộp", **_DATE)

    def __init__(self, *args, petition: Petition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duplicate"].queryset = Petition.objects.public().exclude(pk=petition.pk)
        self.fields["duplicate"].label_from_instance = lambda p: f"{p.external_id} – {p.title}"


class ClockForm(forms.Form):
    ACTIONS = [
        ("pause", "Tạm dừng tính hạn"),
        ("resume", "Tiếp tục tính hạn"),
        ("extend", "Gia hạn"),
    ]
    clock = forms.ChoiceField(label="Thao tác", choices=ACTIONS)
    on = forms.DateField(label="Ngày", **_DATE)
    days = forms.IntegerField(
        label="Số ngày làm việc gia hạn", required=False, min_value=1, max_value=365
    )
    note = forms.CharField(label="Lý do, căn cứ", max_length=500, required=False)


class FeedbackForm(forms.Form):
    answer = forms.ModelChoiceField(label="Trả lời được đánh giá", queryset=Petition.objects.none())
    satisfactory = forms.TypedChoiceField(
        label="Đánh giá",
        choices=[("1", "Đạt yêu cầu"), ("0", "Chưa đạt yêu cầu")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    deputy = forms.ModelChoiceField(
        label="Đại biểu", queryset=Petition.objects.none(), required=False
    )
    note = forms.CharField(
        label="Nhận xét", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    given_on = forms.DateField(label="Ngày đánh giá", **_DATE)

    def __init__(self, *args, petition: Petition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].queryset = petition.answers.all()
        self.fields["deputy"].queryset = Deputy.objects.filter(is_active=True)


class SourceForm(forms.Form):
    reference = forms.CharField(label="Số, ký hiệu / tên văn bản nguồn", max_length=255)
